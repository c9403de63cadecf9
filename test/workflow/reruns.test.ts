/**
 * The two console remedies, simulated on the real ASL. aws-local-stepfunctions has no redrive, so a redrive is
 * modelled as AWS documents it: same execution ARN, same input, continue from the unsuccessful step (a run whose
 * StartAt is the failed state, with the input that state had).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDefinition } from '../../tools/local/engine/asl.ts';
import { runLocal } from '../../tools/local/engine/run-local.ts';
import type { LocalEvent } from '../../tools/local/engine/run-local.ts';
import { entered, enteredInput, run, stubHandlers } from './support.ts';

type Def = ReturnType<typeof loadDefinition>;

/** The definition starting at `start`, without the states it cannot reach (the local validator rejects those). */
function startingAt(def: Def, start: string): Def {
  const states = def.States as unknown as Record<string, Record<string, unknown>>;
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const s = states[name] ?? {};
    const next = [
      s['Next'],
      s['Default'],
      ...((s['Choices'] as { Next: string }[] | undefined) ?? []).map((c) => c.Next),
      ...((s['Catch'] as { Next: string }[] | undefined) ?? []).map((c) => c.Next),
    ];
    for (const n of next) if (typeof n === 'string') queue.push(n);
  }
  return { ...def, StartAt: start, States: Object.fromEntries(Object.entries(def.States).filter(([n]) => seen.has(n))) } as Def;
}

/** Re-run from `state` with the input it was entered with last time, under the same execution ARN. */
async function redrive(events: LocalEvent[], state: string, executionArn: string, handlers: ReturnType<typeof stubHandlers>['handlers']) {
  const input = enteredInput(events, state).at(-1);
  const definition = startingAt(loadDefinition(), state);
  return runLocal(input, { handlers, definition, executionArn });
}

describe('reruns (runbook)', () => {
  it('uncaught after retries (throttling at CreateConnector): redrive re-runs the Task with the same execution ARN and succeeds', async () => {
    // Prepare: the first execution exhausts the throttling retries
    const first = await run({ directoryStages: ['Active'], failures: [{ state: 'CreateConnector', name: 'ThrottlingException', times: Infinity }] });
    assert.equal(first.status, 'FAILED');
    assert.equal(entered(first.events).at(-1), 'CreateConnector');
    // Act: redrive with healthy handlers
    const healthy = stubHandlers({ directoryStages: ['Active'], connectorStatuses: ['CREATING', 'ACTIVE'] });
    const second = await redrive(first.events, 'CreateConnector', first.executionArn, healthy.handlers);
    // Assess
    assert.equal(second.status, 'SUCCEEDED');
    assert.deepEqual(entered(second.events).slice(0, 2), ['CreateConnector', 'GetConnectorStatus']);
    const [firstCall] = first.calls.inputs['CreateConnector'] as { ExecutionId: string }[];
    const [redriveCall] = healthy.calls.inputs['CreateConnector'] as { ExecutionId: string }[];
    assert.equal(redriveCall?.ExecutionId, firstCall?.ExecutionId, 'same execution ARN -> same ClientToken');
    assert.equal(healthy.calls.inputs['ValidateRequest'], undefined, 'the succeeded steps are not re-run');
    assert.equal(healthy.calls.inputs['CreateDirectory'], undefined);
  });

  it('uncaught at a poll (throttled polls exhausted): redrive re-runs the poll with the same input, so the same Deadline', async () => {
    // Prepare: every poll of the directory is throttled until the throttling retrier gives up
    const first = await run({ failures: [{ state: 'GetDirectoryStage', name: 'DirectoryServiceThrottledError', times: Infinity }] });
    assert.equal(first.status, 'FAILED');
    assert.equal(first.error, 'DirectoryServiceThrottledError');
    assert.equal(entered(first.events).at(-1), 'GetDirectoryStage');
    // Act
    const healthy = stubHandlers({ directoryStages: ['Creating', 'Active'] });
    const second = await redrive(first.events, 'GetDirectoryStage', first.executionArn, healthy.handlers);
    // Assess: one not-ready poll, then Active; every redriven poll got the first run's state document
    assert.equal(second.status, 'SUCCEEDED');
    const [original] = first.calls.inputs['GetDirectoryStage'] as { Directory: { Deadline: string } }[];
    const polls = healthy.calls.inputs['GetDirectoryStage'] as { Directory: { Deadline: string } }[];
    assert.equal(polls.length, 2);
    for (const poll of polls) assert.deepEqual(poll, original);
    assert.equal(polls[0]?.Directory.Deadline, '2026-11-23T13:00:00.000Z');
    assert.equal(healthy.calls.inputs['CreateDirectory'], undefined, 'the directory is not created again');
  });

  it('caught (named failure): a redrive would only re-run the Fail state, so the remedy is a new execution', async () => {
    // Prepare
    const first = await run({ failures: [{ state: 'CreateDirectory', name: 'DirectoryLimitExceededException', times: 1 }] });
    assert.equal(first.status, 'FAILED');
    assert.equal(entered(first.events).at(-1), 'ProvisioningFailed');
    // Act: "redrive" = continue from the unsuccessful step, which is the Fail state
    const redriven = await redrive(first.events, 'ProvisioningFailed', first.executionArn, stubHandlers().handlers);
    // Assess: fails again, nothing runs
    assert.equal(redriven.status, 'FAILED');
    assert.equal(redriven.error, 'DirectoryLimitExceededException');
    assert.deepEqual(entered(redriven.events), ['ProvisioningFailed']);
    // ...whereas a new execution (new ARN, same input) runs the whole workflow again once the cause is fixed
    const fresh = await run();
    assert.equal(fresh.status, 'SUCCEEDED');
    assert.notEqual(fresh.executionArn, first.executionArn);
  });
});
