/* The native IQ demodulator's C interface (see demod.c); binding.c exposes it to Node. */
#ifndef SKYLEDGER_DEMOD_H
#define SKYLEDGER_DEMOD_H
#include <stddef.h>
#include <stdint.h>

struct demod;

struct demod_frame {
  double timestamp12;
  int length; /* 7 or 14 */
  int signal; /* 1..255 */
  uint8_t bytes[14];
};

/* Counters mirror DemodStats in src/demod/iq-demodulator.ts; `dropped` counts frames that did not
   fit the caller's output array (the binding sizes it so this stays 0). */
struct demod_stats {
  double frames, bytes, samples, preambles, clean, repaired, unknown_address, bad_crc, odd_bytes, noise_floor, dropped;
  /* field order is read by native/loader.ts */
};

struct demod *demod_create(int rate);
void demod_destroy(struct demod *d);
int demod_push(struct demod *d, const uint8_t *chunk, size_t length, struct demod_frame *out, int out_capacity);
int demod_end(struct demod *d, struct demod_frame *out, int out_capacity);
const struct demod_stats *demod_stats(const struct demod *d);

#endif
