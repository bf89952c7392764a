/*
 * Node-API surface of the native demodulator: create(rate) → handle | null, push(handle, chunk, out),
 * end(handle, out) → frame count written into `out` as 32-byte records (float64 timestamp12,
 * int32 length, int32 signal, 14 frame bytes), stats(handle, Float64Array(11)). native/loader.ts
 * wraps it in the same FrameParser interface as the TypeScript demodulator.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>
#include "demod.h"

_Static_assert(sizeof(struct demod_frame) == 32, "frame record layout is shared with native/loader.ts");
_Static_assert(offsetof(struct demod_frame, bytes) == 16, "frame record layout is shared with native/loader.ts");

#define CHECK(call)                                   \
  do {                                                \
    if ((call) != napi_ok) {                          \
      napi_throw_error(env, NULL, "native demod: " #call " failed"); \
      return NULL;                                    \
    }                                                 \
  } while (0)

static void finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  demod_destroy((struct demod *)data);
}

static napi_value create(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  int32_t rate = 0;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_get_value_int32(env, argv[0], &rate) != napi_ok) rate = 0;
  struct demod *d = demod_create(rate);
  if (!d) {
    CHECK(napi_get_null(env, &result));
    return result;
  }
  CHECK(napi_create_external(env, d, finalize, NULL, &result));
  return result;
}

static int typed_bytes(napi_env env, napi_value value, void **data, size_t *length) {
  napi_typedarray_type type;
  size_t count, offset;
  napi_value buffer;
  if (napi_get_typedarray_info(env, value, &type, &count, data, &buffer, &offset) != napi_ok) return 0;
  if (type == napi_uint8_array) *length = count;
  else if (type == napi_float64_array) *length = count * 8;
  else return 0;
  return 1;
}

static napi_value run(napi_env env, napi_callback_info info, int is_end) {
  size_t argc = 3;
  napi_value argv[3], result;
  void *handle = NULL, *chunk = NULL, *out = NULL;
  size_t chunk_length = 0, out_length = 0;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  size_t need = is_end ? 2 : 3;
  if (argc < need || napi_get_value_external(env, argv[0], &handle) != napi_ok ||
      !typed_bytes(env, argv[need - 1], &out, &out_length) ||
      (!is_end && !typed_bytes(env, argv[1], &chunk, &chunk_length))) {
    napi_throw_type_error(env, NULL, "native demod: bad arguments");
    return NULL;
  }
  int capacity = (int)(out_length / sizeof(struct demod_frame));
  int count = is_end ? demod_end(handle, out, capacity)
                     : demod_push(handle, (const uint8_t *)chunk, chunk_length, out, capacity);
  CHECK(napi_create_int32(env, count, &result));
  return result;
}

static napi_value push(napi_env env, napi_callback_info info) { return run(env, info, 0); }
static napi_value end(napi_env env, napi_callback_info info) { return run(env, info, 1); }

static napi_value stats(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  void *handle = NULL, *out = NULL;
  size_t out_length = 0;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || napi_get_value_external(env, argv[0], &handle) != napi_ok || !typed_bytes(env, argv[1], &out, &out_length) ||
      out_length < sizeof(struct demod_stats)) {
    napi_throw_type_error(env, NULL, "native demod: bad arguments");
    return NULL;
  }
  *(struct demod_stats *)out = *demod_stats(handle);
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"create", NULL, create, NULL, NULL, NULL, napi_default, NULL},
      {"push", NULL, push, NULL, NULL, NULL, napi_default, NULL},
      {"end", NULL, end, NULL, NULL, NULL, napi_default, NULL},
      {"stats", NULL, stats, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, 4, props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
