/**
 * The teardown's triggers against the local world (the API server of `npm run api`, in this process): DELETE
 * /provisionings/{id} starts the teardown with the provisioning's input (202), a repeat is the same teardown (200),
 * GET shows it, the other Force is a conflict, an unknown id is 404; a running provisioning is not torn down; a
 * `Deprovisioning Requested` event starts a teardown once per event id (a malformed one is dead-lettered); and
 * `npm run executions -- list` shows the executions of both state machines. The password a POST carried is in no
 * DELETE response and no teardown input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { PASSWORD, inputWithPassword, readEvent, sampleInput } from '../../fixtures.ts';

process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
const { startApiServer } = await import('../../../tools/local/api-server.ts');
type ApiServer = Awaited<ReturnType<typeof startApiServer>>;
const { main: executions } = await import('../../../tools/cli/executions.ts');
const { sfn } = await import('../../../src/aws/clients.ts');

/** Holds every ValidateRequest of executions named `*-held` until released: a provisioning that stays RUNNING. */
let release: () => void = () => undefined;
const held = new Promise<void>((resolve) => {
  release = resolve;
});
const holdValidation = (state: string, handler: (event: unknown, context: Context) => Promise<unknown>) =>
  async (event: unknown, context: Context): Promise<unknown> => {
    if (state === 'ValidateRequest' && String((event as { ExecutionId?: unknown }).ExecutionId).endsWith('-held')) await held;
    return handler(event, context);
  };

describe('teardown triggers against the local world', () => {
  let api: ApiServer;
  before(async () => {
    api = await startApiServer({ worldOptions: { runOptions: { wrapHandler: holdValidation } } });
  });
  after(async () => {
    release();
    await api?.stop();
  });

  const post = (payload: unknown, key: string) =>
    fetch(`${api.url}/provisionings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(payload),
    });
  const del = (id: string, query = '', init: RequestInit = {}) => fetch(`${api.url}/provisionings/${id}${query}`, { method: 'DELETE', ...init });

  it('DELETE: 202 starts the teardown with the provisioning input; repeat 200 (same execution); GET shows it; other Force 409', async () => {
    // Prepare: a provisioning that carried a password, ended
    const created = await post(inputWithPassword(), 'td-1');
    assert.equal(created.status, 202, await created.clone().text());
    const provisioning = (await created.json()) as { executionArn: string; name: string };
    assert.equal(await api.world.stepFunctions.waitFor(provisioning.executionArn), 'SUCCEEDED');
    assert.equal(api.world.emulator.counts().directories, 1);

    // Act
    const first = await del('api-key-td-1');
    const firstText = await first.text();
    const again = await del(encodeURIComponent(provisioning.executionArn)); // the ARN names the same provisioning

    // Assess: 202 then 200, one teardown named after the provisioning
    assert.equal(first.status, 202, firstText);
    const started = JSON.parse(firstText) as { executionArn: string; name: string; force: boolean; provisioning: { executionArn: string }; location: string };
    assert.equal(started.name, 'del-api-key-td-1');
    assert.equal(started.executionArn, `${api.world.teardownStateMachineArn.replace(':stateMachine:', ':execution:')}:del-api-key-td-1`);
    assert.equal(started.force, false);
    assert.equal(started.provisioning.executionArn, provisioning.executionArn);
    assert.equal(first.headers.get('location'), '/provisionings/api-key-td-1');
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { executionArn: string }).executionArn, started.executionArn);

    // The teardown's input is the provisioning's (a secret reference, never the password), without Force
    const teardown = await sfn().send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    const described = await sfn().send(new DescribeExecutionCommand({ executionArn: provisioning.executionArn }));
    assert.deepEqual(JSON.parse(teardown.input ?? ''), JSON.parse(described.input ?? ''));
    assert.ok(!firstText.includes(PASSWORD) && !(teardown.input ?? '').includes(PASSWORD));

    // It tears down what the provisioning created, and GET shows it
    assert.equal(await api.world.stepFunctions.waitFor(started.executionArn), 'SUCCEEDED');
    assert.equal(api.world.emulator.counts().directories, 0);
    assert.equal(api.world.emulator.counts().connectors, 0);
    const get = await fetch(`${api.url}/provisionings/api-key-td-1`);
    const status = (await get.json()) as { status: string; teardown?: { executionArn: string; status: string; startDate?: string; stopDate?: string; output?: { Deleted: { Resource: string }[] } } };
    assert.equal(status.status, 'SUCCEEDED');
    assert.equal(status.teardown?.executionArn, started.executionArn);
    assert.equal(status.teardown?.status, 'SUCCEEDED');
    assert.ok(status.teardown?.startDate && status.teardown.stopDate);
    assert.deepEqual(status.teardown?.output?.Deleted.map((d) => d.Resource).sort(), ['connector', 'directory', 'directory-registration', 'password-secret', 'service-principal-name', 'template']);

    // After it ended: still 200 with it; the other Force is a conflict, nothing new started
    const later = await del('api-key-td-1', '?force=false');
    assert.equal(later.status, 200);
    assert.equal(((await later.json()) as { status: string }).status, 'SUCCEEDED');
    const forced = await del('api-key-td-1', '?force=true');
    assert.equal(forced.status, 409, await forced.clone().text());
  });

  it('DELETE: 404 for an unknown provisioning or another machine\'s ARN; 400 for a body or a bad force', async () => {
    assert.equal((await del('api-key-nothing-here')).status, 404);
    const teardownArn = `${api.world.teardownStateMachineArn.replace(':stateMachine:', ':execution:')}:del-api-key-td-1`;
    assert.equal((await del(encodeURIComponent(teardownArn))).status, 404);
    const withBody = await del('api-key-td-1', '', { headers: { 'content-type': 'application/json' }, body: '{"Force":true}' });
    assert.equal(withBody.status, 400);
    assert.match(((await withBody.json()) as { message: string }).message, /force=true/);
    const badForce = await del('api-key-td-1', '?force=yes');
    assert.equal(badForce.status, 400);
  });

  it('DELETE of a running provisioning: 409, no teardown started; once it ended, 202 with "Force": true from ?force=true', async () => {
    // Prepare: a provisioning held in ValidateRequest
    const created = await post(sampleInput(), 'td-2-held');
    assert.equal(created.status, 202);
    const { executionArn } = (await created.json()) as { executionArn: string };
    // Act
    const refused = await del('api-key-td-2-held', '?force=true');
    // Assess
    assert.equal(refused.status, 409);
    assert.match(((await refused.json()) as { message: string }).message, /RUNNING/);
    const teardownArn = `${api.world.teardownStateMachineArn.replace(':stateMachine:', ':execution:')}:del-api-key-td-2-held`;
    assert.equal(api.world.stepFunctions.has(teardownArn), false);
    release();
    await api.world.stepFunctions.waitFor(executionArn);
    const accepted = await del('api-key-td-2-held', '?force=true');
    assert.equal(accepted.status, 202);
    assert.equal(((await accepted.json()) as { force: boolean }).force, true);
    const teardown = await sfn().send(new DescribeExecutionCommand({ executionArn: teardownArn }));
    assert.equal((JSON.parse(teardown.input ?? '{}') as { Force?: boolean }).Force, true);
    await api.world.stepFunctions.waitFor(teardownArn);
  });

  it('"Deprovisioning Requested" starts a teardown named after the event id, once per id; a malformed one is dead-lettered', async () => {
    // Prepare
    const event = readEvent<Record<string, unknown> & { id: string; detail: Record<string, unknown> }>('teardown-requested.json');
    const put = async (e: unknown) => {
      const res = await fetch(`${api.url}/_local/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(e) });
      return (await res.json()) as Record<string, unknown>;
    };
    // Act
    const first = await put(event);
    const ended = await api.world.stepFunctions.waitFor(String(first['executionArn']));
    const redelivered = await put(event); // after it closed: ExecutionAlreadyExists with the same input
    const malformed = await put({ ...event, id: 'bad-force', detail: { ...event.detail, Force: 'yes' } });
    // Assess
    assert.equal(first['rule'], 'teardown');
    assert.equal(first['executionName'], `evt-${event.id}`);
    assert.equal(first['executionArn'], `${api.world.teardownStateMachineArn.replace(':stateMachine:', ':execution:')}:evt-${event.id}`);
    assert.equal(first['alreadyStarted'], false);
    assert.equal(ended, 'SUCCEEDED');
    assert.equal(redelivered['executionArn'], first['executionArn']);
    assert.equal(redelivered['alreadyStarted'], true);
    assert.equal(malformed['deadLettered'], true);
    assert.equal(malformed['errorName'], 'InvalidRequestError');
    assert.match(String(malformed['errorMessage']), /detail\.Force: must be true or false/);
    assert.equal(api.deadLetters.length, 1);
  });

  it('npm run executions -- list shows the executions of both state machines; show finds a teardown by name', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    // Act
    const code = await executions(['list', '--json', '--max', '50'], io);
    // Assess
    assert.equal(code, 0, out.join('\n'));
    const rows = JSON.parse(out.join('\n')) as { machine: string; name: string; executionArn: string }[];
    const names = (machine: string) => rows.filter((r) => r.machine === machine).map((r) => r.name).sort();
    assert.deepEqual(names('provision'), ['api-key-td-1', 'api-key-td-2-held']);
    assert.ok(names('teardown').includes('del-api-key-td-1') && names('teardown').includes('del-api-key-td-2-held'), names('teardown').join(', '));
    for (const r of rows) assert.ok(r.executionArn.includes(`:ad-cert-orchestrator-${r.machine}:`), r.executionArn);
    out.length = 0;
    assert.equal(await executions(['show', 'del-api-key-td-1'], io), 0, out.join('\n'));
    assert.match(out[0] ?? '', /^del-api-key-td-1 {2}SUCCEEDED/);
  });
});
