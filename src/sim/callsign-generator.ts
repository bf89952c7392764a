// Plausible, unique callsigns from a seeded generator: airline flights ("AMC421", "DLH4KC") for
// airliners and registration-style calls ("DEKLM", "N512TR") for light aircraft. Every string
// uses only the characters ADS-B identification can carry (A–Z, 0–9).
import type { Prng } from './prng.ts';

// ICAO airline designators of real operators: they make a demo look like a receiver's screen.
const AIRLINES = [
  'AMC', 'DLH', 'BAW', 'AFR', 'KLM', 'RYR', 'EZY', 'UAE', 'THY', 'SWR', 'AUA', 'IBE', 'SAS', 'FIN', 'LOT',
  'TAP', 'AZA', 'VLG', 'WZZ', 'EWG', 'QTR', 'ETD', 'ACA', 'UAL', 'DAL', 'AAL', 'SIA', 'CPA', 'JBU', 'BEL',
] as const;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export class CallsignGenerator {
  private readonly used = new Set<string>();
  private readonly prng: Prng;

  constructor(prng: Prng) {
    this.prng = prng;
  }

  airline(): string {
    return this.unique(() => {
      const p = this.prng;
      const digits = p.int(1, 4);
      let number = String(p.int(1, 9));
      for (let i = 1; i < digits; i++) number += String(p.int(0, 9));
      // Some operators append letters to keep similar numbers apart on frequency.
      const suffix = digits <= 3 && p.chance(0.25) ? this.letters(p.int(1, 2)) : '';
      return p.pick(AIRLINES) + number + suffix;
    });
  }

  registration(): string {
    return this.unique(() => {
      const p = this.prng;
      switch (p.int(0, 2)) {
        case 0: return 'DE' + this.letters(3);
        case 1: return 'G' + this.letters(4);
        default: return 'N' + String(p.int(100, 999)) + this.letters(2);
      }
    });
  }

  private letters(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += LETTERS[this.prng.int(0, LETTERS.length - 1)];
    return s;
  }

  private unique(make: () => string): string {
    for (;;) {
      const callsign = make();
      if (!this.used.has(callsign)) {
        this.used.add(callsign);
        return callsign;
      }
    }
  }
}
