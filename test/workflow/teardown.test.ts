/**
 * statemachine/teardown.asl.json: generated from the one catalog, and one test per teardown row of it, run in the
 * local engine with stub handlers (as test/workflow/catalog.test.ts does for the provisioning rows; as there, the
 * Lambda service's and the transport's error names run at one Task each, and their rows at the other Tasks check
 * that the ASL handles them there exactly the same).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { TeardownPlan } from '../../src/contract.ts';
import { ERROR_CATALOG, LAMBDA_TRANSIENT_ERRORS, TEARDOWN_TASK_STATES, TRANSPORT_ERRORS, machineOf } from '../../src/workflow/catalog.ts';
import type { ErrorRow, TeardownStateName } from '../../src/workflow/catalog.ts';
import { lambdaTaskStates, renderDefinition } from '../../src/workflow/asl.ts';
import type { Definition } from '../../src/workflow/asl.ts';
import { RETRY_POLICIES, retryGroupOf } from '../../src/workflow/retry-policies.ts';
import { TEARDOWN_FAILURE_ENTRY, buildTeardownDefinition } from '../../src/workflow/teardown-definition.ts';
import { TEARDOWN_ASL_PATH, loadDefinition } from '../../tools/local/engine/asl.ts';
import { createLocalStateMachine, runLocal } from '../../tools/local/engine/run-local.ts';
import type { LocalHandler } from '../../tools/local/engine/run-local.ts';
import { entered, enteredInput, handlingIn, ofType, retriesOf, sharedRowRunAt, successPath } from './support.ts';

const TEARDOWN_ROWS = ERROR_CATALOG.filter((r) => machineOf(r.state) === 'teardown');
const raw = (): Definition => JSON.parse(readFileSync(TEARDOWN_ASL_PATH, 'utf8')) as Definition;
const SHARED_NAMES: readonly string[] = [...LAMBDA_TRANSIENT_ERRORS, ...TRANSPORT_ERRORS];
const RUN_AT = sharedRowRunAt(SHARED_NAMES, TEARDOWN_TASK_STATES);

const CONNECTOR = 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/aaaabbbb-cccc-dddd-eeee-ffff00001111';
const PLAN: TeardownPlan = {
  Force: false,
  Templates: [],
  ServicePrincipalNames: [],
  Connectors: [CONNECTOR],
  Registrations: [],
  Directories: ['d-9067a1b2c3'],
  PasswordSecret: null,
  Kept: [],
  AlreadyGone: [{ Resource: 'password-secret', Id: 'ad-cert-orchestrator/pw' }],
  Deleted: [],
  ConnectorDeadline: '2026-11-23T12:30:00.000Z',
  DirectoryDeadline: '2026-11-23T14:10:00.000Z',
};
const SUCCESS_PATH = successPath(raw());

interface Failure {
  state: TeardownStateName;
  name: string;
  times: number;
}

/** Stubs: each delete Task appends its resources to Deleted; `failure` throws first. */
async function run(failure?: Failure) {
  const inputs: Record<string, unknown[]> = {};
  const left = { n: failure?.times ?? 0 };
  const step = (state: string, body: (input: { Plan: TeardownPlan }) => unknown): LocalHandler => (input) => {
    (inputs[state] ??= []).push(input);
    if (failure?.state === state && left.n > 0) {
      left.n -= 1;
      const error = new Error(`injected ${failure.name}`);
      error.name = failure.name;
      throw error;
    }
    return body(input as { Plan: TeardownPlan });
  };
  const append = (resource: 'connector' | 'directory', ids: (p: TeardownPlan) => string[]) => (i: { Plan: TeardownPlan }) => ({
    ...i.Plan,
    Deleted: [...i.Plan.Deleted, ...ids(i.Plan).map((Id) => ({ Resource: resource, Id }))],
  });
  const handlers: Record<string, LocalHandler> = {
    DiscoverResources: step('DiscoverResources', () => PLAN),
    AcquireTeardownLease: step('AcquireTeardownLease', () => ({ ProvisioningId: 'api-key-p1', Kind: 'teardown', TakenOverFrom: null })),
    DeleteConnectors: step('DeleteConnectors', append('connector', (p) => p.Connectors)),
    DeleteDirectories: step('DeleteDirectories', append('directory', (p) => p.Directories)),
    DeletePasswordSecret: step('DeletePasswordSecret', (i) => i.Plan),
    RecordTeardown: step('RecordTeardown', () => ({ Recorded: true, ProvisioningId: 'api-key-p1', LeaseReleased: true })),
    PublishSucceededEvent: (input) => ((inputs['PublishSucceededEvent'] ??= []).push(input), {}),
    PublishFailedEvent: (input) => ((inputs['PublishFailedEvent'] ??= []).push(input), {}),
  };
  const r = await runLocal({ Directory: {}, Connector: {} }, { handlers, definition: loadDefinition({}, TEARDOWN_ASL_PATH) });
  return { ...r, inputs };
}

describe('statemachine/teardown.asl.json', () => {
  it('is what the builder generates (npm run gen:asl), with exactly the teardown Task states', () => {
    assert.equal(readFileSync(TEARDOWN_ASL_PATH, 'utf8'), renderDefinition(buildTeardownDefinition()));
    assert.deepEqual(lambdaTaskStates(raw()), [...TEARDOWN_TASK_STATES]);
    assert.deepEqual(
      SUCCESS_PATH,
      [...TEARDOWN_TASK_STATES.slice(0, -1), 'PublishSucceededEvent', 'RecordResult', 'RecordTeardown', 'EndTeardown', 'TornDown'],
      'a success enters every Task once, in the catalog order',
    );
    assert.doesNotThrow(() => createLocalStateMachine(loadDefinition({}, TEARDOWN_ASL_PATH)));
  });

  it('names every teardown row at its state, and nothing outside the catalog', () => {
    const def = raw();
    for (const row of TEARDOWN_ROWS) {
      const state = def.States[row.state];
      assert.ok(state, row.state);
      assert.equal((state.Retry ?? []).some((r) => r.ErrorEquals.includes(row.name)), row.handling !== 'catch', `${row.state}/${row.name} Retry`);
      assert.equal((state.Catch ?? []).some((c) => c.ErrorEquals.includes(row.name)), row.handling !== 'retry', `${row.state}/${row.name} Catch`);
    }
    for (const name of TEARDOWN_TASK_STATES) {
      const state = def.States[name];
      for (const m of [...(state?.Retry ?? []), ...(state?.Catch ?? [])]) {
        for (const err of m.ErrorEquals) assert.ok(TEARDOWN_ROWS.some((r) => r.state === name && r.name === err), `${name}: ${err}`);
      }
    }
  });

  it('the authorized-applications refusal is retried every minute for 60 minutes (AWS: wait 30 to 60 minutes), then caught', () => {
    const retrier = raw().States['DeleteDirectories']?.Retry?.find((r) => r.ErrorEquals.includes('DirectoryHasAuthorizedApplicationsError'));
    assert.deepEqual(retrier?.ErrorEquals, ['DirectoryHasAuthorizedApplicationsError']);
    assert.equal((retrier?.IntervalSeconds ?? 0) * (retrier?.MaxAttempts ?? 0), 3600);
    assert.equal(retrier?.IntervalSeconds, 60);
    assert.equal(retrier?.BackoffRate, 1);
  });

  it('takes the change lease after the discovery, before the first delete; both paths end in the record step', () => {
    const def = raw();
    assert.equal(def.States['DiscoverResources']?.['Next'], 'AcquireTeardownLease');
    assert.equal(def.States['AcquireTeardownLease']?.['ResultPath'], '$.lease');
    assert.equal(def.States['AcquireTeardownLease']?.['Next'], 'DeleteConnectors');
    assert.equal(def.States['PublishFailedEvent']?.['Next'], 'RecordTeardown');
    assert.equal(def.States['RecordTeardown']?.['ResultPath'], null);
    assert.deepEqual(def.States['RecordTeardown']?.Catch?.map((c) => [c.ResultPath, c.Next]), [['$.recordError', 'EndTeardown']]);
  });

  it('succeeds through every step and outputs Deleted / Kept / AlreadyGone', async () => {
    const r = await run();
    assert.equal(r.status, 'SUCCEEDED');
    assert.deepEqual(entered(r.events), SUCCESS_PATH);
    const out = r.output as { Deleted: unknown[]; Kept: unknown[]; AlreadyGone: unknown[]; Force: boolean };
    assert.deepEqual(out.Deleted, [{ Resource: 'connector', Id: CONNECTOR }, { Resource: 'directory', Id: 'd-9067a1b2c3' }]);
    assert.deepEqual(out.Kept, []);
    assert.deepEqual(out.AlreadyGone, PLAN.AlreadyGone);
    assert.equal(out.Force, false);
  });
});

async function assertRetriedThenSucceeds(row: ErrorRow): Promise<void> {
  const r = await run({ state: row.state as TeardownStateName, name: row.name, times: 2 });
  assert.equal(r.status, 'SUCCEEDED', `${row.state}/${row.name}: ${r.error ?? ''}`);
  assert.equal(retriesOf(r.events, row.state, row.name), 2);
  assert.deepEqual(entered(r.events), SUCCESS_PATH);
  const [first, ...rest] = r.inputs[row.state] ?? [];
  for (const again of rest) assert.deepEqual(again, first, 'the same input is retried');
}

async function assertAlwaysFailing(row: ErrorRow) {
  const r = await run({ state: row.state as TeardownStateName, name: row.name, times: Infinity });
  assert.equal(r.status, 'FAILED');
  assert.equal(r.error, row.name);
  if (row.handling !== 'catch') {
    assert.equal(retriesOf(r.events, row.state, row.name), RETRY_POLICIES[retryGroupOf(row)].MaxAttempts);
  } else {
    assert.equal(ofType(r.events, 'StateRetried').length, 0, 'a catch-only error is not retried');
  }
  return r;
}

describe('teardown rows of the error catalog, one test each (real ASL)', () => {
  const definition = loadDefinition({}, TEARDOWN_ASL_PATH);
  it('runs at least one row of its own at every Task (the path through it), and every shared name at one Task', () => {
    for (const state of TEARDOWN_TASK_STATES) assert.ok(TEARDOWN_ROWS.some((r) => r.state === state && !SHARED_NAMES.includes(r.name)), state);
    for (const name of SHARED_NAMES) assert.deepEqual(TEARDOWN_ROWS.filter((r) => r.name === name).map((r) => r.state), [...TEARDOWN_TASK_STATES], name);
  });

  for (const row of TEARDOWN_ROWS) {
    const ranAt = SHARED_NAMES.includes(row.name) ? RUN_AT.get(row.name) : undefined;
    if (ranAt !== undefined && ranAt !== row.state) {
      it(`${row.state} / ${row.name}: ${row.handling}, as at ${ranAt} (run there)`, () => {
        const here = handlingIn(definition, row.state, row.name);
        assert.ok(here.retrier, `${row.state} has no retrier for ${row.name}`);
        assert.deepEqual(here, handlingIn(definition, ranAt, row.name), `${row.state} handles ${row.name} differently from ${ranAt}`);
        const ran = TEARDOWN_ROWS.find((r) => r.state === ranAt && r.name === row.name);
        assert.deepEqual(ran && { handling: ran.handling, rerun: ran.rerun }, { handling: row.handling, rerun: row.rerun }, 'the catalog says the same');
      });
      continue;
    }
    it(`${row.state} / ${row.name}: ${row.handling}`, async () => {
      if (row.handling !== 'catch') await assertRetriedThenSucceeds(row);
      if (row.state === 'RecordTeardown' && row.handling === 'catch') {
        // The record's own error: the teardown ends as it would have, the error kept apart.
        const r = await run({ state: row.state, name: row.name, times: Infinity });
        assert.equal(r.status, 'SUCCEEDED');
        assert.deepEqual(entered(r.events), SUCCESS_PATH);
        assert.equal((r.output as { recordError?: { Error: string } }).recordError?.Error, row.name);
        return;
      }
      const r = await assertAlwaysFailing(row);
      const states = entered(r.events);
      const after = states.slice(states.lastIndexOf(row.state) + 1);
      if (row.handling === 'retry') {
        assert.deepEqual(after, [], 'uncaught: fails AT the task (redrive re-runs it)');
        assert.equal(row.rerun, 'redrive');
        return;
      }
      assert.deepEqual(after, [TEARDOWN_FAILURE_ENTRY[row.state as TeardownStateName], 'PublishFailedEvent', 'RecordTeardown', 'EndTeardown', 'TeardownFailed']);
      const [event] = r.inputs['PublishFailedEvent'] as { Entries: { DetailType: string; Detail: { Error: string; Deleted: unknown[] } }[] }[];
      assert.equal(event?.Entries[0]?.DetailType, 'Deprovisioning Failed');
      assert.equal(event?.Entries[0]?.Detail.Error, row.name);
      // What earlier steps deleted is in the failure event.
      const deletedBefore = row.state === 'DeletePasswordSecret' ? 2 : row.state === 'DeleteDirectories' ? 1 : 0;
      assert.equal(event?.Entries[0]?.Detail.Deleted.length, deletedBefore);
      assert.match(String((enteredInput(r.events, 'PublishFailedEvent')[0] as { error: { Cause: string } }).error.Cause), new RegExp(`injected ${row.name.replace('.', '\\.')}`));
    });
  }
});
