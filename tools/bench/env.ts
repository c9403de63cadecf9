import type { Emulator } from '../local/emulator/index.ts';

/**
 * Points this process's AWS SDK clients at the emulator (its `AWS_ENDPOINT_URL_*`, region and dummy credentials),
 * as runProvisioning does for its own emulator; returns the function that restores the previous values. Callers also
 * `resetClients()` so the handlers' cached clients pick the endpoints up.
 */
export function pointAt(emulator: Emulator): () => void {
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(emulator.env())) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  };
}
