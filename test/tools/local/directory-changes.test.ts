/**
 * The provisioning record and one change at a time per directory, against the local world through the API of
 * `npm run api` (in this process), with the real workflows and handlers:
 *  - POST → the end → `/_local/advance` 100 days (the history is purged, as on AWS) → GET answers from the record →
 *    DELETE tears everything down;
 *  - while a provisioning of a directory runs (started by an event, so not the one DELETE names), the API refuses
 *    a teardown and another provisioning with 409 naming it, and a teardown started by an event fails by itself
 *    with ConcurrentChangeError having deleted nothing;
 *  - an execution that never reaches its record step (stopped) is written into the record from its status change
 *    event, and its lease is taken over by the next change.
 * Executions are held by a gate on their poll (never by wall time): the test waits for the gate to be reached.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { sampleInput } from '../../fixtures.ts';

process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
// The SDK's own retries off: a fault that persists spends the workflow's Retry budget without the SDK's backoff
// sleeps, which are wall time.
process.env['AWS_MAX_ATTEMPTS'] = '1';
const { startApiServer, MAX_ADVANCE_SECONDS } = await import('../../../tools/local/api-server.ts');
type ApiServer = Awaited<ReturnType<typeof startApiServer>>;
const { sfn } = await import('../../../src/aws/clients.ts');

const DAY = 86_400;

/** A gate: executions whose name ends with `-held` wait at GetDirectoryStage until it opens; `reached` says when one got there. */
const gate = () => {
  let open: () => void = () => undefined;
  let arrived: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const wrapHandler = (state: string, handler: (event: unknown, context: Context) => Promise<unknown>) =>
    async (event: unknown, context: Context): Promise<unknown> => {
      if (state === 'GetDirectoryStage' && String((event as { ExecutionId?: unknown }).ExecutionId).endsWith('-held')) {
        arrived();
        await opened;
      }
      return handler(event, context);
    };
  return { wrapHandler, open: () => open(), reached };
};

const request = (name: string): Record<string, unknown> & { Directory: Record<string, unknown> } => {
  const input = sampleInput();
  input.Directory['Name'] = name;
  return input;
};

const client = (api: ApiServer) => ({
  post: (payload: unknown, key: string) =>
    fetch(`${api.url}/provisionings`, { method: 'POST', headers: { 'content-type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(payload) }),
  put: (id: string, payload: unknown) =>
    fetch(`${api.url}/provisionings/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }),
  get: async (id: string) => {
    const res = await fetch(`${api.url}/provisionings/${id}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  },
  del: (id: string) => fetch(`${api.url}/provisionings/${id}`, { method: 'DELETE' }),
  wait: async (name: string, machine: 'provision' | 'teardown' = 'provision') => {
    const res = await fetch(`${api.url}/_local/wait/${name}${machine === 'teardown' ? '?machine=teardown' : ''}`);
    assert.equal(res.status, 200, await res.clone().text());
    return ((await res.json()) as { status: string }).status;
  },
  advance: (body: string) => fetch(`${api.url}/_local/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
  event: (detailType: string, id: string, detail: unknown) =>
    fetch(`${api.url}/_local/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, source: 'ad-cert-orchestrator.requests', 'detail-type': detailType, detail }),
    }),
});

type Record_ = { status: string; outputs?: Record<string, unknown>; executions: { name: string; kind: string; status: string; error?: string }[]; lastTeardown?: { status: string } };

describe('a record that outlives the execution history (local world, API)', () => {
  let api: ApiServer;
  before(async () => {
    api = await startApiServer();
  });
  after(async () => {
    await api?.stop();
  });

  it('POST, the end, 100 days later: GET answers from the record (200, the outputs), DELETE still removes everything', async () => {
    const c = client(api);
    // Prepare
    const created = await c.post(request('lasting.example.com'), 'lasting-1');
    assert.equal(created.status, 202, await created.clone().text());
    assert.equal(await c.wait('api-key-lasting-1'), 'SUCCEEDED');
    const before = await c.get('api-key-lasting-1');
    const output = before.body['output'] as Record<string, unknown>;
    assert.match(String(output['DirectoryId']), /^d-/);

    // Act
    const advanced = await c.advance(JSON.stringify({ seconds: 100 * DAY }));
    const executionArn = String(before.body['executionArn']);
    const purged = await sfn().send(new DescribeExecutionCommand({ executionArn })).catch((e: Error) => e);
    const after100 = await c.get('api-key-lasting-1');
    const deleted = await c.del('api-key-lasting-1');
    const teardown = await c.wait('del-api-key-lasting-1', 'teardown');
    const afterTeardown = await c.get('api-key-lasting-1');

    // Assess
    assert.equal(advanced.status, 200);
    assert.equal((purged as Error).name, 'ExecutionDoesNotExist', 'the history is gone after 90 days');
    assert.equal(after100.status, 200);
    assert.equal(after100.body['status'], 'SUCCEEDED');
    assert.equal(after100.body['currentState'], undefined, 'nothing read from a history');
    for (const key of ['DirectoryId', 'DirectoryRegistrationArn', 'ConnectorArn', 'TemplateArns']) {
      assert.deepEqual((after100.body['output'] as Record<string, unknown>)[key], output[key], key);
    }
    const record = after100.body['record'] as Record_;
    assert.equal(record.status, 'PROVISIONED');
    assert.deepEqual(record.executions.map((e) => [e.name, e.kind, e.status]), [['api-key-lasting-1', 'provisioning', 'SUCCEEDED']]);
    assert.equal(deleted.status, 202, await deleted.clone().text());
    assert.equal(teardown, 'SUCCEEDED');
    assert.deepEqual(await api.world.emulator.worldCounts(), {
      directories: 0, connectors: 0, directoryRegistrations: 0, servicePrincipalNames: 0, templates: 0, accessControlEntries: 0,
      directoryDataAccessEnabled: 0, groupsCreated: 0,
      resourceShares: 1, // the CA's share is never deleted (docs/teardown.md)
    });
    const torn = afterTeardown.body['record'] as Record_;
    assert.equal(torn.status, 'TORN_DOWN');
    assert.deepEqual(torn.executions.map((e) => [e.name, e.kind, e.status]), [['del-api-key-lasting-1', 'teardown', 'SUCCEEDED'], ['api-key-lasting-1', 'provisioning', 'SUCCEEDED']]);
    assert.equal((afterTeardown.body['teardown'] as { status: string }).status, 'SUCCEEDED');
  });

  it('POST /_local/advance: 400 with one line for anything but {"seconds": N}, 0 < N <= 366 days; nothing moves then', async () => {
    const c = client(api);
    const now = api.world.emulator.clock.now();
    for (const body of ['', 'nope', '[]', '{}', '{"seconds": 0}', '{"seconds": -5}', '{"seconds": "60"}', `{"seconds": ${MAX_ADVANCE_SECONDS + 1}}`, '{"seconds": 60, "extra": 1}']) {
      const res = await c.advance(body);
      const text = await res.text();
      assert.equal(res.status, 400, body);
      assert.doesNotMatch(text, /\n/, body);
      assert.match((JSON.parse(text) as { message: string }).message, /^Invalid advance: /, body);
    }
    assert.equal(api.world.emulator.clock.now(), now);
  });
});

describe('one change at a time per directory (local world, API and workflow)', () => {
  const held = gate();
  let api: ApiServer;
  before(async () => {
    api = await startApiServer({ worldOptions: { runOptions: { wrapHandler: held.wrapHandler } } });
  });
  after(async () => {
    held.open();
    await api?.stop();
  });

  it('while an event-started provisioning of the directory runs: the API answers 409 naming it, an event-started teardown fails by itself and deletes nothing', async () => {
    const c = client(api);
    const input = request('busy.example.com');
    // Prepare: a first provisioning ended; a second one of the same directory, from an event, is held at its poll
    assert.equal((await c.post(input, 'busy-1')).status, 202);
    assert.equal(await c.wait('api-key-busy-1'), 'SUCCEEDED');
    assert.equal((await c.event('Provisioning Requested', 'again-held', input)).status, 202);
    await held.reached;
    const callsBefore = { ...api.world.emulator.apiCalls };

    // Act
    const deleted = await c.del('api-key-busy-1');
    const posted = await c.post(input, 'busy-2');
    assert.equal((await c.event('Deprovisioning Requested', 'td-during', input)).status, 202);
    const teardown = await c.wait('evt-td-during', 'teardown');
    const teardownExecution = await sfn().send(new DescribeExecutionCommand({ executionArn: `${api.world.teardownStateMachineArn.replace(':stateMachine:', ':execution:')}:evt-td-during` }));

    // Assess
    const running = `${api.world.stateMachineArn.replace(':stateMachine:', ':execution:')}:evt-again-held`;
    for (const res of [deleted, posted]) {
      assert.equal(res.status, 409);
      const body = (await res.json()) as { message: string; runningExecution: { executionArn: string; status: string } };
      assert.equal(body.runningExecution.executionArn, running);
      assert.equal(body.runningExecution.status, 'RUNNING');
      assert.match(body.message, /^Another change of directory busy\.example\.com in vpc-\w+ is running: arn:aws:states:\S+:evt-again-held \(RUNNING\)/);
    }
    assert.equal((await c.get('api-key-busy-2')).status, 404, 'the refused POST started nothing');
    assert.equal(teardown, 'FAILED');
    assert.equal(teardownExecution.error, 'ConcurrentChangeError');
    assert.match(teardownExecution.cause ?? '', /evt-again-held \(RUNNING\)/);
    // Not one delete (or any other write) of a resource; its DynamoDB writes are the lease's and record's conditional
    // ones, which their conditions refused (checked below), and its Deprovisioning Failed event.
    const writes = Object.entries(api.world.emulator.apiCalls)
      .filter(([call, n]) => !/^(DynamoDB|EventBridge)\./.test(call) && /\.(Delete|Create|Update|Put|Tag|Disassociate)/.test(call) && n !== (callsBefore[call] ?? 0))
      .map(([call]) => call);
    assert.deepEqual(writes, [], 'the refused teardown deleted nothing');
    const lease = Object.entries(api.world.emulator.snapshot().dynamoDb?.['local-coordination'] ?? {}).find(([pk]) => pk.startsWith('change#'));
    assert.equal(lease?.[1]?.['owner']?.['S'], running, 'the lease still names the running provisioning');
    assert.equal(api.world.emulator.counts().directories, 1);

    // Then: the held provisioning ends, is listed in the record as an update; the teardown runs
    held.open();
    assert.equal(await c.wait('evt-again-held'), 'SUCCEEDED');
    const record = (await c.get('api-key-busy-1')).body['record'] as Record_;
    assert.deepEqual(record.executions.map((e) => [e.name, e.kind, e.status]), [['evt-again-held', 'update', 'SUCCEEDED'], ['api-key-busy-1', 'provisioning', 'SUCCEEDED']]);
    assert.equal((await c.del('api-key-busy-1')).status, 202);
    assert.equal(await c.wait('del-api-key-busy-1', 'teardown'), 'SUCCEEDED');
    assert.equal(api.world.emulator.counts().directories, 0);
  });
});

describe('status change events (local world)', () => {
  const held = gate();
  let api: ApiServer;
  before(async () => {
    api = await startApiServer({ worldOptions: { runOptions: { wrapHandler: held.wrapHandler } } });
  });
  after(async () => {
    held.open();
    await api?.stop();
  });

  it('a provisioning stopped while it holds the lease: ABORTED in its record (from its event); the next change takes the lease over', async () => {
    const c = client(api);
    const input = request('stopped.example.com');
    // Prepare
    assert.equal((await c.event('Provisioning Requested', 'stop-held', input)).status, 202);
    await held.reached;
    const arn = `${api.world.stateMachineArn.replace(':stateMachine:', ':execution:')}:evt-stop-held`;
    // Act
    await sfn().send(new StopExecutionCommand({ executionArn: arn, error: 'Operator', cause: 'stopped by a person' }));
    held.open();
    await api.world.stepFunctions.idle();
    const stopped = await c.get('evt-stop-held');
    const deleted = await c.del('evt-stop-held');
    // Assess
    assert.equal(stopped.body['status'], 'ABORTED');
    const record = stopped.body['record'] as Record_;
    assert.deepEqual(record.executions.map((e) => [e.name, e.status, e.error]), [['evt-stop-held', 'ABORTED', 'Operator']]);
    assert.equal(record.status, 'FAILED');
    assert.deepEqual(api.world.stepFunctions.statusChangeFailures, []);
    assert.equal(deleted.status, 202, await deleted.clone().text());
    assert.equal(await c.wait('del-evt-stop-held', 'teardown'), 'SUCCEEDED');
    const after = (await c.get('evt-stop-held')).body['record'] as Record_;
    assert.equal(after.status, 'TORN_DOWN');
  });

  it('an uncaught failure (retries exhausted) is FAILED in its record from its event; PUT applies a new request to the provisioning', async () => {
    const c = client(api);
    const input = request('updated.example.com');
    // Prepare: created, then a PUT whose CreateTemplates is throttled until its retries run out
    assert.equal((await c.post(input, 'upd-1')).status, 202);
    assert.equal(await c.wait('api-key-upd-1'), 'SUCCEEDED');
    const changed = structuredClone(input) as Record<string, unknown> & { Options?: Record<string, number> };
    changed.Options = { ConnectorTimeoutMinutes: 20 };
    delete (changed as { Directory: Record<string, unknown> }).Directory['PasswordSecretId'];
    api.world.emulator.addFault({ operation: 'ListTemplates', error: 'ThrottlingException', count: 1000 });
    // Act
    const put = await c.put('api-key-upd-1', changed);
    const putBody = (await put.json()) as { name: string; location: string };
    const failed = await c.wait(putBody.name);
    await api.world.stepFunctions.idle();
    api.world.emulator.clearFaults();
    const repeat = await c.put('api-key-upd-1', changed);
    const shown = await c.get('api-key-upd-1');
    // Assess
    assert.equal(put.status, 202);
    assert.match(putBody.name, /^put-[0-9a-f]{60}$/);
    assert.equal(putBody.location, '/provisionings/api-key-upd-1');
    assert.equal(failed, 'FAILED');
    assert.equal(repeat.status, 200, 'the same PUT again is the same execution');
    assert.equal(((await repeat.json()) as { name: string }).name, putBody.name);
    const record = shown.body['record'] as Record_ & { lastApply: { name: string; kind: string; status: string; error: string } };
    assert.deepEqual([record.lastApply.name, record.lastApply.kind, record.lastApply.status, record.lastApply.error], [putBody.name, 'update', 'FAILED', 'ThrottlingException']);
    assert.equal(record.status, 'FAILED');
    assert.deepEqual(api.world.stepFunctions.statusChangeFailures, []);
  });
});

describe('PUT /provisionings/{id} carries out its plan (local world)', () => {
  let api: ApiServer;
  before(async () => {
    api = await startApiServer();
  });
  after(async () => {
    await api?.stop();
  });

  it('a changed template: updated in place, GET shows the plan carried out; a change only a replacement makes fails at PlanChanges, is recorded, and releases the lease', async () => {
    const c = client(api);
    const input = request('planned.example.com');
    assert.equal((await c.post(input, 'planned-1')).status, 202);
    assert.equal(await c.wait('api-key-planned-1'), 'SUCCEEDED');
    const changed = structuredClone(input) as typeof input & {
      Connector: { Templates: { Name: string; Definition: { TemplateV2: { CertificateValidity: { ValidityPeriod: { Period: number } } } } }[] };
    };
    const template = changed.Connector.Templates[0];
    assert.ok(template);
    template.Definition.TemplateV2.CertificateValidity.ValidityPeriod.Period += 1;
    delete changed.Directory['PasswordSecretId'];
    const conflicting = structuredClone(changed);
    conflicting.Directory['Edition'] = conflicting.Directory['Edition'] === 'Enterprise' ? 'Standard' : 'Enterprise';
    const startedName = async (res: Response): Promise<string> => {
      assert.equal(res.status, 202, await res.clone().text());
      return ((await res.json()) as { name: string }).name;
    };

    // Act
    const applied = await startedName(await c.put('api-key-planned-1', changed));
    const appliedEnd = await c.wait(applied);
    const shown = await c.get('api-key-planned-1');
    const refused = await startedName(await c.put('api-key-planned-1', conflicting));
    const refusedEnd = await c.wait(refused);
    const afterRefusal = await c.get('api-key-planned-1');
    const again = await startedName(await c.put('api-key-planned-1', changed));
    const againEnd = await c.wait(again);

    // Assess
    type Entry = { resource: string; id: string; action: string };
    type Shown = Record_ & { lastPlan?: Entry[]; lastApply: { name: string; status: string; error?: string; plan?: Entry[] } };
    assert.equal(appliedEnd, 'SUCCEEDED');
    const record = shown.body['record'] as Shown;
    const updated = (plan: Entry[] | undefined) => plan?.filter((e) => e.action === 'update').map((e) => [e.resource, e.id]);
    assert.deepEqual(updated(record.lastPlan), [['template', template.Name]], 'the record keeps the plan the PUT carried out');
    assert.deepEqual(record.lastApply.plan, record.lastPlan);
    assert.deepEqual([record.lastApply.name, record.lastApply.status], [applied, 'SUCCEEDED']);
    assert.equal(refusedEnd, 'FAILED');
    const refusedRecord = afterRefusal.body['record'] as Shown;
    assert.deepEqual([refusedRecord.lastApply.name, refusedRecord.lastApply.status, refusedRecord.lastApply.error], [refused, 'FAILED', 'PlanConflictError']);
    assert.equal(refusedRecord.status, 'FAILED');
    assert.deepEqual(refusedRecord.lastPlan, record.lastPlan, 'a refused run carried out no plan');
    assert.equal(againEnd, 'SUCCEEDED', 'the refused run released the change lease');
    assert.equal(api.world.emulator.counts().directories, 1);
  });
});

describe('PUT /provisionings/{id} refusals (local world)', () => {
  let api: ApiServer;
  before(async () => {
    api = await startApiServer();
  });
  after(async () => {
    await api?.stop();
  });

  it('another directory identity: 409 naming each field; a Password: 400; an unknown id: 404', async () => {
    const c = client(api);
    const input = request('put.example.com');
    assert.equal((await c.post(input, 'put-1')).status, 202);
    assert.equal(await c.wait('api-key-put-1'), 'SUCCEEDED');
    const other = request('other.example.com');
    (other.Directory['VpcSettings'] as Record<string, unknown>)['VpcId'] = 'vpc-0ffffffffffffffff';
    // Act
    const moved = await c.put('api-key-put-1', other);
    const withPassword = await c.put('api-key-put-1', { ...input, Directory: { ...input.Directory, Password: 'Str0ng-Passw0rd!' } });
    const unknown = await c.put('api-key-nothing', input);
    // Assess
    assert.equal(moved.status, 409);
    const movedBody = (await moved.json()) as { message: string; fields: { field: string }[] };
    assert.deepEqual(movedBody.fields.map((f) => f.field), ['Directory.Name', 'Directory.VpcSettings.VpcId']);
    assert.match(movedBody.message, /Directory\.Name: requested other\.example\.com, existing put\.example\.com/);
    assert.equal(withPassword.status, 400);
    assert.match(await withPassword.text(), /Directory\.Password/);
    assert.equal(unknown.status, 404);
  });
});
