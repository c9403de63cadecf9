/**
 * `POST /provisionings?dryRun=true` over real HTTP against the local API (the real API handler), which invokes the
 * dry-run function through the emulated Lambda: 200 with the plan, synchronously; nothing stored, nothing started,
 * no write call; a body invalid for POST is invalid here too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChangePlan } from '../../src/contract.ts';
import { startApiServer } from '../../tools/local/api-server.ts';
import type { ApiServer } from '../../tools/local/api-server.ts';
import { writeCallsOf } from '../../tools/local/emulator/index.ts';
import { PASSWORD, inputWithPassword, readEvent, sampleInput } from '../fixtures.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

describe('POST /provisionings?dryRun=true (local API, emulated Lambda)', () => {
  let api: ApiServer;
  before(async () => {
    api = await startApiServer();
  });
  after(() => api.stop());

  const post = (body: unknown, query = '?dryRun=true', headers: Record<string, string> = {}) =>
    fetch(`${api.url}/provisionings${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('before anything exists: 200, every resource create; nothing stored or started, no write call, one Invoke', async () => {
    const before = { ...api.world.emulator.apiCalls };
    const res = await post(inputWithPassword(), '?dryRun=true', { 'Idempotency-Key': 'dry-1' });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    const plan = JSON.parse(text) as ChangePlan;
    // Every resource create, but the group the sample names: before the directory exists it is expected there (keep).
    assert.ok(plan.plan.length > 0 && plan.plan.every((e) => e.action === 'create' || (e.resource === 'group' && e.action === 'keep')), text);
    assert.ok(!text.includes(PASSWORD), 'the password is in no answer');
    const calls = Object.fromEntries(Object.entries(api.world.emulator.apiCalls).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v !== 0));
    assert.deepEqual(writeCallsOf(calls), {});
    assert.equal(calls['Lambda.Invoke'], 1);
    assert.equal(api.world.stepFunctions.has(`${api.world.stateMachineArn.replace(':stateMachine:', ':execution:')}:api-key-dry-1`), false);
  });

  it('after the provisioning: the day-two change plans the template update and the new template, the rest keep', async () => {
    const started = await post(sampleInput(), '', { 'Idempotency-Key': 'real-1' });
    assert.equal(started.status, 202, await started.clone().text());
    assert.equal((await (await fetch(`${api.url}/_local/wait/api-key-real-1`)).json() as { status: string }).status, 'SUCCEEDED');
    const res = await post(readEvent('execution-input-day-two.json'));
    assert.equal(res.status, 200);
    const plan = (await res.json()) as ChangePlan;
    assert.deepEqual(plan.plan.filter((e) => e.action !== 'keep').map((e) => `${e.resource} ${e.id} ${e.action}`), [
      'group Web Servers create',
      'template ComputerAutoEnroll update',
      'template WebServer create',
      'access-entry WebServer/Web Servers create',
    ]);
  });

  it('a conflict is a line of the plan (200), not an error: the run would stop before any write', async () => {
    const body = readEvent<{ Directory: { Edition: string } }>('execution-input-day-two.json');
    body.Directory.Edition = 'Enterprise';
    const res = await post(body);
    assert.equal(res.status, 200);
    const plan = (await res.json()) as ChangePlan;
    assert.deepEqual(plan.plan.filter((e) => e.action === 'conflict').map((e) => e.fields.map((f) => f.field)), [['Directory.Edition']]);
  });

  it('an invalid body or dryRun value: 400 naming every violation, as POST', async () => {
    const input = sampleInput();
    delete input.Directory['Name'];
    const res = await post(input, '?dryRun=maybe');
    assert.equal(res.status, 400);
    const out = (await res.json()) as { violations: { path: string }[] };
    assert.deepEqual(out.violations.map((v) => v.path), ['Directory.Name', 'dryRun (query string)']);
  });
});
