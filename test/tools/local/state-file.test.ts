/**
 * `npm start -- --state FILE` under hostile use: a lock that is never held twice (a stale one taken over by 8
 * processes at once, many rounds: child processes), symbolic links followed, the file's mode kept, a read-only file,
 * a FIFO and every hand edit of a valid-JSON state refused with one line naming the field (exit 2), the file
 * untouched (the CLI's `main` in this process: the file is the subject).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Interface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { GENEROUS_CHILD_MS, ownLines } from '../../support/limits.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'adco-state-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A pid no process has (Linux pids stay below 2^22). */
const DEAD_PID = '999999999';

process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT'; // before the handlers load
const { main } = await import('../../../tools/local/cli.ts');

/** `npm start -- ARGS` in this process: main with its stdout and stderr captured (the file is the subject here). */
const cli = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, { out: (text) => stdout.push(text), err: (text) => stderr.push(text) });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
};

/** One provisioned world, saved: what the hand edits start from. */
let saved: Record<string, unknown>;
before(async () => {
  const state = join(tmp, 'base', 'state.json');
  const res = await cli(['--state', state, '--json']);
  assert.equal(res.code, 0, res.stderr);
  saved = JSON.parse(readFileSync(state, 'utf8')) as Record<string, unknown>;
});

describe('--state: the lock', () => {
  /** A process taking `open`/`release` commands (test/support/state-lock-child.ts), answering one line each. */
  interface Opener {
    child: ChildProcessByStdio<Writable, Readable, null>;
    lines: Interface;
    next(): Promise<string>;
  }
  const startOpener = (): Opener => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/state-lock-child.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], timeout: GENEROUS_CHILD_MS });
    const lines = createInterface({ input: child.stdout });
    const queue: string[] = [];
    const waiting: ((line: string) => void)[] = [];
    lines.on('line', (line) => {
      const w = waiting.shift();
      if (w) w(line);
      else queue.push(line);
    });
    return { child, lines, next: () => new Promise((resolve) => (queue.length > 0 ? resolve(queue.shift() ?? '') : waiting.push(resolve))) };
  };

  it('8 processes opening one file at once, 30 rounds (no lock, a stale one, a stale one mid-takeover): exactly one holds it', async () => {
    const openers = Array.from({ length: 8 }, startOpener);
    try {
      for (let round = 0; round < 30; round += 1) {
        const dir = join(tmp, 'race', String(round));
        mkdirSync(dir, { recursive: true });
        const state = join(dir, 'state.json');
        const lockPath = `${state}.lock`;
        const stale = `${DEAD_PID} left-by-a-killed-run\n`;
        if (round % 3 >= 1) writeFileSync(lockPath, stale); // a process killed with -9 left it
        if (round % 3 === 2) {
          // ... and another was killed while taking it over: its claim on that stale lock is left too
          writeFileSync(`${lockPath}.stale-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`, `${DEAD_PID} claim\n`);
        }
        // All at once: every opener gets the command in the same turn and races in its own process.
        for (const o of openers) o.child.stdin.write(`open ${state}\n`);
        const answers = await Promise.all(openers.map((o) => o.next()));
        const holders = answers.flatMap((a, i) => (a === 'held' ? [i] : []));
        assert.equal(holders.length, 1, `round ${round}: ${answers.join(' | ')}`);
        for (const a of answers.filter((x) => x !== 'held')) assert.match(a, /^refused --state \S+: state file in use by another npm start \(pid \d+\)/, `round ${round}`);
        const holder = openers[holders[0] ?? 0] ?? assert.fail('no holder');
        holder.child.stdin.write('release\n');
        assert.equal(await holder.next(), 'released');
        assert.deepEqual(readdirSync(dir), [], `round ${round}: no lock, claim or temporary file left`);
      }
    } finally {
      for (const o of openers) o.child.stdin.end();
      await Promise.all(openers.map((o) => new Promise((resolve) => (o.child.exitCode === null ? o.child.on('exit', resolve) : resolve(undefined)))));
    }
  });

  it('a lock held by a running process is never broken, whatever else is left beside it', async () => {
    const [holder, ...others] = Array.from({ length: 4 }, startOpener);
    assert.ok(holder);
    try {
      const state = join(tmp, 'held', 'state.json');
      holder.child.stdin.write(`open ${state}\n`);
      assert.equal(await holder.next(), 'held');
      const lockContent = readFileSync(`${state}.lock`, 'utf8');
      for (const o of others) o.child.stdin.write(`open ${state}\n`);
      for (const answer of await Promise.all(others.map((o) => o.next()))) {
        assert.match(answer, new RegExp(`^refused --state \\S+: state file in use by another npm start \\(pid ${holder.child.pid}\\)`));
      }
      assert.equal(readFileSync(`${state}.lock`, 'utf8'), lockContent, 'the holder\'s lock untouched');
      holder.child.stdin.write('release\n');
      assert.equal(await holder.next(), 'released');
      assert.equal(existsSync(`${state}.lock`), false);
    } finally {
      for (const o of [holder, ...others]) o.child.stdin.end();
    }
  });
});

describe('--state: the file', () => {
  it('a symbolic link is followed: the target is read and replaced, the link stays; a dangling one creates its target', async () => {
    const dir = join(tmp, 'links');
    mkdirSync(dir);
    const target = join(dir, 't.json');
    writeFileSync(target, JSON.stringify(saved));
    symlinkSync('t.json', join(dir, 'l.json'));
    const res = await cli(['--state', join(dir, 'l.json'), '--json']);
    assert.equal(res.code, 0, res.stderr);
    assert.ok(lstatSync(join(dir, 'l.json')).isSymbolicLink(), 'still a link');
    const after = JSON.parse(readFileSync(target, 'utf8')) as { executions: Record<string, string> };
    assert.equal(Object.keys(after.executions).length, Object.keys(saved['executions'] as object).length + 1, 'the target holds the new run');
    assert.equal((JSON.parse(res.stdout) as { world: { directories: number } }).world.directories, 1, 'the world in the target was resumed (adopted)');
    symlinkSync(join(dir, 'new', 'made.json'), join(dir, 'dangling.json'));
    assert.equal((await cli(['--state', join(dir, 'dangling.json'), '--json'])).code, 0);
    assert.ok(lstatSync(join(dir, 'dangling.json')).isSymbolicLink());
    assert.ok(statSync(join(dir, 'new', 'made.json')).isFile(), 'the target was created');
    assert.deepEqual(readdirSync(dir).sort(), ['dangling.json', 'l.json', 'new', 't.json']);
  });

  it('the file keeps its mode; a read-only file (0444) is refused in one line, untouched', async () => {
    const dir = join(tmp, 'modes');
    mkdirSync(dir);
    const state = join(dir, 'state.json');
    writeFileSync(state, JSON.stringify(saved));
    chmodSync(state, 0o600);
    assert.equal((await cli(['--state', state, '--json'])).code, 0);
    assert.equal(statSync(state).mode & 0o777, 0o600);
    chmodSync(state, 0o444);
    const before = readFileSync(state, 'utf8');
    const res = await cli(['--state', state]);
    assert.equal(res.code, 2, res.stderr);
    assert.deepEqual(ownLines(res.stderr), [`error: --state ${state}: read-only (mode 0444); make it writable (chmod u+w) or use another file`]);
    assert.equal(res.stdout, '', 'nothing ran');
    assert.equal(readFileSync(state, 'utf8'), before);
    assert.equal(statSync(state).mode & 0o777, 0o444);
  });

  it('a FIFO or a device as --state is refused at once (never a hang), exit 2', async () => {
    const fifo = join(tmp, 'state.fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    for (const [path, what] of [[fifo, 'is a FIFO \\(named pipe\\), not a file'], ['/dev/null', 'is a device, not a file']] as const) {
      const res = await cli(['--state', path]);
      assert.equal(res.code, 2, res.stderr);
      assert.equal(ownLines(res.stderr).length, 1, res.stderr);
      assert.match(ownLines(res.stderr)[0] ?? '', new RegExp(`^error: --state \\S+: ${what}$`));
    }
  });

  it('hand edits that keep valid JSON are refused naming the field (exit 2, nothing run, the file untouched)', async () => {
    const directory = (saved['directories'] as Record<string, unknown>[])[0] ?? assert.fail('a directory');
    const edits: [string, Record<string, unknown>, string][] = [
      ['directories [1, null]', { directories: [1, null] }, 'directories[0] must be an object (got number 1)'],
      ['connectorAd "x"', { connectorAd: 'x' }, 'connectorAd must be an object (got string "x")'],
      ['a huge clock', { clock: { startMs: 0, nowMs: 1e300 } }, 'clock.nowMs must be a time in epoch milliseconds between 0 and 253402300799999 (got number 1e+300)'],
      ['a clock before its start', { clock: { startMs: 2_000_000_000_000, nowMs: 1_000_000_000_000 } }, 'clock.nowMs must not be before clock.startMs (1000000000000 < 2000000000000)'],
      ['VpcSettings null', { directories: [{ ...directory, VpcSettings: null }] }, 'directories[0].VpcSettings must be an object (got null)'],
      ['a directory without a Name', { directories: [{ ...directory, Name: undefined }] }, 'directories[0].Name must be a string (missing)'],
      ['a connector\'s Tags a list', { connectors: [{ ...(saved['connectors'] as object[])[0], Tags: [] }] }, 'connectors[0].Tags must be an object (got array)'],
      ['rngState a float', { rngState: 0.5 }, 'rngState must be an integer between 0 and 4294967295 (got number 0.5)'],
      ['a template without its definition', { connectorAd: { ...(saved['connectorAd'] as object), templates: [{}] } }, 'connectorAd.templates[0].Arn must be a string (missing)'],
      ['dynamoDb items a list', { dynamoDb: { t: [] } }, 'dynamoDb.t must be an object (got array)'],
    ];
    const files = edits.map(([, change], i) => {
      const file = join(tmp, 'edits', `${i}.json`);
      mkdirSync(join(tmp, 'edits'), { recursive: true });
      writeFileSync(file, JSON.stringify({ ...saved, ...change }));
      return file;
    });
    const runs: Awaited<ReturnType<typeof cli>>[] = [];
    for (const file of files) runs.push(await cli(['--state', file]));
    for (const [i, [what, , message]] of edits.entries()) {
      const res = runs[i] ?? assert.fail(what);
      assert.equal(res.code, 2, `${what}: ${res.stderr}`);
      assert.deepEqual(ownLines(res.stderr), [`error: --state ${files[i] ?? ''}: ${message}`], what);
      assert.doesNotMatch(res.stderr, /TypeError|\n\s+at /, what);
      assert.equal(res.stdout, '', `${what}: nothing ran`);
    }
  });
});
