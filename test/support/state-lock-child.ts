/**
 * A process that opens `--state` files on command, for the lock race test (test/tools/local/state-file.test.ts).
 * stdin, one command a line: `open <path>` -> prints `held` or `refused <message>`; `release` -> drops what it
 * holds, prints `released`. It exits when stdin closes.
 */
import { createInterface } from 'node:readline';
import { openStateFile } from '../../tools/local/state-file.ts';
import type { StateFile } from '../../tools/local/state-file.ts';

let held: StateFile | undefined;
for await (const line of createInterface({ input: process.stdin })) {
  const [command, path] = line.split(' ');
  if (command === 'open' && path) {
    try {
      held = openStateFile(path);
      process.stdout.write('held\n');
    } catch (err) {
      process.stdout.write(`refused ${(err as Error).message}\n`);
    }
  } else if (command === 'release') {
    held?.release();
    held = undefined;
    process.stdout.write('released\n');
  }
}
