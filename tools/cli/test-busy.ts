/**
 * `npm run test:busy` — `npm test` on a busy machine: CPU-bound processes (`node -e 'for(;;){}'`, two by default)
 * run beside the whole suite for its whole duration, then are stopped. The tests wait on the simulated clock or on
 * events, never on wall time, so they must pass as they do on an idle machine, only slower.
 *
 *   npm run test:busy                 # two hogs
 *   npm run test:busy -- --hogs 4     # more
 *
 * Prints the test run as `npm test` does, then one summary line. Exit code: the test run's (2: usage error).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { EXIT_FAILED, EXIT_OK, UsageError, runMain } from './io.ts';

const USAGE = `Usage: npm run test:busy -- [--hogs N]

Runs npm test with N CPU-bound processes (default 2) beside it for its whole duration, then prints whether it
passed, how long it took and how many hogs ran. Exit code: npm test's (2: usage error).
`;

const ROOT = new URL('../..', import.meta.url).pathname;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { hogs: { type: 'string', default: '2' }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0] ?? ''} (npm run test:busy -- --help for the options)`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  const count = Number(values.hogs);
  if (!/^\d+$/.test(values.hogs) || count > 64) throw new UsageError(`--hogs must be a whole number 0-64, got "${values.hogs}"`);
  const testScript = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts['test'];
  if (!testScript) throw new UsageError('package.json has no "test" script');

  // The real node binary (process.execPath), so each hog is one process that its pid stops.
  const hogs: ChildProcess[] = Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  const stopHogs = (): void => {
    for (const hog of hogs) if (hog.exitCode === null && hog.signalCode === null) hog.kill('SIGKILL');
  };
  process.once('exit', stopHogs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopHogs();
      process.exit(130);
    });
  }
  const started = performance.now();
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const run = spawn('sh', ['-c', testScript], { cwd: ROOT, stdio: 'inherit' });
      run.once('error', reject);
      run.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? EXIT_FAILED : EXIT_OK)));
    });
    const seconds = Math.round((performance.now() - started) / 1000);
    const alive = hogs.filter((h) => h.exitCode === null && h.signalCode === null).length;
    process.stdout.write(
      `\nnpm test beside ${count} CPU-bound process(es) on ${availableParallelism()} core(s): ${code === 0 ? 'PASSED' : `FAILED (exit ${code})`} ` +
        `in ${Math.floor(seconds / 60)} min ${seconds % 60} s (${alive} of ${count} hogs still running at the end)\n`,
    );
    return code;
  } finally {
    stopHogs();
  }
}

runMain(() => main(process.argv.slice(2)));
