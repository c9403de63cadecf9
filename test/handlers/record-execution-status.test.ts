import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STATE_MACHINE_ARN, TEARDOWN_STATE_MACHINE_ARN, setTestEnv } from '../support/handlers.ts';
import { readEvent, sampleInput } from '../fixtures.ts';

setTestEnv();
process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
const { recordExecutionStatus } = await import('../../src/handlers/record-execution-status.ts');
type Event = Parameters<typeof recordExecutionStatus>[0];
type Deps = NonNullable<Parameters<typeof recordExecutionStatus>[1]>;
const { ConcurrentChangeError } = await import('../../src/domain/errors.ts');

const ARN = `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:evt-1`;
const event = (detail: Partial<Event['detail']>): Event => ({
  source: 'aws.states',
  'detail-type': 'Step Functions Execution Status Change',
  detail: { executionArn: ARN, stateMachineArn: STATE_MACHINE_ARN, status: 'FAILED', input: JSON.stringify(sampleInput()), stopDate: Date.parse('2026-01-01T01:00:00Z'), ...detail },
});

/** Deps that record what was asked of them. */
const deps = (over: Partial<Deps> = {}) => {
  const calls: string[] = [];
  const d: Deps = {
    acquire: async (identity, owner) => (calls.push(`acquire ${identity.Name} ${owner}`), { item: { pk: '', owner, takenAt: '', expiresAt: 0 } }),
    finish: async (identity, executionArn, outcome, _now, fromStatusEvent) => (calls.push(`finish ${executionArn} ${JSON.stringify(outcome)} ${String(fromStatusEvent)}`), { recorded: true }),
    resume: async (_identity, executionArn, redriveCount) => (calls.push(`resume ${executionArn} ${redriveCount}`), true),
    now: () => new Date('2026-01-01T02:00:00Z'),
    inputOf: async (executionArn) => (calls.push(`describe ${executionArn}`), JSON.stringify(sampleInput())),
    stop: async (executionArn, error, cause) => void calls.push(`stop ${executionArn} ${error} ${cause}`),
    ...over,
  };
  return { d, calls };
};

describe('record-execution-status (Step Functions status change events)', () => {
  it('an execution ending without its record step: its end, written only while the record says RUNNING', async () => {
    const { d, calls } = deps();
    const out = await recordExecutionStatus(event({ status: 'TIMED_OUT', error: 'States.Timeout', cause: 'x', redriveCount: 2 }), d);
    assert.deepEqual(out, { outcome: 'recorded' });
    assert.deepEqual(calls, [
      `finish ${ARN} ${JSON.stringify({ status: 'TIMED_OUT', stopDate: '2026-01-01T01:00:00.000Z', error: 'States.Timeout', cause: 'x', redriveCount: 2 })} true`,
    ]);
  });

  it('a SUCCEEDED event carries the output; one without its input (too large) reads it back', async () => {
    const { d, calls } = deps();
    await recordExecutionStatus(event({ status: 'SUCCEEDED', input: null, output: '{"DirectoryId":"d-1"}' }), d);
    assert.equal(calls[0], `describe ${ARN}`);
    assert.match(calls[1] ?? '', /"output":\{"DirectoryId":"d-1"\}/);
  });

  it('a first RUNNING, a foreign state machine, a request naming no directory: nothing', async () => {
    const { d, calls } = deps({ inputOf: async () => undefined });
    assert.deepEqual(await recordExecutionStatus(event({ status: 'RUNNING' }), d), { outcome: 'ignored' });
    assert.deepEqual(await recordExecutionStatus(event({ stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:other' }), d), { outcome: 'ignored' });
    assert.deepEqual(await recordExecutionStatus(event({ input: '{"Directory":{}}' }), d), { outcome: 'ignored' });
    assert.deepEqual(calls, []);
  });

  it('a redrive re-asserts the change lease and says RUNNING again; while another change runs, the redrive is stopped', async () => {
    const resumed = deps();
    assert.deepEqual(await recordExecutionStatus(event({ status: 'RUNNING', redriveCount: 1 }), resumed.d), { outcome: 'resumed' });
    assert.deepEqual(resumed.calls, [`acquire corp.example.com ${ARN}`, `resume ${ARN} 1`]);

    const refused = deps({ acquire: async () => { throw new ConcurrentChangeError('Another change of directory corp.example.com in vpc-1 is running: arn:td (RUNNING).'); } });
    const teardownArn = `${TEARDOWN_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:del-1`;
    const out = await recordExecutionStatus(event({ status: 'RUNNING', redriveCount: 1, executionArn: teardownArn, stateMachineArn: TEARDOWN_STATE_MACHINE_ARN }), refused.d);
    assert.deepEqual(out, { outcome: 'stopped' });
    assert.deepEqual(refused.calls, [`stop ${teardownArn} ConcurrentChangeError Another change of directory corp.example.com in vpc-1 is running: arn:td (RUNNING).`]);
  });

  it('its sample event (events/recordExecutionStatus.json) is one it records', async () => {
    const sample = readEvent<Event>('recordExecutionStatus.json');
    process.env['STATE_MACHINE_ARN'] = sample.detail.stateMachineArn;
    try {
      const { d } = deps();
      assert.deepEqual(await recordExecutionStatus(sample, d), { outcome: 'recorded' });
    } finally {
      process.env['STATE_MACHINE_ARN'] = STATE_MACHINE_ARN;
    }
  });
});
