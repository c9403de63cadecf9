/**
 * The local Step Functions endpoint (tools/local/step-functions/) through the real SFNClient over HTTP: name idempotency,
 * history with AWS event names, ListExecutions, and RedriveExecution continuing from the failed state with the same
 * ARN (a fault injected at the wire, cleared, then `npm run executions -- redrive`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { sampleMicrosoftAdRequest, sampleRequest } from '../../fixtures.ts';

process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
// The SDK's own retries off: a fault that persists spends the workflow's Retry budget without the SDK's backoff
// sleeps, which are wall time.
process.env['AWS_MAX_ATTEMPTS'] = '1';
const { startLocalWorld } = await import('../../../tools/local/world.ts');
const { main: executionsCli } = await import('../../../tools/cli/executions.ts');
type LocalWorld = Awaited<ReturnType<typeof startLocalWorld>>;

const INPUT = JSON.stringify(sampleRequest());
/** The Managed Microsoft AD sample under its own directory name (the SimpleAD sample's name is taken by then). */
const msInput = (name: string): string => {
  const input = sampleMicrosoftAdRequest();
  input.Directory.Name = name;
  return JSON.stringify(input);
};
const MS_INPUT = msInput('redrive.example.com');

const cli = async (...argv: string[]) => {
  const out: string[] = [];
  const code = await executionsCli(argv, { out: (l) => out.push(l), err: (l) => out.push(l) });
  return { code, out: out.join('\n') };
};

const historyOf = async (client: SFNClient, executionArn: string): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 20, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
};

describe('local Step Functions API (real SFNClient over HTTP)', () => {
  let world: LocalWorld;
  let client: SFNClient;
  before(async () => {
    world = await startLocalWorld();
    client = new SFNClient({});
  });
  after(async () => {
    client.destroy();
    await world.stop();
  });

  it('StartExecution: same name + same input while RUNNING -> same ARN; different input or closed -> ExecutionAlreadyExists', async () => {
    // Act
    const first = await client.send(new StartExecutionCommand({ stateMachineArn: world.stateMachineArn, name: 'idem-1', input: INPUT }));
    const again = await client.send(new StartExecutionCommand({ stateMachineArn: world.stateMachineArn, name: 'idem-1', input: INPUT }));
    const different = await client
      .send(new StartExecutionCommand({ stateMachineArn: world.stateMachineArn, name: 'idem-1', input: '{"x":1}' }))
      .catch((e: Error) => e);
    await world.stepFunctions.waitFor(first.executionArn ?? '');
    const closed = await client
      .send(new StartExecutionCommand({ stateMachineArn: world.stateMachineArn, name: 'idem-1', input: INPUT }))
      .catch((e: Error) => e);
    // Assess
    assert.equal(again.executionArn, first.executionArn);
    assert.equal(again.startDate?.getTime(), first.startDate?.getTime());
    assert.equal((different as Error).name, 'ExecutionAlreadyExists');
    assert.equal((closed as Error).name, 'ExecutionAlreadyExists');
    const described = await client.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));
    assert.equal(described.status, 'SUCCEEDED');
    assert.equal(described.redriveStatus, 'NOT_REDRIVABLE');
    assert.equal(JSON.parse(described.output ?? '{}').ConnectorStatus, 'ACTIVE');
  });

  it('GetExecutionHistory uses AWS event types, in order, with paging and reverseOrder', async () => {
    // Prepare
    // its own directory name, so it creates (and polls) instead of adopting what an earlier test created
    const input = sampleRequest();
    input.Directory.Name = 'history.example.com';
    const { executionArn = '' } = await client.send(
      new StartExecutionCommand({ stateMachineArn: world.stateMachineArn, name: 'history-1', input: JSON.stringify(input) }),
    );
    await world.stepFunctions.waitFor(executionArn);
    // Act
    const events = await historyOf(client, executionArn);
    const newest = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    // Assess
    const types = events.map((e) => e.type);
    assert.equal(types[0], 'ExecutionStarted');
    assert.equal(types.at(-1), 'ExecutionSucceeded');
    assert.equal(newest.events?.[0]?.type, 'ExecutionSucceeded');
    assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1));
    const entered = events.filter((e) => e.type === 'TaskStateEntered').map((e) => e.stateEnteredEventDetails?.name);
    assert.deepEqual(entered.slice(0, 4), ['ValidateRequest', 'AcquireChangeLease', 'PlanChanges', 'CreateDirectory']);
    for (const t of ['LambdaFunctionScheduled', 'LambdaFunctionFailed', 'LambdaFunctionSucceeded', 'PassStateEntered', 'SucceedStateEntered']) {
      assert.ok(types.includes(t as HistoryEvent['type']), t);
    }
    // each poll of the directory while it is created is one Lambda attempt of the same state: a failed not-ready attempt
    const notReady = events.filter((e) => e.lambdaFunctionFailedEventDetails?.error === 'DirectoryNotReadyError');
    assert.ok(notReady.length > 1);
    assert.equal(entered.filter((n) => n === 'GetDirectoryStage').length, 1);
  });

  it('ListExecutions filters by status, newest first', async () => {
    // Act
    const succeeded = await client.send(new ListExecutionsCommand({ stateMachineArn: world.stateMachineArn, statusFilter: 'SUCCEEDED' }));
    const failed = await client.send(new ListExecutionsCommand({ stateMachineArn: world.stateMachineArn, statusFilter: 'FAILED' }));
    // Assess
    assert.deepEqual(succeeded.executions?.map((e) => e.name), ['history-1', 'idem-1']);
    assert.equal(failed.executions?.length, 0);
  });

  it('a failed execution (fault injected), redriven after the fault is cleared -> SUCCEEDED, same ARN, one directory and one connector', async () => {
    // Prepare: CreateConnector throttled until the Retry budget is exhausted (uncaught -> redrive is the remedy)
    const before = world.emulator.counts();
    const apiCallsBefore = { ...world.emulator.apiCalls };
    world.emulator.addFault({ operation: 'CreateConnector', error: 'ThrottlingException', count: 1000 });
    const { executionArn = '' } = await client.send(
      new StartExecutionCommand({ stateMachineArn: world.stateMachineArn, name: 'redrive-1', input: MS_INPUT }),
    );
    assert.equal(await world.stepFunctions.waitFor(executionArn), 'FAILED');
    const shown = await cli('show', 'redrive-1');
    assert.match(shown.out, /failed state: +CreateConnector/);
    assert.match(shown.out, /error: +ThrottlingException/);
    assert.match(shown.out, /rerun: +redrive/);
    const listed = await cli('list', '--status', 'FAILED');
    assert.match(listed.out, /redrive-1 .*redrives 0 \(REDRIVABLE\)/);
    world.emulator.clearFaults();
    // Act
    const redriven = await cli('redrive', 'redrive-1');
    const status = await world.stepFunctions.waitFor(executionArn);
    // Assess
    assert.equal(redriven.code, 0, redriven.out);
    assert.equal(status, 'SUCCEEDED');
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    assert.equal(described.executionArn, executionArn);
    assert.equal(described.redriveCount, 1);
    assert.equal(described.input, MS_INPUT);
    const after = world.emulator.counts();
    assert.equal(after.directories - before.directories, 1, 'one directory');
    assert.equal(after.connectors - before.connectors, 1, 'one connector');
    // the steps that had succeeded were kept (replayed), not re-run: one CreateMicrosoftAD call in all
    const calls = (name: string) => (world.emulator.apiCalls[name] ?? 0) - (apiCallsBefore[name] ?? 0);
    assert.equal(calls('DirectoryService.CreateMicrosoftAD'), 1);
    assert.equal(calls('ACMPCA.DescribeCertificateAuthority'), 1, 'ValidateRequest ran once');
    // history: the original events, ExecutionRedriven, then the failed state re-entered
    const types = (await historyOf(client, executionArn)).map((e) => `${e.type}:${e.stateEnteredEventDetails?.name ?? ''}`);
    const redrivenAt = types.indexOf('ExecutionRedriven:');
    assert.ok(redrivenAt > 0);
    assert.equal(types[redrivenAt - 1], 'ExecutionFailed:');
    assert.equal(types[redrivenAt + 1], 'TaskStateEntered:CreateConnector');
    assert.equal(types.at(-1), 'ExecutionSucceeded:');
  });

  it('RedriveExecution: a SUCCEEDED execution is not redrivable; the same clientToken is idempotent', async () => {
    // Act
    const notRedrivable = await client
      .send(new RedriveExecutionCommand({ executionArn: `${world.stateMachineArn.replace(':stateMachine:', ':execution:')}:idem-1` }))
      .catch((e: Error) => e);
    // Assess
    assert.equal((notRedrivable as Error).name, 'ExecutionNotRedrivable');
  });

  it('a caught failure redriven fails again at the Fail state, as on AWS (the CLI refuses without --force)', async () => {
    // Prepare
    world.emulator.addFault({ operation: 'CreateMicrosoftAD', error: 'DirectoryLimitExceededException', count: 1 });
    const { executionArn = '' } = await client.send(
      new StartExecutionCommand({ stateMachineArn: world.stateMachineArn, name: 'caught-1', input: msInput('caught.example.com') }),
    );
    assert.equal(await world.stepFunctions.waitFor(executionArn), 'FAILED');
    // Act
    const refused = await cli('redrive', 'caught-1');
    const forced = await cli('redrive', 'caught-1', '--force');
    const status = await world.stepFunctions.waitFor(executionArn);
    // Assess
    assert.equal(refused.code, 1);
    assert.match(refused.out, /Fail state/);
    assert.equal(forced.code, 0);
    assert.equal(status, 'FAILED');
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    assert.equal(described.error, 'DirectoryLimitExceededException');
    assert.equal(described.redriveCount, 1);
    const types = (await historyOf(client, executionArn)).map((e) => `${e.type}:${e.stateEnteredEventDetails?.name ?? ''}`);
    assert.deepEqual(types.slice(types.indexOf('ExecutionRedriven:')), ['ExecutionRedriven:', 'FailStateEntered:ProvisioningFailed', 'ExecutionFailed:']);
  });
});
