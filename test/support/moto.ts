/**
 * moto_server for tests that check the project against an independent AWS implementation. moto is installed on the
 * project's CI machines; where it is absent, callers skip with the reason printed (`t.skip(MOTO_MISSING)`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export const MOTO_MISSING = 'moto_server not on PATH';

export const onPath = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`moto_server did not answer on ${url} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export interface Moto {
  url: string;
  /** SDK client config pointing at moto, dummy credentials, no SDK retries. */
  config: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; maxAttempts: number };
  stop(): void;
}

/** Starts moto_server on a free loopback port and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const proc = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/moto-api/`, 30_000);
  } catch (err) {
    proc.kill('SIGTERM');
    throw err;
  }
  return {
    url,
    config: { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1 },
    stop: () => proc.kill('SIGTERM'),
  };
}
