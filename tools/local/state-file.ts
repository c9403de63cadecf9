/**
 * `npm start -- --state FILE`: the local world kept between runs, safely.
 *
 *  - Checked before the run: its directory is created; a present file must be a regular, writable state file (a
 *    FIFO, a device, a directory or a read-only file is a usage error that names it) whose every field has the shape
 *    the emulator saved (a hand edit that breaks one is named by its path); nothing is found out only after the run.
 *  - A symbolic link is followed: the file it points to is read, locked and replaced (the link stays a link).
 *  - One process at a time: a lock file `FILE.lock` holding the holder's pid and a random nonce, created whole (a
 *    temporary file hard-linked to the lock's name, which fails when it exists). A lock whose process runs is never
 *    broken ("state file in use"); one left by a process that no longer runs (kill -9) is taken over atomically: only
 *    the process that claims it (`FILE.lock.stale-<hash of its content>`, created the same exclusive way) removes it,
 *    and only while it still holds that content, so two processes can never both hold the lock.
 *  - Written atomically, keeping the file's mode: a temporary file in the same directory, fsync, rename over FILE,
 *    fsync of the directory. A crash at any moment leaves either the old or the new state, never a truncated file.
 *
 * The file is the emulator snapshot plus `executions`: the execution ARNs run on this world with a hash of their
 * input, so `--execution-id` cannot be reused with a different input (that would create a second directory before
 * failing). Files written before that field existed load as they are.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  accessSync, closeSync, constants, fchmodSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync,
  realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError, readJsonFile } from '../cli/io.ts';
import { fileKind, fsReason } from '../files.ts';
import { snapshotProblem } from './emulator/index.ts';
import type { EmulatorSnapshot } from './emulator/index.ts';

export interface StateFile {
  /** The file as given. */
  readonly path: string;
  /** The file written: `path`, or what its symbolic links point to. */
  readonly target: string;
  /** The world to resume from (undefined: the file does not exist yet). */
  readonly snapshot: EmulatorSnapshot | undefined;
  /** Execution ARN -> sha256 of its canonical input, for every execution run on this world. */
  readonly executions: Readonly<Record<string, string>>;
  /** Writes the new state atomically (temp file + fsync + rename), with the file's mode. */
  save(snapshot: EmulatorSnapshot, executions: Record<string, string>): void;
  /** Drops the lock (idempotent; also done when the process exits). */
  release(): void;
}

const FLAG = '--state';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a parsed state file, naming the field, or undefined when it is one the emulator can resume. */
export const stateShapeProblem = (v: unknown): string | undefined => {
  if (!isObject(v)) return 'not a state file (expected a JSON object written by npm start --state)';
  if (v['version'] !== 1) return `not a state file of this version (version ${JSON.stringify(v['version'] ?? null)}, expected 1)`;
  const executions = v['executions'];
  if (executions !== undefined && (!isObject(executions) || Object.values(executions).some((h) => typeof h !== 'string'))) {
    return 'executions must map execution ARNs to input hashes';
  }
  const { executions: _runs, ...snapshot } = v;
  return snapshotProblem(snapshot);
};

/** The file a path finally names: symbolic links followed, also a dangling one (its target is created). */
const targetOf = (path: string): string => {
  let current = path;
  for (let hops = 0; hops < 40; hops += 1) {
    let stats;
    try {
      stats = lstatSync(current);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw new UsageError(`${FLAG} ${path}: ${fsReason(err)}`);
    }
    if (!stats.isSymbolicLink()) return realpathSync(current);
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new UsageError(`${FLAG} ${path}: too many symbolic links`);
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The pid a lock's content names (`<pid> <nonce>`, or a bare pid as older versions wrote), or undefined. */
const holderOf = (content: string): number | undefined => {
  const pid = Number(content.trim().split(/\s+/)[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

const readOrUndefined = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
};

type Outcome = { held: true } | { held: false; holder: number };

/**
 * Creates `path` with `content`, whole, if it does not exist (a temporary file hard-linked to it), taking over a
 * stale one (its process gone); `{ held: false, holder }` when a running process holds it.
 */
const acquire = (path: string, content: string): Outcome => {
  const tmp = `${path}.tmp-${process.pid}-${randomUUID()}`;
  writeFileSync(tmp, content, { flag: 'wx' });
  try {
    for (;;) {
      try {
        linkSync(tmp, path);
        return { held: true };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const existing = readOrUndefined(path);
      if (existing === undefined) continue; // released in between: try again
      const holder = holderOf(existing);
      // Our own pid is a live holder too: another open of the same file in this process.
      if (holder !== undefined && (holder === process.pid || alive(holder))) return { held: false, holder };
      const claimed = removeStale(path, existing);
      if (claimed !== undefined) return { held: false, holder: claimed };
    }
  } finally {
    unlinkSync(tmp);
  }
};

/**
 * Removes `path` if it still holds `stale` (whose process is gone), under the claim `path.stale-<hash>` so only one
 * process does. Returns the pid of a running process that holds the claim (it is taking the lock over), or undefined.
 */
const removeStale = (path: string, stale: string): number | undefined => {
  const claim = `${path}.stale-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
  const mine = `${process.pid} ${randomUUID()}\n`;
  const outcome = acquire(claim, mine);
  if (!outcome.held) return outcome.holder;
  try {
    // Nobody else removes `stale` while we hold its claim; a lock created since has another nonce.
    if (readOrUndefined(path) === stale) unlinkSync(path);
  } finally {
    releaseIfMine(claim, mine);
  }
  return undefined;
};

/** Removes `path` if it still holds `content` (nobody takes over a lock whose process runs). */
const releaseIfMine = (path: string, content: string): void => {
  try {
    if (readFileSync(path, 'utf8') === content) unlinkSync(path);
  } catch {
    /* already gone */
  }
};

/** Takes `lockPath` for this process; a UsageError naming the holder when a running process has it. */
const lock = (lockPath: string, statePath: string): string => {
  const content = `${process.pid} ${randomUUID()}\n`;
  let outcome: Outcome;
  try {
    outcome = acquire(lockPath, content);
  } catch (err) {
    throw new UsageError(`${FLAG} ${statePath}: cannot create the lock file ${lockPath} (${fsReason(err)})`);
  }
  if (!outcome.held) {
    throw new UsageError(`${FLAG} ${statePath}: state file in use by another npm start (pid ${outcome.holder}); wait for it to finish or use another file`);
  }
  return content;
};

/** Refuses a present file that is no regular file or cannot be written (also as root: its mode says read-only). */
const checkWritable = (path: string, target: string): number | undefined => {
  let stats;
  try {
    stats = statSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`${FLAG} ${path}: ${fsReason(err)}`);
  }
  if (!stats.isFile()) throw new UsageError(`${FLAG} ${path}: ${fileKind(stats)}`);
  const mode = stats.mode & 0o7777;
  let writable = (mode & 0o222) !== 0;
  try {
    accessSync(target, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) {
    throw new UsageError(`${FLAG} ${path}: read-only (mode ${mode.toString(8).padStart(4, '0')}); make it writable (chmod u+w) or use another file`);
  }
  return mode;
};

/** Opens (and locks) the state file before the run. */
export const openStateFile = (path: string): StateFile => {
  const target = targetOf(path);
  const dir = dirname(target);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new UsageError(`${FLAG} ${path}: cannot create or write its directory ${dir} (${fsReason(err)})`);
  }
  checkWritable(path, target);
  const lockPath = `${target}.lock`;
  const lockContent = lock(lockPath, path);
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    releaseIfMine(lockPath, lockContent);
  };
  process.on('exit', release);
  try {
    // Checked again under the lock: the file may have changed while another process held it.
    const mode = checkWritable(path, target);
    let snapshot: EmulatorSnapshot | undefined;
    let executions: Record<string, string> = {};
    if (mode !== undefined) {
      const parsed = readJsonFile(path, FLAG);
      const problem = stateShapeProblem(parsed);
      if (problem) throw new UsageError(`${FLAG} ${path}: ${problem}`);
      const { executions: known, ...rest } = parsed as EmulatorSnapshot & { executions?: Record<string, string> };
      snapshot = rest as EmulatorSnapshot;
      executions = { ...known };
    }
    return {
      path,
      target,
      snapshot,
      executions,
      save(next, runs) {
        const tmp = join(dir, `.${basename(target)}.tmp-${process.pid}-${randomUUID()}`);
        // A new file gets 0644 less the umask; a present one keeps its mode.
        const fd = openSync(tmp, 'wx', 0o644);
        try {
          writeSync(fd, `${JSON.stringify({ ...next, executions: runs }, null, 2)}\n`);
          if (mode !== undefined) fchmodSync(fd, mode);
          fsyncSync(fd);
        } catch (err) {
          closeSync(fd);
          unlinkSync(tmp);
          throw err;
        }
        closeSync(fd);
        renameSync(tmp, target);
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
