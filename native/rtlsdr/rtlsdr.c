/*
 * Optional direct RTL-SDR access (librtlsdr async transfers), built separately from the demodulator
 * so a machine without librtlsdr-dev still gets the demodulator addon. Exposes:
 *   deviceCount() → number, deviceName(index) → string,
 *   open(index, rate, frequency, gainTenthsDb (<0 = automatic), ppm, onData(Buffer), onEnd(code)) → handle,
 *   stop(handle).
 * Samples are read on a thread of our own (rtlsdr_read_async blocks) and handed to JavaScript
 * through a thread-safe function; each buffer is a copy the JavaScript side owns.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <pthread.h>
#include <rtl-sdr.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
  rtlsdr_dev_t *dev;
  pthread_t thread;
  napi_threadsafe_function on_data;
  napi_threadsafe_function on_end;
  int running;
  int result;
};

struct block {
  size_t length;
  uint8_t bytes[];
};

#define THROW(msg)                           \
  do {                                       \
    napi_throw_error(env, NULL, msg);        \
    return NULL;                             \
  } while (0)

static void on_samples(unsigned char *buf, uint32_t len, void *ctx) {
  struct reader *r = ctx;
  struct block *b = malloc(sizeof *b + len);
  if (!b) return;
  b->length = len;
  memcpy(b->bytes, buf, len);
  if (napi_call_threadsafe_function(r->on_data, b, napi_tsfn_nonblocking) != napi_ok) free(b);
}

static void *read_loop(void *arg) {
  struct reader *r = arg;
  r->result = rtlsdr_read_async(r->dev, on_samples, r, 0, 0);
  napi_call_threadsafe_function(r->on_end, NULL, napi_tsfn_blocking);
  return NULL;
}

static void free_block(napi_env env, void *data, void *hint) {
  (void)env;
  (void)data;
  free(hint);
}

static void call_data(napi_env env, napi_value js_cb, void *context, void *data) {
  (void)context;
  struct block *b = data;
  if (env == NULL || js_cb == NULL) {
    free(b);
    return;
  }
  napi_value buffer, undefined;
  if (napi_create_external_buffer(env, b->length, b->bytes, free_block, b, &buffer) != napi_ok) {
    free(b);
    return;
  }
  napi_get_undefined(env, &undefined);
  napi_call_function(env, undefined, js_cb, 1, &buffer, NULL);
}

static void call_end(napi_env env, napi_value js_cb, void *context, void *data) {
  (void)data;
  struct reader *r = context;
  if (env == NULL || js_cb == NULL) return;
  napi_value code, undefined;
  napi_create_int32(env, r->result, &code);
  napi_get_undefined(env, &undefined);
  napi_call_function(env, undefined, js_cb, 1, &code, NULL);
}

static void stop_reader(struct reader *r) {
  if (!r->running) return;
  r->running = 0;
  rtlsdr_cancel_async(r->dev);
  pthread_join(r->thread, NULL);
  rtlsdr_close(r->dev);
  napi_release_threadsafe_function(r->on_data, napi_tsfn_release);
  napi_release_threadsafe_function(r->on_end, napi_tsfn_release);
}

static void finalize_reader(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  struct reader *r = data;
  stop_reader(r);
  free(r);
}

static napi_value device_count(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  napi_create_uint32(env, rtlsdr_get_device_count(), &result);
  return result;
}

static napi_value device_name(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  uint32_t index = 0;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || napi_get_value_uint32(env, argv[0], &index) != napi_ok) THROW("deviceName(index): index must be a number");
  const char *name = rtlsdr_get_device_name(index);
  napi_create_string_utf8(env, name ? name : "", NAPI_AUTO_LENGTH, &result);
  return result;
}

static napi_value open_device(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7], handle, name;
  uint32_t index, rate, frequency;
  int32_t gain, ppm;
  char message[160];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 7 || napi_get_value_uint32(env, argv[0], &index) != napi_ok || napi_get_value_uint32(env, argv[1], &rate) != napi_ok ||
      napi_get_value_uint32(env, argv[2], &frequency) != napi_ok || napi_get_value_int32(env, argv[3], &gain) != napi_ok ||
      napi_get_value_int32(env, argv[4], &ppm) != napi_ok)
    THROW("open(index, rate, frequency, gain, ppm, onData, onEnd): bad arguments");
  struct reader *r = calloc(1, sizeof *r);
  if (!r) THROW("out of memory");
  int rc = rtlsdr_open(&r->dev, index);
  if (rc < 0) {
    free(r);
    snprintf(message, sizeof message, "cannot open RTL-SDR device %u (librtlsdr error %d; %u device(s) found)", index, rc,
             rtlsdr_get_device_count());
    THROW(message);
  }
  if (ppm != 0) rtlsdr_set_freq_correction(r->dev, ppm);
  if (rtlsdr_set_sample_rate(r->dev, rate) < 0 || rtlsdr_set_center_freq(r->dev, frequency) < 0) {
    rtlsdr_close(r->dev);
    free(r);
    snprintf(message, sizeof message, "RTL-SDR device %u refused %u samples/s at %u Hz", index, rate, frequency);
    THROW(message);
  }
  if (gain < 0) {
    rtlsdr_set_tuner_gain_mode(r->dev, 0);
  } else {
    rtlsdr_set_tuner_gain_mode(r->dev, 1);
    rtlsdr_set_tuner_gain(r->dev, gain);
  }
  rtlsdr_reset_buffer(r->dev);
  napi_create_string_utf8(env, "rtlsdr", NAPI_AUTO_LENGTH, &name);
  napi_create_threadsafe_function(env, argv[5], NULL, name, 64, 1, NULL, NULL, NULL, call_data, &r->on_data);
  napi_create_threadsafe_function(env, argv[6], NULL, name, 1, 1, NULL, NULL, r, call_end, &r->on_end);
  r->running = 1;
  if (pthread_create(&r->thread, NULL, read_loop, r) != 0) {
    r->running = 0;
    rtlsdr_close(r->dev);
    napi_release_threadsafe_function(r->on_data, napi_tsfn_release);
    napi_release_threadsafe_function(r->on_end, napi_tsfn_release);
    free(r);
    THROW("cannot start the RTL-SDR reader thread");
  }
  napi_create_external(env, r, finalize_reader, NULL, &handle);
  return handle;
}

static napi_value stop(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  void *r = NULL;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || napi_get_value_external(env, argv[0], &r) != napi_ok) THROW("stop(handle): bad handle");
  stop_reader(r);
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"deviceCount", NULL, device_count, NULL, NULL, NULL, napi_default, NULL},
      {"deviceName", NULL, device_name, NULL, NULL, NULL, napi_default, NULL},
      {"open", NULL, open_device, NULL, NULL, NULL, napi_default, NULL},
      {"stop", NULL, stop, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 4, props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
