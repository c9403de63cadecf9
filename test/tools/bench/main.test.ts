/** `npm run bench` as a user starts it: --help answers without running anything; a wrong flag is a usage error. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { GENEROUS_CHILD_MS, ownLines } from '../../support/limits.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;
const bench = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'tools/bench/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: GENEROUS_CHILD_MS });

describe('npm run bench: command line', () => {
  it('--help prints the options and exits 0', () => {
    const res = bench(['--help']);
    assert.equal(res.status, 0, res.stderr);
    for (const flag of ['--quick', '--no-candidates', '--markdown', 'Exit codes']) assert.ok(res.stdout.includes(flag), flag);
    assert.deepEqual(ownLines(res.stderr), []);
  });

  it('an unknown flag: one line, exit 2', () => {
    const res = bench(['--bogus']);
    assert.equal(res.status, 2);
    assert.deepEqual(ownLines(res.stderr), ["error: Unknown option '--bogus' (npm run bench -- --help for the options)"]);
  });
});
