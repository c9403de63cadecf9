/**
 * `npm start -- --state FILE`: the local world kept between runs, safely.
 *
 *  - Checked before the run: its directory is created, a present file must be a state file (else a usage error that
 *    names it), and it must be writable; nothing is found out only after the run.
 *  - One process at a time: an exclusive lock file `FILE.lock` (created with O_EXCL, holding the pid) is taken for
 *    the whole run; a second process gets "state file in use". A lock left by a process that no longer runs
 *    (kill -9) is taken over.
 *  - Written atomically: a temporary file in the same directory, fsync, rename over FILE, fsync of the directory. A
 *    crash at any moment leaves either the old or the new state, never a truncated file.
 *
 * The file is the emulator snapshot plus `executions`: the execution ARNs run on this world with a hash of their
 * input, so `--execution-id` cannot be reused with a different input (that would create a second directory before
 * failing). Files written before that field existed load as they are.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError, readJsonFile } from '../cli/io.ts';
import type { EmulatorSnapshot } from './emulator/index.ts';

export interface StateFile {
  readonly path: string;
  /** The world to resume from (undefined: the file does not exist yet). */
  readonly snapshot: EmulatorSnapshot | undefined;
  /** Execution ARN -> sha256 of its canonical input, for every execution run on this world. */
  readonly executions: Readonly<Record<string, string>>;
  /** Writes the new state atomically (temp file + fsync + rename). */
  save(snapshot: EmulatorSnapshot, executions: Record<string, string>): void;
  /** Drops the lock (idempotent; also done when the process exits). */
  release(): void;
}

const FLAG = '--state';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a parsed state file, or undefined when it has the snapshot's shape. */
export const stateShapeProblem = (v: unknown): string | undefined => {
  if (!isObject(v)) return 'not a state file (expected a JSON object written by npm start --state)';
  if (v['version'] !== 1) return `not a state file of this version (version ${JSON.stringify(v['version'] ?? null)}, expected 1)`;
  const clock = v['clock'];
  if (!isObject(clock) || typeof clock['startMs'] !== 'number' || typeof clock['nowMs'] !== 'number') return 'clock.startMs and clock.nowMs must be numbers';
  if (typeof v['rngState'] !== 'number') return 'rngState must be a number';
  for (const key of ['directories', 'connectors', 'clientTokens', 'secrets', 'events']) {
    if (!Array.isArray(v[key])) return `${key} must be an array`;
  }
  if (v['dynamoDb'] !== undefined && !isObject(v['dynamoDb'])) return 'dynamoDb must be an object';
  const executions = v['executions'];
  if (executions !== undefined && (!isObject(executions) || Object.values(executions).some((h) => typeof h !== 'string'))) {
    return 'executions must map execution ARNs to input hashes';
  }
  return undefined;
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes `lockPath` for this process; a UsageError when another live process holds it. */
const lock = (lockPath: string, statePath: string): void => {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UsageError(`${FLAG} ${statePath}: cannot create the lock file ${lockPath} (${code ?? (err as Error).message})`);
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(lockPath, 'utf8').trim());
    } catch {
      /* removed in between: try again */
    }
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      throw new UsageError(`${FLAG} ${statePath}: state file in use by another npm start (pid ${holder}); wait for it to finish or use another file`);
    }
    try {
      unlinkSync(lockPath); // left by a process that no longer runs
    } catch {
      /* someone else took it over: the next attempt tells */
    }
  }
  throw new UsageError(`${FLAG} ${statePath}: state file in use (lock ${lockPath})`);
};

/** Opens (and locks) the state file before the run. */
export const openStateFile = (path: string): StateFile => {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new UsageError(`${FLAG} ${path}: cannot create or write its directory ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${FLAG} ${path}: is a directory`);
  const lockPath = `${path}.lock`;
  lock(lockPath, path);
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', release);
  try {
    let snapshot: EmulatorSnapshot | undefined;
    let executions: Record<string, string> = {};
    if (existsSync(path)) {
      const parsed = readJsonFile(path, FLAG);
      const problem = stateShapeProblem(parsed);
      if (problem) throw new UsageError(`${FLAG} ${path}: ${problem}`);
      const { executions: known, ...rest } = parsed as EmulatorSnapshot & { executions?: Record<string, string> };
      snapshot = rest;
      executions = { ...known };
    }
    return {
      path,
      snapshot,
      executions,
      save(next, runs) {
        const tmp = `${path}.tmp-${process.pid}`;
        const fd = openSync(tmp, 'w');
        try {
          writeSync(fd, `${JSON.stringify({ ...next, executions: runs }, null, 2)}\n`);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, path);
        const dirFd = openSync(dir, 'r');
        try {
          fsyncSync(dirFd);
        } finally {
          closeSync(dirFd);
        }
      },
      release,
    };
  } catch (err) {
    release();
    throw err;
  }
};
