/**
 * moto_server for tests that check the project against an independent AWS implementation. moto is installed on the
 * project's CI machines; where it is absent, callers skip with the reason printed (`t.skip(MOTO_MISSING)`).
 */
import { spawnSync } from 'node:child_process';
import { startMotoServer } from '../../tools/local/moto.ts';
import type { MotoServer } from '../../tools/local/moto.ts';

export const MOTO_MISSING = 'moto_server not on PATH';

export const onPath = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export interface Moto extends Omit<MotoServer, 'config'> {
  /** SDK client config pointing at moto, dummy credentials, no SDK retries. */
  config: MotoServer['config'] & { maxAttempts: number };
}

/** Starts moto_server on a free loopback port (ready when it says it listens: tools/local/moto.ts). */
export async function startMoto(): Promise<Moto> {
  const moto = await startMotoServer();
  return { ...moto, config: { ...moto.config, maxAttempts: 1 } };
}
