/**
 * `npm test` — every test file under test/ (or the files and folders given), each in its own process, two at a time,
 * the long files first: started last, one of them would run on alone while the other slot has nothing left to do.
 * Reports as node:test's spec reporter, then the slowest files.
 *
 *   npm test                                  # everything
 *   npm test -- test/domain test/api/schema.test.ts
 *   npm test -- --concurrency 4               # more files at a time (the suite is checked at 2)
 *
 * Exit code: 0 every test passed, 1 a test failed (or a file did not load), 2 usage error.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { parseArgs } from 'node:util';
import { EXIT_FAILED, EXIT_OK, UsageError, runMain } from './io.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

/**
 * The files that take longest, longest first (measured: the "slowest files" block every run prints). They start
 * before the rest, which then fill the other slot; a file not listed here runs in path order after them.
 */
const LONG_FIRST = [
  'test/packaging/serverless-package.test.ts',
  'test/tools/verify/matrix-provisioning-1.test.ts',
  'test/tools/verify/matrix-provisioning-2.test.ts',
  'test/tools/verify/matrix-teardown.test.ts',
  'test/tools/cli/hostile.test.ts',
  'test/tools/verify/matrix-day-two.test.ts',
  'test/tools/verify/secrets.test.ts',
  'test/tools/local/cli.test.ts',
  'test/tools/local/moto.test.ts',
  'test/packaging/invoke-local.test.ts',
  'test/tools/local/state-file.test.ts',
  'test/tools/verify/load.test.ts',
  'test/tools/local/plan-cli.test.ts',
  'test/tools/local/teardown.test.ts',
  'test/tools/local/api-server.test.ts',
  'test/tools/local/detection.test.ts',
  'test/handlers/metrics.test.ts',
] as const;

const USAGE = `Usage: npm test -- [--concurrency N] [FILE|FOLDER ...]

Runs every *.test.ts under test/ (or under the folders and the files given), N files at a time (default 2), each in
its own process, and prints the slowest files last. Exit code: 0 passed, 1 a test failed, 2 usage error.
`;

/** Every *.test.ts under `dir`, in path order. */
const testFilesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
    .sort();

/** The files to run, the LONG_FIRST ones first. */
const orderFiles = (files: readonly string[]): string[] => {
  const rank = (f: string): number => {
    const i = (LONG_FIRST as readonly string[]).indexOf(relative(ROOT, f));
    return i === -1 ? LONG_FIRST.length : i;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
};

const selectFiles = (paths: readonly string[]): string[] => {
  if (paths.length === 0) {
    const all = testFilesUnder(join(ROOT, 'test'));
    const gone = LONG_FIRST.filter((f) => !all.includes(join(ROOT, f)));
    if (gone.length > 0) throw new Error(`LONG_FIRST in tools/cli/test.ts names files that do not exist: ${gone.join(', ')}`);
    return all;
  }
  const files = new Set<string>();
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new UsageError(`${p}: no such file or folder`);
    if (statSync(abs).isDirectory()) for (const f of testFilesUnder(abs)) files.add(f);
    else if (abs.endsWith('.test.ts')) files.add(abs);
    else throw new UsageError(`${p}: not a *.test.ts file or a folder`);
  }
  if (files.size === 0) throw new UsageError(`no *.test.ts under ${paths.join(', ')}`);
  return [...files];
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { concurrency: { type: 'string', default: '2' }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0] ?? ''} (npm test -- --help for the options)`);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  const concurrency = Number(parsed.values.concurrency);
  if (!/^\d+$/.test(parsed.values.concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be a whole number 1-64, got "${parsed.values.concurrency}"`);
  }
  const files = orderFiles(selectFiles(parsed.positionals));

  // Each file runs in a child process started with this process's flags (--import tsx) and environment. Tracing is
  // off outside Lambda, yet the X-Ray SDK's automatic mode hooks every promise (cls-hooked): a tenth of the CPU of a
  // local world's execution. Manual mode leaves that out; test/lib/tracer.test.ts starts its own processes to see the
  // tracer as Lambda runs it.
  process.env['AWS_XRAY_MANUAL_MODE'] ??= 'true';
  const stream = run({ files, concurrency });
  let failed = false;
  const durations = new Map<string, number>();
  stream.on('test:fail', (event: { todo?: boolean | string }) => {
    if (!event.todo) failed = true;
  });
  stream.on('test:complete', (event: { name: string; file?: string; details: { duration_ms: number } }) => {
    if (event.file !== undefined && event.name === event.file) durations.set(event.file, event.details.duration_ms);
  });
  await new Promise<void>((done, fail) => {
    stream.compose(spec).on('end', done).on('error', fail).pipe(process.stdout, { end: false });
  });
  const slowest = [...durations].sort((a, b) => b[1] - a[1]).slice(0, 8);
  process.stdout.write(`ℹ slowest files: ${slowest.map(([f, ms]) => `${relative(ROOT, f)} ${(ms / 1000).toFixed(0)} s`).join(', ')}\n`);
  return failed ? EXIT_FAILED : EXIT_OK;
}

runMain(() => main(process.argv.slice(2)));
