/**
 * Captures (and swallows) everything written to stdout/stderr while `fn` runs: how the secret scans read the
 * handlers' Powertools log lines. No imports, no side effects, so unit tests can use it too.
 */
export const captureOutput = async <T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> => {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const grab = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  try {
    const result = await fn();
    return { result, output: chunks.join('') };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
};
