import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONNECTOR_FAILED, DIRECTORY_FAILED, STAGE_FAILURES } from '../../src/workflow/catalog.ts';
import { CONNECTOR_TERMINAL, DIRECTORY_TERMINAL } from '../../src/workflow/stages.ts';
import { validateRequest } from '../../src/domain/validate.ts';
import { InvalidRequestError } from '../../src/domain/errors.ts';
import { runLocal } from '../../tools/local/engine.ts';
import { CONNECTOR_ARN, DIRECTORY_ID, REQUEST, WARNING, entered, enteredInput, executionEnd, ofType, run, stubHandlers } from './support.ts';
import type { Scenario } from './support.ts';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe('state machine flows (real ASL, stub handlers)', () => {
  it('happy path: validate, create, poll Creating -> Active, create connector, poll CREATING -> ACTIVE, publish, record', async () => {
    // Act
    const r = await run();
    // Assess
    assert.equal(r.status, 'SUCCEEDED');
    assert.deepEqual(entered(r.events), [
      'ValidateRequest',
      'CreateDirectory',
      'CheckDirectoryStage',
      'WaitForDirectory',
      'GetDirectoryStage',
      'CheckDirectoryStage',
      'CreateConnector',
      'CheckConnectorStatus',
      'WaitForConnector',
      'GetConnectorStatus',
      'CheckConnectorStatus',
      'PublishSucceededEvent',
      'RecordResult',
      'Provisioned',
    ]);
    const out = r.output as Record<string, unknown>;
    const { StartedAt, FinishedAt, ...rest } = out;
    assert.deepEqual(rest, {
      ExecutionId: r.executionArn,
      DirectoryId: DIRECTORY_ID,
      DirectoryType: 'SimpleAD',
      DirectoryAdopted: false,
      DirectoryStage: 'Active',
      DirectoryPollRounds: 1,
      DirectoryElapsedSeconds: 30,
      ConnectorArn: CONNECTOR_ARN,
      ConnectorAdopted: false,
      ConnectorStatus: 'ACTIVE',
      ConnectorPollRounds: 1,
      ConnectorElapsedSeconds: 10,
      Warnings: [WARNING],
      EventPublished: true,
      EventWarning: null,
    });
    assert.match(String(StartedAt), ISO);
    assert.match(String(FinishedAt), ISO);
    assert.ok(String(FinishedAt) >= String(StartedAt));
    assert.equal(executionEnd(r.events)?.type, 'ExecutionSucceeded');
  });

  it('passes contract-shaped inputs to each Lambda task (execution ARN, request parts, poll state)', async () => {
    const r = await run();
    const [validate] = r.calls.inputs['ValidateRequest'] ?? [];
    assert.deepEqual(validate, { ExecutionId: r.executionArn, Request: REQUEST });
    const [create] = r.calls.inputs['CreateDirectory'] ?? [];
    assert.deepEqual(create, { ExecutionId: r.executionArn, Directory: REQUEST.Directory, DirectoryType: 'SimpleAD', TimeoutSeconds: 3600 });
    const [poll] = r.calls.inputs['GetDirectoryStage'] as { ExecutionId: string; Directory: { DirectoryId: string; Stage: string } }[];
    assert.equal(poll?.ExecutionId, r.executionArn);
    assert.equal(poll?.Directory.DirectoryId, DIRECTORY_ID);
    assert.equal(poll?.Directory.Stage, 'Creating');
    const [connector] = r.calls.inputs['CreateConnector'] ?? [];
    assert.deepEqual(connector, { ExecutionId: r.executionArn, DirectoryId: DIRECTORY_ID, Connector: REQUEST.Connector, TimeoutSeconds: 1800 });
    const [status] = r.calls.inputs['GetConnectorStatus'] as { Connector: { ConnectorArn: string } }[];
    assert.equal(status?.Connector.ConnectorArn, CONNECTOR_ARN);
    const [event] = r.calls.inputs['PublishSucceededEvent'] as { Entries: Record<string, unknown>[] }[];
    assert.deepEqual(event?.Entries, [
      {
        EventBusName: 'local-bus',
        Source: 'ad-cert-orchestrator',
        DetailType: 'Provisioning Succeeded',
        Detail: {
          ExecutionId: r.executionArn,
          DirectoryId: DIRECTORY_ID,
          DirectoryType: 'SimpleAD',
          DirectoryAdopted: false,
          ConnectorArn: CONNECTOR_ARN,
          ConnectorAdopted: false,
          Warnings: [WARNING],
        },
      },
    ]);
  });

  it('polls the directory through Requested -> Creating -> Created -> Active with a Wait before every poll', async () => {
    const r = await run({ directoryStages: ['Requested', 'Creating', 'Creating', 'Created', 'Active'], connectorStatuses: ['ACTIVE'] });
    assert.equal(r.status, 'SUCCEEDED');
    const states = entered(r.events);
    assert.equal(states.filter((s) => s === 'WaitForDirectory').length, 4);
    assert.equal(states.filter((s) => s === 'GetDirectoryStage').length, 4);
    const stages = ofType(r.events, 'StateExited', 'GetDirectoryStage').map(
      (e) => (e.state.output as { directory: { Stage: string } }).directory.Stage,
    );
    assert.deepEqual(stages, ['Creating', 'Creating', 'Created', 'Active']);
    assert.equal((r.output as { DirectoryPollRounds: number }).DirectoryPollRounds, 4);
    assert.ok(!states.includes('WaitForConnector'), 'connector ACTIVE at once: no connector wait');
  });

  it('keeps polling while the directory is Updating or Restoring', async () => {
    const r = await run({ directoryStages: ['Creating', 'Updating', 'Restoring', 'Active'] });
    assert.equal(r.status, 'SUCCEEDED');
    assert.equal(entered(r.events).filter((s) => s === 'GetDirectoryStage').length, 3);
  });

  it('polls the connector CREATING -> CREATING -> ACTIVE', async () => {
    const r = await run({ directoryStages: ['Active'], connectorStatuses: ['CREATING', 'CREATING', 'ACTIVE'] });
    assert.equal(r.status, 'SUCCEEDED');
    const states = entered(r.events);
    assert.equal(states.filter((s) => s === 'WaitForConnector').length, 2);
    assert.equal(states.filter((s) => s === 'GetConnectorStatus').length, 2);
    assert.equal((r.output as { ConnectorPollRounds: number }).ConnectorPollRounds, 2);
  });

  it('an adopted directory that is already Active skips the wait entirely', async () => {
    const r = await run({ directoryStages: ['Active'], directoryAdopted: true, connectorAdopted: true, connectorStatuses: ['ACTIVE'] });
    assert.equal(r.status, 'SUCCEEDED');
    const states = entered(r.events);
    assert.deepEqual(states.slice(0, 4), ['ValidateRequest', 'CreateDirectory', 'CheckDirectoryStage', 'CreateConnector']);
    assert.ok(!states.includes('WaitForDirectory'));
    assert.ok(!states.includes('GetDirectoryStage'));
    const out = r.output as { DirectoryAdopted: boolean; ConnectorAdopted: boolean; DirectoryPollRounds: number };
    assert.equal(out.DirectoryAdopted, true);
    assert.equal(out.ConnectorAdopted, true);
    assert.equal(out.DirectoryPollRounds, 0);
  });

  it('DirectoryFailed: a Failed stage publishes the failure (with the directory id) and fails with StageReason in the cause', async () => {
    const r = await run({ directoryStages: ['Creating', 'Failed'], stageReason: 'Insufficient IP addresses in subnet' });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, DIRECTORY_FAILED);
    assert.equal(r.cause, `Directory ${DIRECTORY_ID} is Failed: Insufficient IP addresses in subnet`);
    assert.deepEqual(entered(r.events).slice(-5), [
      'CheckDirectoryStage', 'DirectoryFailed', 'FailedWithDirectory', 'PublishFailedEvent', 'ProvisioningFailed',
    ]);
    const [event] = r.calls.inputs['PublishFailedEvent'] as { Entries: { DetailType: string; Detail: Record<string, unknown> }[] }[];
    assert.equal(event?.Entries[0]?.DetailType, 'Provisioning Failed');
    assert.deepEqual(event?.Entries[0]?.Detail, {
      ExecutionId: r.executionArn,
      Error: DIRECTORY_FAILED,
      Cause: r.cause,
      DirectoryId: DIRECTORY_ID,
      ConnectorArn: null,
    });
    assert.ok(!entered(r.events).includes('CreateConnector'));
  });

  it('DirectoryFailed works with a null StageReason and for an unknown stage (Choice Default)', async () => {
    const nullReason = await run({ directoryStages: ['Impaired'], stageReason: null });
    assert.equal(nullReason.error, DIRECTORY_FAILED);
    assert.equal(nullReason.cause, `Directory ${DIRECTORY_ID} is Impaired: null`);
    const unknown = await run({ directoryStages: ['SomethingNew'] });
    assert.equal(unknown.error, DIRECTORY_FAILED);
    assert.match(unknown.cause ?? '', /is SomethingNew/);
  });

  it('ConnectorFailed: FAILED status carries StatusReason and the connector ARN into the failure event', async () => {
    const r = await run({ directoryStages: ['Active'], connectorStatuses: ['CREATING', 'FAILED'], statusReason: 'VPC_ACCESS_DENIED' });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, CONNECTOR_FAILED);
    assert.equal(r.cause, `Connector ${CONNECTOR_ARN} is FAILED: VPC_ACCESS_DENIED`);
    assert.deepEqual(entered(r.events).slice(-5), [
      'CheckConnectorStatus', 'ConnectorFailed', 'FailedWithConnector', 'PublishFailedEvent', 'ProvisioningFailed',
    ]);
    const [input] = enteredInput(r.events, 'PublishFailedEvent') as { failure: unknown }[];
    assert.deepEqual(input?.failure, { DirectoryId: DIRECTORY_ID, ConnectorArn: CONNECTOR_ARN });
  });

  it('a failed success-event publish is retried, then recorded as a warning: the provisioning still SUCCEEDS', async () => {
    const r = await run({ directoryStages: ['Active'], connectorStatuses: ['ACTIVE'], publishFails: true });
    assert.equal(r.status, 'SUCCEEDED');
    assert.equal(ofType(r.events, 'StateRetried', 'PublishSucceededEvent').length, 3);
    assert.equal(ofType(r.events, 'StateCaught', 'PublishSucceededEvent').length, 1);
    const out = r.output as { EventPublished: boolean; EventWarning: string; DirectoryId: string };
    assert.equal(out.EventPublished, false);
    assert.match(out.EventWarning, /not published \(EventBridge\.FailedEntry\)/);
    assert.equal(out.DirectoryId, DIRECTORY_ID);
    assert.deepEqual(entered(r.events).slice(-4), ['PublishSucceededEvent', 'NotePublishFailure', 'RecordResult', 'Provisioned']);
  });

  it('a failed failure-event publish does not mask the original error', async () => {
    const r = await run({ directoryStages: ['Failed'], stageReason: 'x', publishFails: true });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, DIRECTORY_FAILED);
    assert.equal(r.cause, `Directory ${DIRECTORY_ID} is Failed: x`);
    assert.equal(ofType(r.events, 'StateCaught', 'PublishFailedEvent').length, 1);
  });
});

const STAGE_FAILURE_SCENARIOS: Record<(typeof STAGE_FAILURES)[number]['name'], { values: readonly string[]; scenario: (v: string) => Scenario; cause: (v: string) => string }> = {
  [DIRECTORY_FAILED]: {
    values: DIRECTORY_TERMINAL,
    scenario: (stage) => ({ directoryStages: ['Creating', stage], stageReason: `reason for ${stage}` }),
    cause: (stage) => `Directory ${DIRECTORY_ID} is ${stage}: reason for ${stage}`,
  },
  [CONNECTOR_FAILED]: {
    values: CONNECTOR_TERMINAL,
    scenario: (status) => ({ directoryStages: ['Active'], connectorStatuses: ['CREATING', status], statusReason: `reason for ${status}` }),
    cause: (status) => `Connector ${CONNECTOR_ARN} is ${status}: reason for ${status}`,
  },
};

describe('STAGE_FAILURES (Choice -> Pass failures), one test per entry', () => {
  for (const failure of STAGE_FAILURES) {
    it(`${failure.name} from ${failure.from}: every terminal value fails the execution with ${failure.name}`, async () => {
      const { values, scenario, cause } = STAGE_FAILURE_SCENARIOS[failure.name];
      for (const value of values) {
        // Act
        const r = await run(scenario(value));
        // Assess
        assert.equal(r.status, 'FAILED', value);
        assert.equal(r.error, failure.name, value);
        assert.equal(r.cause, cause(value));
        const states = entered(r.events);
        assert.equal(states[states.lastIndexOf(failure.from) + 1], failure.name);
        const [input] = enteredInput(r.events, 'PublishFailedEvent') as { error: { Error: string } }[];
        assert.equal(input?.error.Error, failure.name);
        assert.deepEqual(states.slice(-2), ['PublishFailedEvent', 'ProvisioningFailed']);
        assert.ok(!states.includes('PublishSucceededEvent'));
      }
    });
  }

  for (const [what, input] of [['an array', []], ['null', null], ['a boolean', true], ['a string', 'corp']] as const) {
    it(`an execution input that is ${what}: InvalidRequestError naming the request (not a path failure), nothing else runs`, async () => {
      // Prepare: ValidateRequest validates for real (the domain validator the handler runs first)
      const { handlers, calls } = stubHandlers();
      handlers['ValidateRequest'] = (event) => {
        const { violations } = validateRequest((event as { Request: unknown }).Request);
        throw new InvalidRequestError(violations);
      };
      // Act
      const r = await runLocal(input, { handlers });
      // Assess
      assert.equal(r.status, 'FAILED');
      assert.equal(r.error, 'InvalidRequestError');
      assert.match(r.cause ?? '', /\(request\): must be an object/);
      assert.deepEqual(entered(r.events), ['ValidateRequest', 'RequestRejected', 'PublishFailedEvent', 'ProvisioningFailed']);
      const [event] = calls.inputs['PublishFailedEvent'] as { Entries: { Detail: { Error: string; DirectoryId: null } }[] }[];
      assert.equal(event?.Entries[0]?.Detail.Error, 'InvalidRequestError');
      assert.equal(event?.Entries[0]?.Detail.DirectoryId, null);
    });
  }
});
