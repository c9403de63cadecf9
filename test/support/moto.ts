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

export interface Moto {
  url: string;
  /** SDK client config pointing at moto, dummy credentials, no SDK retries. */
  config: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; maxAttempts: number };
  stop(): void;
}

/**
 * Starts moto_server on a free loopback port and resolves once it prints that it is listening (an event, not a
 * polling loop); rejects if it exits first.
 */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const proc = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    let printed = '';
    const onData = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      if (printed.includes(`Running on ${url}`)) {
        proc.stdout.off('data', onData);
        proc.stderr.off('data', onData);
        proc.off('exit', onExit);
        // keep draining so the child never blocks on a full pipe
        proc.stdout.resume();
        proc.stderr.resume();
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`moto_server exited (${String(code)}) before listening:\n${printed}`));
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', onExit);
  });
  return {
    url,
    config: { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1 },
    stop: () => proc.kill('SIGTERM'),
  };
}
