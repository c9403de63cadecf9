/**
 * `npm start -- --plan`, run as a user runs it: provision into a state file, then plan a day-two change against it
 * (a template valid two years, a second template, another edition): the plan lists the update, the create and the
 * conflict, exits 0 and writes nothing (no write call, the state file untouched); a request by DirectoryId keeps its
 * directory; an invalid request exits 2.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChangePlan } from '../../../src/contract.ts';
import { writeCallsOf } from '../../../tools/local/emulator/index.ts';
import { readEvent } from '../../fixtures.ts';
import { GENEROUS_CHILD_MS, ownLines } from '../../support/limits.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'adco-plan-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (args: string[]) => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'tools/local/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: GENEROUS_CHILD_MS });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
};

describe('npm start -- --plan', () => {
  const state = join(tmp, 'world.json');
  const changed = join(tmp, 'changed.json');
  before(() => {
    const provisioned = cli(['--state', state, '--json']);
    assert.equal(provisioned.code, 0, provisioned.stderr);
    const request = readEvent<{ Directory: { Edition: string } }>('execution-input-day-two.json');
    request.Directory.Edition = 'Enterprise';
    writeFileSync(changed, JSON.stringify(request));
  });

  it('--json: update (template), create (template), conflict (edition); exit 0; no write call, the state file untouched', () => {
    const saved = readFileSync(state, 'utf8');
    const r = cli(['--plan', '--input', changed, '--state', state, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim()) as ChangePlan & { apiCalls: Record<string, number> };
    const lines = out.plan.map((e) => `${e.resource} ${e.id} ${e.action}`);
    assert.ok(lines.includes('template ComputerAutoEnroll update'), lines.join('\n'));
    assert.ok(lines.includes('template WebServer create'), lines.join('\n'));
    // Groups named by GroupName: Directory Data access on, Domain Computers found (by its SID), Web Servers to create.
    assert.deepEqual(lines.filter((l) => /^(directory-data-access|group) /.test(l)).map((l) => l.replace(/S-1-5-21-[\d-]+/, 'SID')), [
      `directory-data-access ${out.plan.find((e) => e.resource === 'directory')?.id ?? ''} keep`,
      'group SID keep',
      'group Web Servers create',
    ]);
    assert.deepEqual(out.plan.filter((e) => e.action === 'conflict').map((e) => [e.resource, e.fields.map((f) => f.field)]), [['directory', ['Directory.Edition']]]);
    for (const e of out.plan) assert.deepEqual(Object.keys(e).filter((k) => k !== 'remedy'), ['resource', 'id', 'action', 'fields']);
    assert.ok(Object.keys(out.apiCalls).length > 0, 'it read the world');
    assert.deepEqual(writeCallsOf(out.apiCalls), {});
    assert.equal(readFileSync(state, 'utf8'), saved, 'a plan saves no state');
  });

  it('the table: one line per resource, the differing field, the remedy, the totals, 0 write calls', () => {
    const r = cli(['--plan', '--input', changed, '--state', state]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}template {16}update {4}ComputerAutoEnroll$/m);
    assert.match(r.stdout, /Connector\.Templates\[0\]\.Definition\.TemplateV2\.CertificateValidity\.ValidityPeriod\.Period: 1 -> 2/);
    assert.match(r.stdout, /^ {2}directory {15}conflict {2}d-[0-9a-f]{10}\n {6}Directory\.Edition: Standard -> Enterprise\n {6}remedy: /m);
    assert.match(r.stdout, /3 to create, 1 to update, 0 to delete, 7 to keep, 0 orphaned, 0 warning\(s\), 1 conflict\(s\)/);
    assert.match(r.stdout, /would stop at PlanChanges \(PlanConflictError\) before any write/);
    assert.match(r.stdout, /\(0 write call\(s\)\)$/m);
  });

  it('a request by DirectoryId (the seed\'s existing.example.com): the directory keep with its reason, nothing of it created; exit 0, no write call', () => {
    const r = cli(['--plan', '--input', 'events/execution-input-existing-directory.json', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim()) as ChangePlan & { apiCalls: Record<string, number> };
    const id = readEvent<{ Directory: { DirectoryId: string } }>('execution-input-existing-directory.json').Directory.DirectoryId;
    assert.deepEqual(out.plan.filter((e) => e.resource === 'directory'), [{ resource: 'directory', id, action: 'keep', fields: [], reason: 'named by DirectoryId' }]);
    assert.deepEqual(out.plan.filter((e) => e.resource === 'directory-registration').map((e) => [e.id, e.action]), [[id, 'create']]);
    assert.deepEqual(writeCallsOf(out.apiCalls), {});
    const table = cli(['--plan', '--input', 'events/execution-input-existing-directory.json']);
    assert.match(table.stdout, new RegExp(`^ {2}directory {15}keep {4}${id}\n {6}reason: named by DirectoryId$`, 'm'));
  });

  it('an invalid request: exit 2, one line naming every violated field, nothing run', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ Directory: { Name: 'corp.example.com' } }));
    const r = cli(['--plan', '--input', bad]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const [line, ...rest] = ownLines(r.stderr);
    assert.deepEqual(rest, []);
    assert.match(line ?? '', /^error: --input: Invalid provisioning request \(3 violations\): Directory\.PasswordSecretId: is required; Directory\.VpcSettings: is required; Directory\.Size: is required/);
  });

  it('--plan runs no execution: flags of a run are usage errors', () => {
    const r = cli(['--plan', '--fault', 'CreateConnector:ThrottlingException']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: --plan takes only --input, --seed, --state and --json \(not --fault\)$/m);
  });
});
