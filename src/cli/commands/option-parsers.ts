// Option values shared by several commands, parsed one way everywhere.

/** A commander option parser for a finite number; anything else is an error naming `--name`. */
export function parseNumber(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new Error(`--${name} needs a number, got "${value}"`);
    return n;
  };
}

/**
 * The receiver position from `--lat`/`--lon`: undefined when neither is given, null unless both
 * are, within -90..90 and -180..180 degrees.
 */
export function parseReceiver(lat: string | undefined, lon: string | undefined): { lat: number; lon: number } | undefined | null {
  if (lat === undefined && lon === undefined) return undefined;
  const latitude = Number(lat);
  const longitude = Number(lon);
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { lat: latitude, lon: longitude } : null;
}
