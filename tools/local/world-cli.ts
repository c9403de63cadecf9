/**
 * `npm run world`: the local world on its own (emulator + local Step Functions), for `serverless invoke local --stage
 * local` and any other process: prints the `export` lines that point the AWS SDK at it (and writes them to
 * `--env-out`), then serves until Ctrl-C. Directories and connectors (with their registrations and SPNs, and Directory
 * Data access once asked for) turn Active at once unless told otherwise:
 * nothing advances the simulated clock between separate invokes.
 */
import { closeSync, constants, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { EXIT_OK, UsageError, runMain, secondsOption } from '../cli/io.ts';
import { fileKind, fsReason } from '../files.ts';
import { DEFAULT_SEED_PATH, loadSeed } from './emulator/index.ts';
import type { Seed } from './emulator/index.ts';
import { startLocalWorld } from './world.ts';

const USAGE = `Usage: npm run world -- [--env-out FILE] [--seed FILE] [--directory-active-after S] [--connector-active-after S]

Starts the local world, prints the variables a separate process needs (eval them, or source --env-out), serves
until Ctrl-C (which removes the --env-out file again: its endpoints are gone). Then, in another shell:
  . ./.local-world.env && npx serverless invoke local --stage local -f validateRequest -p events/validateRequest.json

Exit codes: 0 stopped by SIGINT/SIGTERM, 2 usage error (a flag or a file it names), 1 anything else.
`;

/** `export K='V'` lines (values are URLs, ARNs and dummy keys: no quote inside). */
export const exportLines = (env: Record<string, string>): string =>
  Object.entries(env)
    .map(([k, v]) => `export ${k}='${v}'`)
    .join('\n');

/** Checks that `--env-out` can be written as a regular file (its directory exists; the path is no directory). */
const envOutProblem = (path: string): string | undefined => {
  const dir = dirname(path);
  try {
    if (!statSync(dir).isDirectory()) return `its parent ${dir} is not a directory`;
  } catch (err) {
    return `its directory ${dir}: ${fsReason(err)}`;
  }
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return fileKind(stats);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return fsReason(err);
  }
  return undefined;
};

/** Writes the exports to `path` (created or replaced; refused when it is anything but a regular file). */
const writeEnvFile = (path: string, text: string): void => {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NONBLOCK, 0o644);
  } catch (err) {
    throw new UsageError(`--env-out ${path}: ${fsReason(err)}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
};

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'env-out': { type: 'string' },
        seed: { type: 'string', default: DEFAULT_SEED_PATH },
        'directory-active-after': { type: 'string', default: '0' },
        'connector-active-after': { type: 'string', default: '0' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0] ?? ''} (npm run world -- --help for the options)`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  const directory = secondsOption(values['directory-active-after'], '--directory-active-after') ?? 0;
  const connector = secondsOption(values['connector-active-after'], '--connector-active-after') ?? 0;
  const seedPath = resolve(values.seed);
  let seed: Seed;
  try {
    seed = loadSeed(seedPath);
  } catch (err) {
    throw new UsageError(`--seed ${seedPath}: ${(err as Error).message}`);
  }
  const envOut = values['env-out'] === undefined ? undefined : resolve(values['env-out']);
  if (values['env-out'] === '') throw new UsageError('--env-out needs a file name');
  const problem = envOut === undefined ? undefined : envOutProblem(envOut);
  if (envOut !== undefined && problem) throw new UsageError(`--env-out ${envOut}: ${problem}`);

  process.env['POWERTOOLS_LOG_LEVEL'] ??= 'WARN';
  const world = await startLocalWorld({
    seed,
    // Nothing advances the simulated clock between separate invokes: the CA share is associated at once.
    emulator: {
      directoryActiveAfterSeconds: directory,
      connectorActiveAfterSeconds: connector,
      registrationActiveAfterSeconds: connector,
      spnActiveAfterSeconds: connector,
      dataAccessEnabledAfterSeconds: connector,
      shareAssociatedAfterSeconds: 0,
    },
  });
  const lines = exportLines(world.env);
  // The file names endpoints of this process: it goes when the world does, however the process ends.
  const removeEnvFile = (): void => {
    if (envOut !== undefined) rmSync(envOut, { force: true });
  };
  if (envOut !== undefined) {
    try {
      writeEnvFile(envOut, `${lines}\n`);
    } catch (err) {
      await world.stop();
      throw err;
    }
    process.once('exit', removeEnvFile);
  }
  // A second signal while the world stops (a second Ctrl-C) changes nothing: the first one's stop ends the process.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    removeEnvFile();
    void world.stop().then(() => process.exit(EXIT_OK));
  };
  // Handlers first: whoever reads the lines below may signal at once.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  process.stdout.write(`# local world: emulator ${world.emulator.endpoint}, Step Functions ${world.sfnEndpoint}\n${lines}\n`);
  if (envOut !== undefined) process.stdout.write(`# written to ${envOut} (removed on exit)\n`);
  return new Promise<number>(() => undefined); // serve until stopped
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(() => main(process.argv.slice(2)));
}
