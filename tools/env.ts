/**
 * Sets environment variables of this process and returns the function that puts back what was there before.
 * `values` are set (undefined removes the variable); `defaults` only where the variable is unset or empty (a user
 * pointing Directory Service at moto_server keeps that). The AWS SDK reads its variables when a client is created:
 * callers that change endpoints also reset the cached clients.
 */
export function setEnv(values: Record<string, string | undefined>, defaults: Record<string, string> = {}): () => void {
  const saved = new Map<string, string | undefined>();
  const set = (key: string, value: string | undefined): void => {
    if (!saved.has(key)) saved.set(key, process.env[key]);
    if (value === undefined) Reflect.deleteProperty(process.env, key);
    else process.env[key] = value;
  };
  for (const [key, value] of Object.entries(defaults)) if (!process.env[key]) set(key, value);
  for (const [key, value] of Object.entries(values)) set(key, value);
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  };
}
