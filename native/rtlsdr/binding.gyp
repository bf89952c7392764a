{
  "targets": [
    {
      "target_name": "skyledger_rtlsdr",
      "sources": ["rtlsdr.c"],
      "cflags": ["-O2", "-std=c11", "-Wall", "-Wextra"],
      "defines": ["NAPI_VERSION=8", "_POSIX_C_SOURCE=200809L"],
      "libraries": ["-lrtlsdr", "-lpthread"]
    }
  ]
}
