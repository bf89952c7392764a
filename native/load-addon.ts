// Loading an optional N-API addon: once, remembering either the binding or why there is none.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

export interface AddonLoad<T> {
  binding: T | undefined;
  /** Why `binding` is undefined: not built, or the require failed. */
  error: string | undefined;
}

/** A function that requires the addon at `file` on its first call and returns that outcome ever after. */
export function addonLoader<T>(file: string, notBuilt: () => string): () => AddonLoad<T> {
  let outcome: AddonLoad<T> | undefined;
  return () => (outcome ??= load<T>(file, notBuilt));
}

function load<T>(file: string, notBuilt: () => string): AddonLoad<T> {
  if (!existsSync(file)) return { binding: undefined, error: notBuilt() };
  try {
    return { binding: createRequire(import.meta.url)(file) as T, error: undefined };
  } catch (err) {
    return { binding: undefined, error: `cannot load ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
}
