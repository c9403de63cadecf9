/**
 * What every command line tool of the project shares: one-line error messages (no stack trace, control and bidi
 * characters escaped), exit codes that mean something (0 ok, 1 failed, 2 usage), reading a JSON file the way a user
 * writes one (a UTF-8 BOM is fine), and a stdout that survives its reader going away (`npm start | head -1`).
 */
import { FileProblem, readTextFile } from '../files.ts';
import { UNSAFE_CHARS } from '../../src/lib/printable.ts';

/** A problem with the command line or a file it names: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

// eslint-disable-next-line no-control-regex -- C0 controls (newlines included) are escaped to keep one line
const C0 = /[\u0000-\u001f]/g;
const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` on one line, with control, bidi and invisible characters escaped (quotes left as they are). */
export const oneLine = (text: string): string => text.replace(C0, escape).replace(UNSAFE_CHARS, escape);

/** The line printed for an error: `error: <message>`. */
export const errorLine = (err: unknown): string => {
  if (err instanceof UsageError) return `error: ${oneLine(err.message)}`;
  if (err instanceof Error) return `error: unexpected ${oneLine(err.name)}: ${oneLine(err.message)}`;
  return `error: unexpected: ${oneLine(String(err))}`;
};

/** The text of a regular file the user named with `flag`; anything else is a one-line UsageError. */
export const readRegularFile = (path: string, flag: string): string => {
  try {
    return readTextFile(path);
  } catch (err) {
    throw new UsageError(`${flag} ${path}: ${err instanceof FileProblem ? err.reason : (err as Error).message}`);
  }
};

/** JSON text as a user writes it: a UTF-8 BOM in front is skipped (the one rule of every tool and the local API). */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Reads and parses a JSON file; a UTF-8 BOM is skipped. Errors name the flag and the file. */
export const readJsonFile = (path: string, flag: string): unknown => {
  const text = readRegularFile(path, flag);
  try {
    return JSON.parse(withoutBom(text));
  } catch (err) {
    throw new UsageError(`${flag} ${path}: not valid JSON (${oneLine((err as Error).message)})`);
  }
};

/** A number of seconds >= 0 given to `flag` (an empty or blank value is not 0), or undefined when the flag is absent. */
export const secondsOption = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} needs a number of seconds ≥ 0, got "${value}"`);
  return n;
};

/**
 * stdout that keeps the process alive when its reader exits early (EPIPE): later writes are dropped and the command
 * goes on (e.g. still saves its state), ending with its own exit code.
 */
export const guardedStdout = (): ((text: string) => void) => {
  let open = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') open = false;
    else throw err;
  });
  return (text) => {
    if (open) process.stdout.write(text);
  };
};

/**
 * Keeps the process alive when its stdout or stderr reader has gone (`2>&1 | head -0`): writes to a closed pipe are
 * dropped, so the exit code stays the command's own.
 */
export const ignoreClosedOutput = (): void => {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => undefined);
  }
};

/** Runs a command's main and sets the exit code; an error escaping it becomes one line on stderr, never a stack. */
export const runMain = (main: () => Promise<number>): void => {
  ignoreClosedOutput();
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = err instanceof UsageError ? EXIT_USAGE : EXIT_FAILED;
      process.stderr.write(`${errorLine(err)}\n`);
    },
  );
};

/** The closest of `candidates` to `word` (edit distance, case-insensitive), if it is close enough to be a typo. */
export const closest = (word: string, candidates: readonly string[]): string | undefined => {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
      let diagonal = row[0] as number;
      row[0] = i;
      for (let j = 1; j <= b.length; j += 1) {
        const above = row[j] as number;
        row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length] as number;
  };
  let best: { name: string; d: number } | undefined;
  for (const name of candidates) {
    const d = distance(word.toLowerCase(), name.toLowerCase());
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(2, Math.floor(word.length / 4)) ? best.name : undefined;
};
