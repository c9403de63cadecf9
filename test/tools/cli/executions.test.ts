import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { RedriveExecutionCommand } from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { EXECUTION_PREFIX, setTestEnv } from '../../support/handlers.ts';
import { sampleInput } from '../../fixtures.ts';
import { fakeSfn } from '../../support/fake-sfn.ts';
import type { FakeSfn } from '../../support/fake-sfn.ts';

setTestEnv();
const { main } = await import('../../../tools/cli/executions.ts');
const { resetClients } = await import('../../../src/aws/clients.ts');

const run = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const failedHistory = (state: string, error: string, cause: string, caught: boolean): HistoryEvent[] => {
  const t = new Date('2026-11-23T12:00:00Z');
  const events: HistoryEvent[] = [
    { id: 1, timestamp: t, type: 'ExecutionStarted' },
    { id: 2, timestamp: t, type: 'TaskStateEntered', stateEnteredEventDetails: { name: state } },
    { id: 3, timestamp: t, type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: { error, cause } },
  ];
  if (caught) events.push({ id: 4, timestamp: t, type: 'FailStateEntered', stateEnteredEventDetails: { name: 'ProvisioningFailed' } });
  events.push({ id: 9, timestamp: t, type: 'ExecutionFailed', executionFailedEventDetails: { error, cause } });
  return events;
};

describe('npm run executions', () => {
  let sfn: FakeSfn;
  const addFailed = (name: string, state: string, error: string, caught: boolean) => {
    const executionArn = `${EXECUTION_PREFIX}${name}`;
    sfn.executions.set(executionArn, {
      executionArn, name, status: 'FAILED', input: JSON.stringify(sampleInput()), startDate: new Date('2026-11-23T12:00:00Z'),
      stateMachineArn: 'sm', error, cause: `${error} happened`, redriveCount: 0, redriveStatus: 'REDRIVABLE',
      history: failedHistory(state, error, `${error} happened`, caught),
    });
  };
  before(() => resetClients());
  beforeEach(() => {
    sfn = fakeSfn();
    addFailed('evt-throttled', 'CreateConnector', 'ThrottlingException', false);
    addFailed('evt-limit', 'CreateDirectory', 'DirectoryLimitExceededException', true);
    sfn.executions.set(`${EXECUTION_PREFIX}evt-ok`, {
      executionArn: `${EXECUTION_PREFIX}evt-ok`, name: 'evt-ok', status: 'SUCCEEDED', input: '{}', startDate: new Date(), stateMachineArn: 'sm', history: [],
    });
  });
  afterEach(() => sfn.restore());
  after(() => resetClients());

  it('list --status FAILED shows each failed execution with error, cause, redrive count and status', async () => {
    // Act
    const { code, out } = await run('list', '--status', 'FAILED');
    // Assess
    assert.equal(code, 0);
    assert.match(out, /FAILED +evt-throttled .*redrives 0 \(REDRIVABLE\)/);
    assert.match(out, /ThrottlingException: ThrottlingException happened/);
    assert.match(out, /evt-limit/);
    assert.doesNotMatch(out, /evt-ok/);
  });

  it('show prints the failing state, error, cause and the runbook advice', async () => {
    // Act
    const uncaught = await run('show', 'evt-throttled');
    const caught = await run('show', `${EXECUTION_PREFIX}evt-limit`, '--json');
    // Assess
    assert.equal(uncaught.code, 0);
    assert.match(uncaught.out, /failed state: +CreateConnector/);
    assert.match(uncaught.out, /rerun: +redrive/);
    const json = JSON.parse(caught.out) as { failure: { state: string }; advice: { rerun: string } };
    assert.equal(json.failure.state, 'CreateDirectory');
    assert.equal(json.advice.rerun, 'new-execution');
  });

  it('redrive calls RedriveExecution for an uncaught failure, and refuses a caught one unless --force', async () => {
    // Act
    const ok = await run('redrive', 'evt-throttled');
    const refused = await run('redrive', 'evt-limit');
    const forced = await run('redrive', 'evt-limit', '--force');
    // Assess
    assert.equal(ok.code, 0);
    assert.match(ok.out, /redriven evt-throttled/);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /Fail state/);
    assert.equal(forced.code, 0);
    const calls = sfn.mock.commandCalls(RedriveExecutionCommand).map((c) => c.args[0].input.executionArn);
    assert.deepEqual(calls, [`${EXECUTION_PREFIX}evt-throttled`, `${EXECUTION_PREFIX}evt-limit`]);
  });

  it('usage errors exit 2; an unknown execution exits 1', async () => {
    assert.equal((await run()).code, 2);
    assert.equal((await run('frobnicate')).code, 2);
    assert.equal((await run('list', '--status', 'BROKEN')).code, 2);
    assert.equal((await run('show', 'evt-missing')).code, 1);
  });
});
