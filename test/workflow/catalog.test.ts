/**
 * One test per ERROR_CATALOG row, generated from the catalog: the real ASL is executed with stub handlers and the
 * stub for the row's state throws an Error whose `name` is the row's name.
 *  - retry: N failures then success -> SUCCEEDED with N StateRetried for that state and error; failing every time
 *    -> the retrier's MaxAttempts retries, then the execution FAILS at that Task, uncaught (rerun = redrive).
 *  - catch: FAILED with that error; PublishFailedEvent entered with it in $.error; nothing after but the record step
 *    and the Fail state. At the record step itself: the execution ends as it would have, the error in recordError.
 *  - retry-then-catch: both of the above.
 * The Lambda service's and the transport's error names are rows of every Task, all with one retrier: each name runs
 * as above at one Task (in turn), and its row at every other Task checks that the ASL handles it there exactly as at
 * the Task where it ran (the same first matching retrier, no catcher), while that Task's own rows run its path.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CATALOG, LAMBDA_TRANSIENT_ERRORS, TASK_STATES, TRANSPORT_ERRORS, machineOf } from '../../src/workflow/catalog.ts';
import type { ErrorRow, TaskStateName } from '../../src/workflow/catalog.ts';
import { FAILURE_ENTRY } from '../../src/workflow/definition.ts';
import { retryPolicyOf } from '../../src/workflow/retry-policies.ts';
import { loadDefinition } from '../../tools/local/engine/asl.ts';
import { SUCCESS_PATH, entered, enteredInput, handlingIn, ofType, retriesOf, run, sharedRowRunAt } from './support.ts';

const N = 2;
const PROVISION_ROWS = ERROR_CATALOG.filter((r) => machineOf(r.state) === 'provision');
const SHARED_NAMES: readonly string[] = [...LAMBDA_TRANSIENT_ERRORS, ...TRANSPORT_ERRORS];
const RUN_AT = sharedRowRunAt(SHARED_NAMES, TASK_STATES);
/** The definition the runs execute. */
const DEFINITION = loadDefinition();

async function assertRetriedThenSucceeds(row: ErrorRow): Promise<void> {
  // Prepare + Act
  const r = await run({ failures: [{ state: row.state, name: row.name, times: N }] });
  // Assess
  assert.equal(r.status, 'SUCCEEDED', `${row.state}/${row.name}: ${r.error ?? ''} ${r.cause ?? ''}`);
  assert.equal(retriesOf(r.events, row.state, row.name), N);
  assert.equal(ofType(r.events, 'StateRetried').length, N, 'no other state retried');
  assert.equal(ofType(r.events, 'StateCaught').length, 0);
  assert.deepEqual(entered(r.events), SUCCESS_PATH);
  assert.equal(r.calls.inputs[row.state]?.length, N + 1, 'the same input is retried');
  const [first, ...rest] = r.calls.inputs[row.state] ?? [];
  for (const again of rest) assert.deepEqual(again, first);
}

async function assertAlwaysFailing(row: ErrorRow): Promise<Awaited<ReturnType<typeof run>>> {
  const r = await run({ failures: [{ state: row.state, name: row.name, times: Infinity }] });
  assert.equal(r.status, 'FAILED');
  assert.equal(r.error, row.name);
  if (row.handling !== 'catch') {
    const maxAttempts = retryPolicyOf(row).MaxAttempts;
    assert.equal(retriesOf(r.events, row.state, row.name), maxAttempts, 'retried MaxAttempts times');
    assert.equal(r.calls.inputs[row.state]?.length, maxAttempts + 1);
  } else {
    assert.equal(ofType(r.events, 'StateRetried').length, 0, 'a catch-only error is not retried');
  }
  const states = entered(r.events);
  const at = states.lastIndexOf(row.state);
  assert.ok(at >= 0);
  assert.deepEqual(states.slice(0, at + 1), SUCCESS_PATH.slice(0, SUCCESS_PATH.lastIndexOf(row.state) + 1));
  return r;
}

async function assertCaught(row: ErrorRow): Promise<void> {
  const r = await assertAlwaysFailing(row);
  const states = entered(r.events);
  const after = states.slice(states.lastIndexOf(row.state) + 1);
  assert.deepEqual(after, [FAILURE_ENTRY[row.state as TaskStateName], 'PublishFailedEvent', 'RecordProvisioning', 'EndProvisioning', 'ProvisioningFailed'], 'no later state entered');
  const caught = ofType(r.events, 'StateCaught', row.state);
  assert.equal(caught.length, 1);
  const [input] = enteredInput(r.events, 'PublishFailedEvent') as { error: { Error: string; Cause: string } }[];
  assert.equal(input?.error.Error, row.name);
  assert.match(input?.error.Cause ?? '', new RegExp(`injected ${row.name.replace('.', '\\.')}`));
  const [event] = r.calls.inputs['PublishFailedEvent'] as { Entries: { Detail: { Error: string } }[] }[];
  assert.equal(event?.Entries[0]?.Detail.Error, row.name);
  assert.equal(r.cause, input?.error.Cause);
  assert.equal(row.rerun, 'new-execution');
}

async function assertUncaught(row: ErrorRow): Promise<void> {
  const r = await assertAlwaysFailing(row);
  const states = entered(r.events);
  assert.equal(states.at(-1), row.state, 'fails AT the task (redrive re-runs it)');
  assert.equal(ofType(r.events, 'StateCaught').length, 0);
  assert.ok(!states.includes('PublishFailedEvent'));
  assert.equal(ofType(r.events, 'StateFailed', row.state).at(-1)?.state.name, row.state);
  assert.equal(row.rerun, 'redrive');
}

/** A record step's caught error: the execution succeeds as it would have, the error kept apart in recordError. */
async function assertRecordCaught(row: ErrorRow): Promise<void> {
  const r = await run({ failures: [{ state: row.state, name: row.name, times: Infinity }] });
  assert.equal(r.status, 'SUCCEEDED', `${row.state}/${row.name}`);
  assert.deepEqual(entered(r.events), SUCCESS_PATH);
  assert.equal(ofType(r.events, 'StateCaught', row.state).length, 1);
  assert.equal((r.output as { recordError?: { Error: string } }).recordError?.Error, row.name);
  assert.equal(FAILURE_ENTRY[row.state as TaskStateName], 'EndProvisioning');
}

/** A row of a shared name at a Task where it does not run: handled there exactly as where it ran. */
function assertHandledAsWhereItRan(row: ErrorRow, ranAt: string): void {
  const here = handlingIn(DEFINITION, row.state, row.name);
  const there = handlingIn(DEFINITION, ranAt, row.name);
  assert.ok(here.retrier, `${row.state} has no retrier for ${row.name}`);
  assert.deepEqual(here, there, `${row.state} handles ${row.name} differently from ${ranAt}`);
  const ran = PROVISION_ROWS.find((r) => r.state === ranAt && r.name === row.name);
  assert.deepEqual(ran && { handling: ran.handling, rerun: ran.rerun }, { handling: row.handling, rerun: row.rerun }, 'the catalog says the same');
}

describe('error catalog, one test per row (real ASL)', () => {
  it('runs at least one row of its own at every Task (the path through it), and every shared name at one Task', () => {
    for (const state of TASK_STATES) assert.ok(PROVISION_ROWS.some((r) => r.state === state && !SHARED_NAMES.includes(r.name)), state);
    for (const name of SHARED_NAMES) {
      assert.deepEqual(PROVISION_ROWS.filter((r) => r.name === name).map((r) => r.state), [...TASK_STATES], `${name} is a row of every Task`);
      assert.ok(RUN_AT.get(name), name);
    }
  });

  // The teardown's rows: test/workflow/teardown.test.ts.
  for (const row of PROVISION_ROWS) {
    const ranAt = SHARED_NAMES.includes(row.name) ? RUN_AT.get(row.name) : undefined;
    if (ranAt !== undefined && ranAt !== row.state) {
      it(`${row.state} / ${row.name}: ${row.handling}, as at ${ranAt} (run there)`, () => assertHandledAsWhereItRan(row, ranAt));
      continue;
    }
    it(`${row.state} / ${row.name}: ${row.handling}`, async () => {
      switch (row.handling) {
        case 'retry':
          await assertRetriedThenSucceeds(row);
          await assertUncaught(row);
          break;
        case 'catch':
          await (row.state === 'RecordProvisioning' ? assertRecordCaught(row) : assertCaught(row));
          break;
        case 'retry-then-catch':
          await assertRetriedThenSucceeds(row);
          await assertCaught(row);
          break;
      }
    });
  }
});
