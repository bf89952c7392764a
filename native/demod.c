/*
 * Native twin of src/demod/iq-demodulator.ts: the same slicer tables, the same integer arithmetic,
 * the same decisions, so both paths emit the same frames for the same input (a test checks it).
 * The TypeScript file documents the algorithm; comments here only cover what differs in C.
 * CRC-24 and the 1-bit syndrome search are re-implemented here because the hot loop cannot call
 * back into JavaScript per candidate; they follow src/modes/crc.ts (generator 0x1FFF409, bits
 * 0-4 never corrected, ambiguous syndromes never repaired).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "demod.h"

#define SLICE_SAMPLES 65536
#define MAX_BITS 112
#define WEIGHTS_PER_BIT 4
#define WEIGHTS_PER_CHIP 2
#define MAX_PHASE_TRIES 3
#define MAX_PHASES 5
#define NOISE_BINS 2048
#define NOISE_SHIFT 5
#define SCREEN_EIGHTHS 10
#define PREAMBLE_RATIO 2
#define ADDRESS_SLOTS 4096
#define ADDRESS_TTL_SECONDS 60
#define FULL_SCALE_MAGNITUDE 46341
#define CHECKABLE_DF ((1u << 0) | (1u << 4) | (1u << 5) | (1u << 11) | (1u << 16) | (1u << 17) | (1u << 18) | (1u << 20) | (1u << 21))

enum { UNKNOWN_ADDRESS = -1, BAD = 0, REPAIRABLE = 1, CLEAN = 2 };

static uint16_t magnitude[65536];
static uint32_t crc_table[256];
static uint32_t syndrome_long[MAX_BITS];
static uint32_t syndrome_short[56];
static int tables_ready = 0;

static const int pulse_chips[4] = {0, 2, 7, 9};

static uint32_t crc_remainder(const uint8_t *frame, int bytes) {
  uint32_t crc = 0;
  int n = bytes - 3;
  for (int i = 0; i < n; i++) crc = ((crc << 8) & 0xffffff) ^ crc_table[((crc >> 16) ^ frame[i]) & 0xff];
  return crc ^ (((uint32_t)frame[n] << 16) | ((uint32_t)frame[n + 1] << 8) | frame[n + 2]);
}

static void build_tables(void) {
  if (tables_ready) return;
  for (int i = 0; i < 256; i++) {
    double di = i - 127.5;
    for (int q = 0; q < 256; q++) {
      double dq = q - 127.5;
      double m = floor((sqrt(di * di + dq * dq) * FULL_SCALE_MAGNITUDE) / 127.5 + 0.5);
      magnitude[(i << 8) | q] = m > 65535 ? 65535 : (uint16_t)m;
    }
  }
  for (int b = 0; b < 256; b++) {
    uint32_t c = (uint32_t)b << 16;
    for (int k = 0; k < 8; k++) c = (c & 0x800000) ? ((c << 1) ^ 0xfff409) & 0xffffff : (c << 1) & 0xffffff;
    crc_table[b] = c;
  }
  uint8_t frame[14];
  for (int bit = 0; bit < MAX_BITS; bit++) {
    memset(frame, 0, sizeof frame);
    frame[bit >> 3] = 0x80 >> (bit & 7);
    syndrome_long[bit] = crc_remainder(frame, 14);
  }
  for (int bit = 0; bit < 56; bit++) {
    memset(frame, 0, sizeof frame);
    frame[bit >> 3] = 0x80 >> (bit & 7);
    syndrome_short[bit] = crc_remainder(frame, 7);
  }
  tables_ready = 1;
}

/* The bit (5..bits-1) whose syndrome is `s`, or -1; a syndrome shared by two bits is not repaired. */
static int find_single_bit(const uint32_t *syndromes, int bits, uint32_t s) {
  int found = -1;
  if (s == 0) return -1;
  for (int b = 5; b < bits; b++) {
    if (syndromes[b] == s) {
      if (found >= 0) return -1;
      found = b;
    }
  }
  return found;
}

struct demod {
  int rate, phases, chip_units, ticks_per_sample, lookahead, short_span, long_span;
  int screen_a, screen_b, screen_quiet;
  int32_t bit_offset[MAX_PHASES * MAX_BITS];
  int32_t bit_first[MAX_PHASES * MAX_BITS * WEIGHTS_PER_BIT];
  int32_t bit_second[MAX_PHASES * MAX_BITS * WEIGHTS_PER_BIT];
  int32_t bit_difference[MAX_PHASES * MAX_BITS * WEIGHTS_PER_BIT];
  int32_t pulse_offset[MAX_PHASES * 4], pulse_weight[MAX_PHASES * 4 * WEIGHTS_PER_CHIP];
  int32_t total_from[MAX_PHASES], total_to[MAX_PHASES], total_head[MAX_PHASES], total_head_weight[MAX_PHASES];
  int32_t total_tail[MAX_PHASES], total_tail_weight[MAX_PHASES];
  uint16_t *mag;
  int64_t *prefix;
  int capacity, filled, carry;
  int64_t base, skip_until, noise;
  int32_t histogram[NOISE_BINS];
  int32_t known_address[ADDRESS_SLOTS];
  int64_t known_seen[ADDRESS_SLOTS];
  int64_t ttl;
  uint8_t candidate[2 * MAX_PHASES * 14];
  int candidate_bits[2 * MAX_PHASES];
  int64_t score[2 * MAX_PHASES];
  int order[2 * MAX_PHASES];
  int64_t weight_squares;
  int repair_bit;
  struct demod_stats stats;
  struct demod_frame *out;
  int out_count, out_capacity;
};

static void window_weights(int start, int length, int phases, int first, int32_t *out, int count) {
  for (int j = 0; j < count; j++) {
    int lo = (first + j) * phases, hi = lo + phases;
    int end = start + length;
    int overlap = (hi < end ? hi : end) - (lo > start ? lo : start);
    out[j] = overlap > 0 ? overlap : 0;
  }
}

static int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

static int span(const struct demod *d, int bits) {
  int units = (16 + 2 * bits) * d->chip_units;
  return (units + d->phases - 1) / d->phases;
}

struct demod *demod_create(int rate) {
  if (rate != 2400000 && rate != 2000000) return NULL;
  build_tables();
  struct demod *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->rate = rate;
  d->phases = rate == 2400000 ? 5 : 4;
  d->chip_units = rate == 2400000 ? 6 : 4;
  d->ticks_per_sample = rate == 2400000 ? 5 : 6;
  for (int p = 0; p < d->phases; p++) {
    for (int k = 0; k < MAX_BITS; k++) {
      int start = p + (16 + 2 * k) * d->chip_units;
      int first = floor_div(start, d->phases);
      int slot = p * MAX_BITS + k;
      d->bit_offset[slot] = first;
      window_weights(start, d->chip_units, d->phases, first, &d->bit_first[slot * WEIGHTS_PER_BIT], WEIGHTS_PER_BIT);
      window_weights(start + d->chip_units, d->chip_units, d->phases, first, &d->bit_second[slot * WEIGHTS_PER_BIT], WEIGHTS_PER_BIT);
    }
    for (int c = 0; c < 4; c++) {
      int start = p + pulse_chips[c] * d->chip_units, first = floor_div(start, d->phases), slot = p * 4 + c;
      d->pulse_offset[slot] = first;
      window_weights(start, d->chip_units, d->phases, first, &d->pulse_weight[slot * WEIGHTS_PER_CHIP], WEIGHTS_PER_CHIP);
    }
    int start = p, end = p + 16 * d->chip_units;
    d->total_head[p] = start / d->phases;
    d->total_head_weight[p] = start % d->phases == 0 ? 0 : d->phases - start % d->phases;
    d->total_from[p] = (start + d->phases - 1) / d->phases;
    d->total_to[p] = end / d->phases;
    d->total_tail[p] = end / d->phases;
    d->total_tail_weight[p] = end % d->phases;
  }
  for (int k = 0; k < MAX_PHASES * MAX_BITS * WEIGHTS_PER_BIT; k++) d->bit_difference[k] = d->bit_first[k] - d->bit_second[k];
  d->lookahead = span(d, MAX_BITS) + 2 + WEIGHTS_PER_BIT;
  d->short_span = span(d, 56);
  d->long_span = span(d, 112);
  d->screen_a = rate == 2400000 ? 2 : 1;
  d->screen_b = rate == 2400000 ? 8 : 7;
  d->screen_quiet = rate == 2400000 ? 5 : 4;
  d->capacity = SLICE_SAMPLES + d->lookahead;
  d->mag = calloc((size_t)(d->capacity + d->lookahead), sizeof(uint16_t));
  d->prefix = calloc((size_t)(d->capacity + d->lookahead + 1), sizeof(int64_t));
  if (!d->mag || !d->prefix) {
    free(d->mag);
    free(d->prefix);
    free(d);
    return NULL;
  }
  d->carry = -1;
  d->noise = -1;
  d->ttl = (int64_t)ADDRESS_TTL_SECONDS * rate;
  for (int s = 0; s < ADDRESS_SLOTS; s++) d->known_address[s] = -1;
  return d;
}

void demod_destroy(struct demod *d) {
  if (!d) return;
  free(d->mag);
  free(d->prefix);
  free(d);
}

const struct demod_stats *demod_stats(const struct demod *d) { return &d->stats; }

static int address_slot(uint32_t address) { return (int)(((uint32_t)(address * 0x9e3779b1u)) >> 20) & (ADDRESS_SLOTS - 1); }

static void remember(struct demod *d, uint32_t address) {
  int s = address_slot(address);
  d->known_address[s] = (int32_t)address;
  d->known_seen[s] = d->base;
}

static int known(const struct demod *d, uint32_t address) {
  int s = address_slot(address);
  return d->known_address[s] == (int32_t)address && d->base - d->known_seen[s] <= d->ttl;
}

static void update_noise(struct demod *d) {
  memset(d->histogram, 0, sizeof d->histogram);
  int count = 0;
  for (int i = 0; i < d->filled; i += 4) {
    d->histogram[d->mag[i] >> NOISE_SHIFT]++;
    count++;
  }
  int half = count >> 1, seen = 0, bin = 0;
  while (bin < NOISE_BINS - 1 && seen + d->histogram[bin] <= half) seen += d->histogram[bin++];
  int64_t median = ((int64_t)bin << NOISE_SHIFT) + (1 << (NOISE_SHIFT - 1));
  d->noise = d->noise < 0 ? median : (d->noise * 3 + median) / 4;
  d->stats.noise_floor = (double)d->noise;
}

static int slice_phase(struct demod *d, int i, int p, int key) {
  const uint16_t *m = d->mag;
  uint8_t *out = &d->candidate[key * 14];
  int bits = MAX_BITS, byte_at = 0;
  unsigned acc = 0;
  for (int k = 0; k < bits; k++) {
    int slot = p * MAX_BITS + k;
    const uint16_t *o = m + i + d->bit_offset[slot];
    const int32_t *w = &d->bit_difference[slot * WEIGHTS_PER_BIT];
    int32_t diff = w[0] * o[0] + w[1] * o[1] + w[2] * o[2] + w[3] * o[3];
    acc = (acc << 1) | (diff > 0 ? 1u : 0u);
    if ((k & 7) == 7) {
      out[byte_at++] = (uint8_t)acc;
      acc = 0;
      if (k == 7) {
        int df = out[0] >> 3;
        if (((CHECKABLE_DF >> df) & 1) == 0) return 0;
        bits = df >= 16 ? 112 : 56;
      }
    }
  }
  d->candidate_bits[key] = bits;
  return bits;
}

static int64_t pulse_energy(struct demod *d, int i, int p, const uint8_t *bytes, int bits) {
  int64_t energy = 0, squares = 0;
  for (int k = 0; k < bits; k++) {
    int slot = p * MAX_BITS + k;
    const uint16_t *o = d->mag + i + d->bit_offset[slot];
    const int32_t *w = ((bytes[k >> 3] >> (7 - (k & 7))) & 1) ? &d->bit_first[slot * WEIGHTS_PER_BIT] : &d->bit_second[slot * WEIGHTS_PER_BIT];
    energy += w[0] * o[0] + w[1] * o[1] + w[2] * o[2] + w[3] * o[3];
    squares += w[0] * w[0] + w[1] * w[1] + w[2] * w[2] + w[3] * w[3];
  }
  d->weight_squares = squares;
  return energy * d->phases;
}

static int check(struct demod *d, int key, int bits) {
  const uint8_t *bytes = &d->candidate[key * 14];
  int df = bytes[0] >> 3;
  uint32_t r = crc_remainder(bytes, bits / 8);
  if (df == 17 || df == 18) {
    if (r == 0) return CLEAN;
    d->repair_bit = find_single_bit(syndrome_long, MAX_BITS, r);
    return d->repair_bit >= 0 ? REPAIRABLE : BAD;
  }
  if (df == 11) {
    if (r == 0) return CLEAN;
    if ((r & 0xffff80) == 0) {
      uint32_t address = ((uint32_t)bytes[1] << 16) | ((uint32_t)bytes[2] << 8) | bytes[3];
      return known(d, address) ? CLEAN : UNKNOWN_ADDRESS;
    }
    d->repair_bit = find_single_bit(syndrome_short, 56, r);
    return d->repair_bit >= 0 ? REPAIRABLE : BAD;
  }
  return known(d, r) ? CLEAN : UNKNOWN_ADDRESS;
}

static int emit(struct demod *d, int i, int key, int bits, int repaired) {
  int p = key < d->phases ? key : key - d->phases;
  int at = key < d->phases ? i : i + 1;
  const uint8_t *bytes = &d->candidate[key * 14];
  int length = bits / 8;
  int df = bytes[0] >> 3;
  if (df == 17 || (df == 11 && crc_remainder(bytes, 7) == 0)) {
    remember(d, ((uint32_t)bytes[1] << 16) | ((uint32_t)bytes[2] << 8) | bytes[3]);
  }
  if (d->out_count < d->out_capacity) {
    struct demod_frame *f = &d->out[d->out_count++];
    memcpy(f->bytes, bytes, (size_t)length);
    f->length = length;
    f->timestamp12 = (double)((d->base + at) * d->ticks_per_sample + (p * d->ticks_per_sample + (d->phases >> 1)) / d->phases);
    int64_t energy = pulse_energy(d, at, p, bytes, bits);
    int64_t denominator = d->weight_squares * FULL_SCALE_MAGNITUDE;
    int64_t signal = (energy * 510 + denominator) / (2 * denominator);
    f->signal = signal < 1 ? 1 : signal > 255 ? 255 : (int)signal;
  } else {
    d->stats.dropped++;
  }
  d->stats.frames++;
  if (repaired) d->stats.repaired++;
  else d->stats.clean++;
  return at - i + (bits == 112 ? d->long_span : d->short_span);
}

static int try_at(struct demod *d, int i) {
  const uint16_t *m = d->mag;
  int passing = 0;
  for (int key = 0; key < 2 * d->phases; key++) {
    int p = key < d->phases ? key : key - d->phases;
    int at = key < d->phases ? i : i + 1;
    int64_t pulses = 0, weakest = 0;
    for (int c = 0; c < 4; c++) {
      int slot = p * 4 + c;
      const uint16_t *o = m + at + d->pulse_offset[slot];
      const int32_t *w = &d->pulse_weight[slot * WEIGHTS_PER_CHIP];
      int64_t s = w[0] * o[0] + w[1] * o[1];
      pulses += s;
      if (c == 0 || s < weakest) weakest = s;
    }
    int64_t total = d->phases * (d->prefix[at + d->total_to[p]] - d->prefix[at + d->total_from[p]]) +
                    (int64_t)d->total_head_weight[p] * m[at + d->total_head[p]] +
                    (int64_t)d->total_tail_weight[p] * m[at + d->total_tail[p]];
    int64_t quiet = total - pulses;
    if (pulses * 3 <= quiet * PREAMBLE_RATIO || weakest * 12 <= quiet) continue;
    int64_t s = pulses * 3 - quiet;
    int rank = passing++;
    while (rank > 0 && d->score[d->order[rank - 1]] < s) {
      d->order[rank] = d->order[rank - 1];
      rank--;
    }
    d->order[rank] = key;
    d->score[key] = s;
  }
  if (passing == 0) return 0;
  d->stats.preambles++;
  int repair_key = -1, repair_bit = -1, saw_unknown = 0;
  int tries = passing < MAX_PHASE_TRIES ? passing : MAX_PHASE_TRIES;
  for (int k = 0; k < tries; k++) {
    int key = d->order[k];
    int bits = key < d->phases ? slice_phase(d, i, key, key) : slice_phase(d, i + 1, key - d->phases, key);
    if (bits == 0) continue;
    int verdict = check(d, key, bits);
    if (verdict == CLEAN) return emit(d, i, key, bits, 0);
    if (verdict == REPAIRABLE && repair_key < 0) {
      repair_key = key;
      repair_bit = d->repair_bit;
    } else if (verdict == UNKNOWN_ADDRESS) {
      saw_unknown = 1;
    }
  }
  if (repair_key >= 0) {
    d->candidate[repair_key * 14 + (repair_bit >> 3)] ^= (uint8_t)(0x80 >> (repair_bit & 7));
    return emit(d, i, repair_key, d->candidate_bits[repair_key], 1);
  }
  if (saw_unknown) d->stats.unknown_address++;
  else d->stats.bad_crc++;
  return 0;
}

static void scan(struct demod *d, int limit) {
  const uint16_t *m = d->mag;
  const int A = d->screen_a, B = d->screen_b, Q = d->screen_quiet;
  const int64_t threshold = (d->noise * 3 * SCREEN_EIGHTHS) / 8;
  int64_t start = d->skip_until - d->base;
  int i = start < 0 ? 0 : (int)(start > limit ? limit : start);
  for (; i < limit; i++) {
    int a = m[i + A] + m[i + A + 1] + m[i + A + 2];
    if (a <= threshold) continue;
    int q = m[i + Q] + m[i + Q + 1] + m[i + Q + 2];
    if (a <= q) continue;
    int b = m[i + B] + m[i + B + 1] + m[i + B + 2];
    if (b <= threshold || b <= q) continue;
    int s = try_at(d, i);
    if (s > 0) {
      d->skip_until = d->base + i + s;
      i += s - 1;
    }
  }
}

static void process(struct demod *d, int final) {
  update_noise(d);
  int limit;
  if (final) {
    memset(d->mag + d->filled, 0, (size_t)d->lookahead * sizeof(uint16_t));
    limit = d->filled;
  } else {
    limit = d->filled - d->lookahead;
  }
  int end = d->filled + d->lookahead;
  int64_t sum = 0;
  for (int n = 0; n < end; n++) {
    d->prefix[n] = sum;
    sum += d->mag[n];
  }
  d->prefix[end] = sum;
  scan(d, limit);
  if (final) {
    d->base += d->filled;
    d->filled = 0;
  } else {
    memmove(d->mag, d->mag + limit, (size_t)(d->filled - limit) * sizeof(uint16_t));
    d->base += limit;
    d->filled -= limit;
  }
}

int demod_push(struct demod *d, const uint8_t *chunk, size_t length, struct demod_frame *out, int out_capacity) {
  d->out = out;
  d->out_count = 0;
  d->out_capacity = out_capacity;
  d->stats.bytes += (double)length;
  size_t pos = 0;
  if (d->carry >= 0 && length > 0) {
    d->mag[d->filled++] = magnitude[(d->carry << 8) | chunk[0]];
    d->stats.samples++;
    d->carry = -1;
    pos = 1;
    if (d->filled == d->capacity) process(d, 0);
  }
  while (length - pos >= 2) {
    size_t room = (size_t)(d->capacity - d->filled);
    size_t n = (length - pos) >> 1;
    if (n > room) n = room;
    uint16_t *dst = d->mag + d->filled;
    const uint8_t *src = chunk + pos;
    for (size_t j = 0; j < n; j++) dst[j] = magnitude[(src[2 * j] << 8) | src[2 * j + 1]];
    d->filled += (int)n;
    d->stats.samples += (double)n;
    pos += 2 * n;
    if (d->filled == d->capacity) process(d, 0);
  }
  if (pos < length) d->carry = chunk[pos];
  return d->out_count;
}

int demod_end(struct demod *d, struct demod_frame *out, int out_capacity) {
  d->out = out;
  d->out_count = 0;
  d->out_capacity = out_capacity;
  if (d->filled > 0) process(d, 1);
  if (d->carry >= 0) d->stats.odd_bytes++;
  d->carry = -1;
  return d->out_count;
}
