import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RETRY_POLICIES } from '../../src/workflow/retry-policies.ts';
import { renderDefinition } from '../../src/workflow/asl.ts';
import type { Catcher, Definition, Retrier } from '../../src/workflow/asl.ts';
import { buildDefinition } from '../../src/workflow/definition.ts';
import { ERROR_CATALOG, TASK_STATES, machineOf } from '../../src/workflow/catalog.ts';
import { WAITED_RESOURCES } from '../../src/workflow/waits.ts';
import { ASL_PATH, assertAllTasksBound, loadDefinition, taskStateNames } from '../../tools/local/engine/asl.ts';
import { createLocalStateMachine, runLocal } from '../../tools/local/engine/run-local.ts';
import { REQUEST, SUCCESS_PATH, stubHandlers } from './support.ts';

/** This machine's rows (the teardown's: test/workflow/teardown.test.ts). */
const PROVISION_ROWS = ERROR_CATALOG.filter((r) => machineOf(r.state) === 'provision');

const raw = (): Definition => JSON.parse(readFileSync(ASL_PATH, 'utf8')) as Definition;
const PUBLISH_STATES = ['PublishSucceededEvent', 'PublishFailedEvent'];

describe('statemachine/provision.asl.json', () => {
  it('is exactly what tools/cli/gen-asl.ts generates from the catalog (npm run gen:asl)', () => {
    // Prepare
    const checkedIn = readFileSync(ASL_PATH, 'utf8');
    // Act
    const generated = renderDefinition(buildDefinition());
    // Assess
    assert.equal(checkedIn, generated, 'statemachine/provision.asl.json is stale: run `npm run gen:asl`');
  });

  it('is JSONPath (no JSONata) and has the fixed state names; no Wait state; three Choices: DirectoryGiven (an existing directory), ConnectorRequested (on ConnectorRequested and GroupNamesRequested) and EndProvisioning (the polls are retries)', () => {
    const def = raw();
    assert.equal((def as unknown as Record<string, unknown>)['QueryLanguage'], undefined);
    assert.doesNotMatch(JSON.stringify(def), /\{%/);
    for (const name of [
      ...TASK_STATES,
      'PublishSucceededEvent', 'NotePublishFailure', 'RecordResult', 'Provisioned', 'FailedBeforeDirectory', 'FailedWithDirectory',
      'FailedWithConnector', 'RequestRejected', 'PublishFailedEvent', 'ProvisioningFailed', 'ConnectorRequested', 'NoConnector', 'NoGroupNames',
      'EndProvisioning', 'DirectoryGiven', 'UseExistingDirectory',
    ]) {
      assert.ok(def.States[name], `missing state ${name}`);
    }
    assert.equal(Object.keys(def.States).length, TASK_STATES.length + 16);
    assert.deepEqual(new Set(taskStateNames(def)), new Set([...TASK_STATES, ...PUBLISH_STATES]));
    assert.deepEqual(Object.values(def.States).filter((s) => s.Type === 'Wait'), []);
    assert.deepEqual(
      Object.entries(def.States).filter(([, s]) => s.Type === 'Choice').map(([name, s]) => [name, JSON.stringify(s['Choices'])]),
      [
        ['DirectoryGiven', JSON.stringify([{ Variable: '$.validation.ExistingDirectory', IsNull: true, Next: 'CreateDirectory' }])],
        ['ConnectorRequested', JSON.stringify([
          {
            And: [
              { Variable: '$.validation.ConnectorRequested', BooleanEquals: true },
              { Variable: '$.validation.GroupNamesRequested', BooleanEquals: true },
            ],
            Next: 'EnableDirectoryDataAccess',
          },
          { Variable: '$.validation.ConnectorRequested', BooleanEquals: true, Next: 'NoGroupNames' },
        ])],
        ['EndProvisioning', JSON.stringify([{ Not: { Variable: '$.error', IsPresent: true }, Next: 'Provisioned' }])],
      ],
    );
    assert.equal(def.States['EndProvisioning']?.['Default'], 'ProvisioningFailed');
  });

  it('a success enters every Lambda Task once, in the catalog order, then the completion', () => {
    assert.deepEqual(SUCCESS_PATH.filter((s) => (TASK_STATES as readonly string[]).includes(s)), [...TASK_STATES]);
    assert.deepEqual(SUCCESS_PATH.slice(-5), ['PublishSucceededEvent', 'RecordResult', 'RecordProvisioning', 'EndProvisioning', 'Provisioned']);
  });

  it('takes the change lease right after the validation, and both paths end in the record step', () => {
    const def = raw();
    assert.equal(def.States['ValidateRequest']?.['Next'], 'AcquireChangeLease');
    assert.equal(def.States['AcquireChangeLease']?.['ResultPath'], '$.lease');
    // The plan is made under the lease; a conflict ends in the failure path that records and releases.
    assert.equal(def.States['AcquireChangeLease']?.['Next'], 'PlanChanges');
    assert.equal(def.States['PlanChanges']?.['Next'], 'DirectoryGiven');
    for (const state of ['AcquireChangeLease', 'PlanChanges']) {
      assert.deepEqual([...new Set(def.States[state]?.Catch?.map((c) => c.Next))], ['FailedBeforeDirectory'], state);
    }
    assert.equal(def.States['FailedBeforeDirectory']?.['Next'], 'PublishFailedEvent');
    assert.equal((def.States['RecordResult']?.['Parameters'] as Record<string, unknown>)['Plan.$'], '$.plan.plan', 'the record gets the plan carried out');
    assert.equal(def.States['RecordResult']?.['Next'], 'RecordProvisioning');
    assert.equal(def.States['PublishFailedEvent']?.['Next'], 'RecordProvisioning');
    assert.deepEqual(def.States['PublishFailedEvent']?.Catch?.map((c) => c.Next), ['RecordProvisioning']);
    const record = def.States['RecordProvisioning'];
    assert.equal(record?.['ResultPath'], null, 'the state passes on unchanged');
    assert.deepEqual(record?.['Parameters'], { 'ExecutionId.$': '$$.Execution.Id', 'Request.$': '$$.Execution.Input', 'State.$': '$' });
    assert.deepEqual(record?.Catch?.map((c) => [c.ResultPath, c.Next]), [['$.recordError', 'EndProvisioning']], 'never over the execution\'s own $.error');
  });

  it('each waited resource: its create Task leads to its poll Task, which reads and writes the same state document', () => {
    const def = raw();
    for (const w of WAITED_RESOURCES) {
      const create = def.States[w.createState];
      const poll = def.States[w.pollState];
      assert.equal(create?.['Next'], w.pollState);
      assert.equal(create?.['ResultPath'], w.resultPath);
      assert.deepEqual(poll?.['Parameters'], { 'ExecutionId.$': '$$.Execution.Id', [`${w.inputKey}.$`]: w.resultPath });
      assert.equal(poll?.['ResultPath'], w.resultPath);
      const pollRetrier = (poll?.Retry ?? []).find((r) => r.ErrorEquals.includes(w.notReady));
      assert.deepEqual(pollRetrier?.ErrorEquals, [w.notReady], 'the not-ready error has its own retrier (its own budget)');
      const caught = (poll?.Catch ?? []).flatMap((c) => c.ErrorEquals);
      assert.ok(caught.includes(w.failed) && caught.includes(w.timeout), w.pollState);
      assert.ok(!caught.includes(w.notReady));
    }
  });

  it('names every catalog row at its state: retry rows in Retry, catch rows in Catch, retry-then-catch in both', () => {
    const def = raw();
    for (const row of PROVISION_ROWS) {
      const state = def.States[row.state];
      assert.ok(state, row.state);
      const retried = (state.Retry ?? []).some((r) => r.ErrorEquals.includes(row.name));
      const caught = (state.Catch ?? []).some((c) => c.ErrorEquals.includes(row.name));
      assert.equal(retried, row.handling !== 'catch', `${row.state}/${row.name} Retry`);
      assert.equal(caught, row.handling !== 'retry', `${row.state}/${row.name} Catch`);
    }
  });

  it('names nothing outside the catalog; no States.ALL/TaskFailed on Lambda tasks; catches keep $.error (ValidateRequest: the whole state)', () => {
    const def = raw();
    for (const [name, state] of Object.entries(def.States)) {
      const matchers: (Retrier | Catcher)[] = [...(state.Retry ?? []), ...(state.Catch ?? [])];
      for (const m of matchers) {
        for (const err of m.ErrorEquals) {
          if (PUBLISH_STATES.includes(name)) {
            assert.ok(['States.TaskFailed', 'States.ALL'].includes(err), `${name}: ${err}`);
          } else {
            assert.ok(
              ERROR_CATALOG.some((r) => r.state === name && r.name === err),
              `${name} names ${err}, which is not a catalog row for that state`,
            );
          }
        }
      }
      if (TASK_STATES.includes(name as never)) {
        for (const c of state.Catch ?? []) {
          if (name === 'ValidateRequest') {
            // its input may be no object at all: the error replaces the state, RequestRejected rebuilds it
            assert.equal(c.ResultPath, undefined);
            assert.equal(c.Next, 'RequestRejected');
            assert.deepEqual(def.States['RequestRejected']?.['Parameters'], { 'error.$': '$', failure: { DirectoryId: null, ConnectorArn: null } });
          } else if (name === 'RecordProvisioning') {
            assert.equal(c.ResultPath, '$.recordError');
          } else {
            assert.equal(c.ResultPath, '$.error');
            assert.match(c.Next, /^Failed(Before|With)/);
          }
        }
        assert.ok(typeof state['TimeoutSeconds'] === 'number', `${name} TimeoutSeconds`);
      }
    }
    const mentioned = JSON.stringify(def);
    for (const name of new Set(PROVISION_ROWS.map((r) => r.name))) assert.ok(mentioned.includes(`"${name}"`), name);
  });

  it('uses the documented retry parameters (throttling: 5 s, x2, 8 attempts, <=120 s, full jitter)', () => {
    const def = raw();
    const throttle = def.States['CreateConnector']?.Retry?.find((r) => r.ErrorEquals.includes('ThrottlingException'));
    assert.ok(throttle);
    const { Comment: _c, ...policy } = RETRY_POLICIES.throttling;
    assert.deepEqual({ ...throttle, ErrorEquals: undefined }, { ...policy, ErrorEquals: undefined });
    assert.deepEqual(policy, { IntervalSeconds: 5, MaxAttempts: 8, BackoffRate: 2, MaxDelaySeconds: 120, JitterStrategy: 'FULL' });
  });

  it('substitutes ${...} (defaults: fake Lambda ARNs, local-bus) and validates in aws-local-stepfunctions', () => {
    const def = loadDefinition({ EventBusName: 'my-bus' });
    const text = JSON.stringify(def);
    assert.doesNotMatch(text, /\$\{/);
    assert.match(text, /"arn:aws:lambda:us-east-1:000000000000:function:local-CreateConnector"/);
    assert.match(text, /"EventBusName":"my-bus"/);
    assert.doesNotThrow(() => createLocalStateMachine(def));
  });

  it('has exactly one DefinitionSubstitutions placeholder per Task state plus the bus, each with a local default', () => {
    const names = new Set([...readFileSync(ASL_PATH, 'utf8').matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    assert.deepEqual(names, new Set([...TASK_STATES.map((s) => `${s}FunctionArn`), 'EventBusName']));
    assert.doesNotThrow(() => loadDefinition());
  });
});

describe('unbound Task guard', () => {
  it('throws, listing every Task state without a local handler', () => {
    // Prepare
    const def = loadDefinition();
    const { handlers } = stubHandlers();
    const partial = { ...handlers };
    delete partial['GetConnectorStatus'];
    delete partial['PublishFailedEvent'];
    // Act + Assess
    assert.throws(
      () => assertAllTasksBound(def, partial),
      (err: Error) => /GetConnectorStatus/.test(err.message) && /PublishFailedEvent/.test(err.message) && !/ValidateRequest/.test(err.message),
    );
    assert.doesNotThrow(() => assertAllTasksBound(def, handlers));
  });

  it('runLocal refuses to start (no handler is called) when a Task is unbound', async () => {
    const { handlers, calls } = stubHandlers();
    const partial = { ...handlers };
    delete partial['CreateDirectory'];
    await assert.rejects(runLocal(REQUEST, { handlers: partial }), /CreateDirectory/);
    assert.deepEqual(calls.inputs, {});
  });
});
