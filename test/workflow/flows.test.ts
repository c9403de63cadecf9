import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILURE_ENTRY } from '../../src/workflow/definition.ts';
import { pollPolicy } from '../../src/workflow/retry-policies.ts';
import { CONNECTOR_PENDING, CONNECTOR_TERMINAL, DATA_ACCESS_PENDING, DIRECTORY_PENDING, DIRECTORY_TERMINAL } from '../../src/workflow/stages.ts';
import { WAITED_RESOURCES } from '../../src/workflow/waits.ts';
import { validateRequest } from '../../src/domain/validate.ts';
import { InvalidRequestError } from '../../src/domain/errors.ts';
import { runLocal } from '../../tools/local/engine/run-local.ts';
import { CONNECTOR_ARN, GROUP_SID, SUCCESS_PATH, DIRECTORY_ID, EXISTING_DIRECTORY_ID, REGISTRATION_ARN, SHARE_ARN, TEMPLATE_ARN, POLL_SECONDS, REQUEST, WARNING, entered, enteredInput, executionEnd, ofType, retriesOf, run, stubHandlers } from './support.ts';
import type { Scenario } from './support.ts';

const DIRECTORY_FAILED = 'DirectoryFailed';
const CONNECTOR_FAILED = 'ConnectorFailed';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe('state machine flows (real ASL, stub handlers)', () => {
  it('happy path: validate, create, poll until Active, create connector, poll until ACTIVE, publish, record', async () => {
    // Act
    const r = await run();
    // Assess
    assert.equal(r.status, 'SUCCEEDED');
    assert.deepEqual(entered(r.events), SUCCESS_PATH);
    const out = r.output as Record<string, unknown>;
    const { StartedAt, FinishedAt, ...rest } = out;
    assert.deepEqual(rest, {
      ExecutionId: r.executionArn,
      DirectoryId: DIRECTORY_ID,
      DirectoryType: 'SimpleAD',
      DirectoryAdopted: false,
      DirectoryStage: 'Active',
      DirectoryElapsedSeconds: POLL_SECONDS,
      DirectoryRegistrationArn: REGISTRATION_ARN,
      DirectoryRegistrationAdopted: false,
      DirectoryRegistrationStatus: 'ACTIVE',
      ConnectorArn: CONNECTOR_ARN,
      ConnectorAdopted: false,
      ConnectorStatus: 'ACTIVE',
      ConnectorElapsedSeconds: POLL_SECONDS,
      ServicePrincipalNameStatus: 'ACTIVE',
      ServicePrincipalNameAdopted: false,
      TemplateArns: [TEMPLATE_ARN],
      Groups: [{ GroupName: 'Domain Computers', SID: GROUP_SID, Created: false }],
      ResourceShareArn: SHARE_ARN,
      ResourceShareCreated: true,
      Plan: [],
      Warnings: [WARNING],
      DirectoryWarnings: [],
      EventPublished: true,
      EventWarning: null,
    });
    assert.match(String(StartedAt), ISO);
    assert.match(String(FinishedAt), ISO);
    assert.ok(String(FinishedAt) >= String(StartedAt));
    assert.equal(executionEnd(r.events)?.type, 'ExecutionSucceeded');
  });

  it('no Connector requested: ends with the directory, the connector fields null, no connector Task entered', async () => {
    // Act
    const r = await run({ connectorRequested: false });
    // Assess
    assert.equal(r.status, 'SUCCEEDED');
    assert.deepEqual(entered(r.events), [
      'ValidateRequest', 'AcquireChangeLease', 'PlanChanges', 'DirectoryGiven', 'CreateDirectory', 'GetDirectoryStage', 'ConnectorRequested', 'NoConnector',
      'PublishSucceededEvent', 'RecordResult', 'RecordProvisioning', 'EndProvisioning', 'Provisioned',
    ]);
    const out = r.output as Record<string, unknown>;
    assert.equal(out['DirectoryId'], DIRECTORY_ID);
    assert.deepEqual([out['ConnectorArn'], out['ConnectorAdopted'], out['ConnectorStatus'], out['ConnectorElapsedSeconds']], [null, null, null, null]);
    assert.deepEqual([out['ResourceShareArn'], out['ResourceShareCreated']], [null, null]);
    assert.deepEqual([out['DirectoryRegistrationArn'], out['ServicePrincipalNameStatus'], out['TemplateArns'], out['Groups']], [null, null, [], []]);
    assert.equal(r.calls.inputs['EnableDirectoryDataAccess'], undefined);
    assert.equal(r.calls.inputs['ResolveGroups'], undefined);
    assert.equal(r.calls.inputs['ShareCertificateAuthority'], undefined);
    assert.equal(r.calls.inputs['CreateDirectoryRegistration'], undefined);
    assert.equal(r.calls.inputs['CreateTemplates'], undefined);
    assert.equal(r.calls.inputs['CreateConnector'], undefined);
    const [event] = r.calls.inputs['PublishSucceededEvent'] as { Entries: { Detail: Record<string, unknown> }[] }[];
    assert.equal(event?.Entries[0]?.Detail['ConnectorArn'], null);
  });

  it('every access entry names its group by SID: no Directory Data access, no group resolved, an empty Groups list', async () => {
    // Act
    const r = await run({ groupNamesRequested: false });
    // Assess
    assert.equal(r.status, 'SUCCEEDED');
    const states = entered(r.events);
    const polled = states.indexOf('GetDirectoryStage');
    assert.deepEqual(states.slice(polled, polled + 4), ['GetDirectoryStage', 'ConnectorRequested', 'NoGroupNames', 'ShareCertificateAuthority']);
    for (const state of ['EnableDirectoryDataAccess', 'GetDirectoryDataAccessStatus', 'ResolveGroups']) assert.ok(!states.includes(state), state);
    const [templates] = r.calls.inputs['CreateTemplates'] as { Groups: unknown[] }[];
    assert.deepEqual(templates?.Groups, []);
    assert.deepEqual((r.output as { Groups: unknown[] }).Groups, []);
  });

  it('a directory named by DirectoryId: neither created nor polled, its state document from ValidateRequest is $.directory', async () => {
    // Act
    const r = await run({ existingDirectory: true });
    // Assess
    assert.equal(r.status, 'SUCCEEDED', `${r.error ?? ''} ${r.cause ?? ''}`);
    const states = entered(r.events);
    assert.deepEqual(states.slice(0, 6), ['ValidateRequest', 'AcquireChangeLease', 'PlanChanges', 'DirectoryGiven', 'UseExistingDirectory', 'ConnectorRequested']);
    for (const state of ['CreateDirectory', 'GetDirectoryStage']) assert.ok(!states.includes(state), state);
    const out = r.output as Record<string, unknown>;
    assert.deepEqual([out['DirectoryId'], out['DirectoryType'], out['DirectoryAdopted'], out['DirectoryStage']], [EXISTING_DIRECTORY_ID, 'ADConnector', true, 'Active']);
    const [registration] = r.calls.inputs['CreateDirectoryRegistration'] as { DirectoryId: string }[];
    assert.equal(registration?.DirectoryId, EXISTING_DIRECTORY_ID);
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
    assert.equal(poll?.Directory.Stage, 'Requested');
    const [connector] = r.calls.inputs['CreateConnector'] ?? [];
    assert.deepEqual(connector, { ExecutionId: r.executionArn, DirectoryId: DIRECTORY_ID, Connector: REQUEST.Connector, TimeoutSeconds: 1800 });
    const [status] = r.calls.inputs['GetConnectorStatus'] as { Connector: { ConnectorArn: string } }[];
    assert.equal(status?.Connector.ConnectorArn, CONNECTOR_ARN);
    const [registration] = r.calls.inputs['CreateDirectoryRegistration'] ?? [];
    assert.deepEqual(registration, { ExecutionId: r.executionArn, DirectoryId: DIRECTORY_ID, Connector: REQUEST.Connector, TimeoutSeconds: 1800 });
    const [spn] = r.calls.inputs['CreateServicePrincipalName'] ?? [];
    assert.deepEqual(spn, { ExecutionId: r.executionArn, DirectoryRegistrationArn: REGISTRATION_ARN, ConnectorArn: CONNECTOR_ARN, TimeoutSeconds: 1800 });
    const [enable] = r.calls.inputs['EnableDirectoryDataAccess'] ?? [];
    assert.deepEqual(enable, { ExecutionId: r.executionArn, DirectoryId: DIRECTORY_ID, TimeoutSeconds: 1800 });
    const [access] = r.calls.inputs['GetDirectoryDataAccessStatus'] as { DataAccess: { DirectoryId: string; Status: string } }[];
    assert.deepEqual([access?.DataAccess.DirectoryId, access?.DataAccess.Status], [DIRECTORY_ID, 'Enabling']);
    const [resolve] = r.calls.inputs['ResolveGroups'] ?? [];
    assert.deepEqual(resolve, { ExecutionId: r.executionArn, DirectoryId: DIRECTORY_ID, Connector: REQUEST.Connector });
    const [templates] = r.calls.inputs['CreateTemplates'] ?? [];
    assert.deepEqual(templates, {
      ExecutionId: r.executionArn,
      ConnectorArn: CONNECTOR_ARN,
      Connector: REQUEST.Connector,
      Groups: [{ GroupName: 'Domain Computers', SID: GROUP_SID, Created: false }],
    });
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
          DirectoryRegistrationArn: REGISTRATION_ARN,
          ConnectorArn: CONNECTOR_ARN,
          ConnectorAdopted: false,
          ServicePrincipalNameStatus: 'ACTIVE',
          TemplateArns: [TEMPLATE_ARN],
          ResourceShareArn: SHARE_ARN,
          ResourceShareCreated: true,
          Warnings: [WARNING],
          DirectoryWarnings: [],
        },
      },
    ]);
  });

  it('polls the directory through Requested -> Creating -> Created -> Active: one state, one transition per poll', async () => {
    const r = await run({ directoryStages: ['Requested', 'Requested', 'Creating', 'Creating', 'Created', 'Active'], connectorStatuses: ['ACTIVE'] });
    assert.equal(r.status, 'SUCCEEDED');
    const states = entered(r.events);
    assert.deepEqual(states, SUCCESS_PATH, 'the poll Task is entered once');
    assert.equal(r.calls.inputs['GetDirectoryStage']?.length, 5);
    assert.equal(retriesOf(r.events, 'GetDirectoryStage', 'DirectoryNotReadyError'), 4);
    assert.equal(ofType(r.events, 'StateRetried').length, 4, 'a poll is a retry: one transition each');
    const [first, ...rest] = r.calls.inputs['GetDirectoryStage'] ?? [];
    for (const again of rest) assert.deepEqual(again, first, 'every poll gets the same input (the deadline is in it)');
    const failures = ofType(r.events, 'StateFailed', 'GetDirectoryStage').map((e) => (e as unknown as { Cause: string }).Cause);
    assert.deepEqual(failures.map((c) => /is (\w+) after/.exec(c)?.[1]), ['Requested', 'Creating', 'Creating', 'Created']);
    assert.equal((r.output as { DirectoryElapsedSeconds: number }).DirectoryElapsedSeconds, 5 * POLL_SECONDS);
    assert.ok(!states.includes('PublishFailedEvent'));
  });

  it('each poll retrier waits its resource\'s poll interval, without backoff or jitter, and is the poll errors\' alone', async () => {
    const r = await run({ directoryStages: ['Requested', 'Creating', 'Active'], connectorStatuses: ['CREATING', 'CREATING', 'ACTIVE'] });
    assert.equal(r.status, 'SUCCEEDED');
    const retriers = ofType(r.events, 'StateRetried').map((e) => (e as unknown as { retry: { retrier: Record<string, unknown> } }).retry.retrier);
    assert.equal(retriers.length, 2);
    for (const retrier of retriers) {
      const { ErrorEquals, ...timing } = retrier;
      assert.equal((ErrorEquals as string[]).length, 1);
      const waited = WAITED_RESOURCES.find((w) => (ErrorEquals as string[])[0] === w.notReady);
      assert.ok(waited, String(ErrorEquals));
      const { Comment: _c, ...poll } = pollPolicy(waited.pollIntervalSeconds);
      assert.deepEqual(timing, poll);
      assert.deepEqual(
        { IntervalSeconds: poll.IntervalSeconds, BackoffRate: poll.BackoffRate, JitterStrategy: poll.JitterStrategy },
        { IntervalSeconds: waited.pollIntervalSeconds, BackoffRate: 1, JitterStrategy: 'NONE' },
      );
    }
  });

  it('keeps polling while the directory is Updating or Restoring', async () => {
    const r = await run({ directoryStages: ['Requested', 'Updating', 'Restoring', 'Active'] });
    assert.equal(r.status, 'SUCCEEDED');
    assert.equal(r.calls.inputs['GetDirectoryStage']?.length, 3);
  });

  it('polls the connector CREATING -> CREATING -> ACTIVE', async () => {
    const r = await run({ directoryStages: ['Active'], connectorStatuses: ['CREATING', 'CREATING', 'CREATING', 'ACTIVE'] });
    assert.equal(r.status, 'SUCCEEDED');
    assert.deepEqual(entered(r.events), SUCCESS_PATH);
    assert.equal(r.calls.inputs['GetConnectorStatus']?.length, 3);
    assert.equal(retriesOf(r.events, 'GetConnectorStatus', 'ConnectorNotReadyError'), 2);
    assert.equal((r.output as { ConnectorElapsedSeconds: number }).ConnectorElapsedSeconds, 3 * POLL_SECONDS);
  });

  it('the record step sees the output on success, the caught error on failure; its own caught error never replaces the execution\'s', async () => {
    // Act
    const ok = await run({ directoryStages: ['Active'], connectorStatuses: ['ACTIVE'] });
    const failed = await run({ directoryStages: ['Failed'], stageReason: 'no IPs', failures: [{ state: 'RecordProvisioning', name: 'AccessDeniedException', times: Infinity }] });
    // Assess
    const [seen] = ok.calls.inputs['RecordProvisioning'] as { Request: unknown; State: Record<string, unknown> }[];
    assert.deepEqual(seen?.Request, REQUEST);
    assert.deepEqual(seen?.State, ok.output, 'the execution output, unchanged by the record step');
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.error, DIRECTORY_FAILED, 'the execution\'s error, not the record\'s');
    const [end] = enteredInput(failed.events, 'EndProvisioning') as { error: { Error: string }; recordError: { Error: string } }[];
    assert.equal(end?.error.Error, DIRECTORY_FAILED);
    assert.equal(end?.recordError.Error, 'AccessDeniedException');
  });

  it('an adopted directory that is already Active costs one poll and no retry', async () => {
    const r = await run({ directoryStages: ['Active'], directoryAdopted: true, connectorAdopted: true, connectorStatuses: ['ACTIVE'] });
    assert.equal(r.status, 'SUCCEEDED');
    assert.deepEqual(entered(r.events), SUCCESS_PATH);
    assert.equal(ofType(r.events, 'StateRetried').length, 0);
    assert.equal(r.calls.inputs['GetDirectoryStage']?.length, 1);
    const out = r.output as { DirectoryAdopted: boolean; ConnectorAdopted: boolean };
    assert.equal(out.DirectoryAdopted, true);
    assert.equal(out.ConnectorAdopted, true);
  });

  it('DirectoryFailed: a Failed stage publishes the failure (with the directory id) and fails with StageReason in the cause', async () => {
    const r = await run({ directoryStages: ['Requested', 'Creating', 'Failed'], stageReason: 'Insufficient IP addresses in subnet' });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, DIRECTORY_FAILED);
    assert.equal(r.cause, `Directory ${DIRECTORY_ID} is Failed: Insufficient IP addresses in subnet`);
    assert.deepEqual(entered(r.events).slice(-6), ['GetDirectoryStage', 'FailedWithDirectory', 'PublishFailedEvent', 'RecordProvisioning', 'EndProvisioning', 'ProvisioningFailed']);
    assert.equal(ofType(r.events, 'StateCaught', 'GetDirectoryStage').length, 1);
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

  it('DirectoryFailed works with a null StageReason and for an unknown stage', async () => {
    const nullReason = await run({ directoryStages: ['Requested', 'Impaired'], stageReason: null });
    assert.equal(nullReason.error, DIRECTORY_FAILED);
    assert.equal(nullReason.cause, `Directory ${DIRECTORY_ID} is Impaired: no StageReason given`);
    const unknown = await run({ directoryStages: ['Requested', 'SomethingNew'] });
    assert.equal(unknown.error, DIRECTORY_FAILED);
    assert.match(unknown.cause ?? '', /is SomethingNew/);
  });

  it('ConnectorFailed: FAILED status carries StatusReason and the connector ARN into the failure event', async () => {
    const r = await run({ directoryStages: ['Active'], connectorStatuses: ['CREATING', 'FAILED'], statusReason: 'VPC_ACCESS_DENIED' });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, CONNECTOR_FAILED);
    assert.equal(r.cause, `Connector ${CONNECTOR_ARN} is FAILED: VPC_ACCESS_DENIED`);
    assert.deepEqual(entered(r.events).slice(-6), ['GetConnectorStatus', 'FailedWithConnector', 'PublishFailedEvent', 'RecordProvisioning', 'EndProvisioning', 'ProvisioningFailed']);
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
    assert.deepEqual(entered(r.events).slice(-6), ['PublishSucceededEvent', 'NotePublishFailure', 'RecordResult', 'RecordProvisioning', 'EndProvisioning', 'Provisioned']);
  });

  it('a failed failure-event publish does not mask the original error', async () => {
    const r = await run({ directoryStages: ['Requested', 'Failed'], stageReason: 'x', publishFails: true });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, DIRECTORY_FAILED);
    assert.equal(r.cause, `Directory ${DIRECTORY_ID} is Failed: x`);
    assert.equal(ofType(r.events, 'StateCaught', 'PublishFailedEvent').length, 1);
  });
});

/** Every terminal stage/status, and every in-progress one, of each waited resource, through the real ASL. */
const WAIT_SCENARIOS = {
  directory: {
    terminal: DIRECTORY_TERMINAL,
    pending: DIRECTORY_PENDING,
    scenario: (stage: string): Scenario => ({ directoryStages: ['Requested', stage, 'Active'], stageReason: `reason for ${stage}` }),
    cause: (stage: string) => `Directory ${DIRECTORY_ID} is ${stage}: reason for ${stage}`,
  },
  connector: {
    terminal: CONNECTOR_TERMINAL,
    pending: CONNECTOR_PENDING,
    scenario: (status: string): Scenario => ({ directoryStages: ['Active'], connectorStatuses: ['CREATING', status, 'ACTIVE'], statusReason: `reason for ${status}` }),
    cause: (status: string) => `Connector ${CONNECTOR_ARN} is ${status}: reason for ${status}`,
  },
  directoryRegistration: {
    terminal: CONNECTOR_TERMINAL,
    pending: CONNECTOR_PENDING,
    scenario: (status: string): Scenario => ({ directoryStages: ['Active'], registrationStatuses: ['CREATING', status, 'ACTIVE'] }),
    cause: (status: string) => `DirectoryRegistration ${REGISTRATION_ARN} is ${status}: DIRECTORY_TYPE_NOT_SUPPORTED`,
  },
  servicePrincipalName: {
    terminal: CONNECTOR_TERMINAL,
    pending: CONNECTOR_PENDING,
    scenario: (status: string): Scenario => ({ directoryStages: ['Active'], spnStatuses: ['CREATING', status, 'ACTIVE'] }),
    cause: (status: string) => `ServicePrincipalName ${CONNECTOR_ARN} is ${status}: SPN_EXISTS_ON_DIFFERENT_AD_OBJECT`,
  },
  directoryDataAccess: {
    terminal: ['Failed', 'Unknown'],
    pending: DATA_ACCESS_PENDING,
    scenario: (status: string): Scenario => ({ directoryStages: ['Active'], dataAccessStatuses: ['Enabling', status, 'Enabled'] }),
    cause: (status: string) => `DirectoryDataAccess ${DIRECTORY_ID} is ${status}`,
  },
} as const;

describe('waited resources (src/workflow/waits.ts), one test per resource', () => {
  for (const w of WAITED_RESOURCES) {
    const { terminal, pending, scenario, cause } = WAIT_SCENARIOS[w.resource];
    it(`${w.resource}: every terminal value fails the execution with ${w.failed} at ${w.pollState}; every pending one is polled again`, async () => {
      for (const value of terminal) {
        // Act
        const r = await run(scenario(value));
        // Assess
        assert.equal(r.status, 'FAILED', value);
        assert.equal(r.error, w.failed, value);
        assert.equal(r.cause, cause(value));
        const states = entered(r.events);
        assert.equal(states[states.indexOf(w.pollState) + 1], FAILURE_ENTRY[w.pollState]);
        const [input] = enteredInput(r.events, 'PublishFailedEvent') as { error: { Error: string } }[];
        assert.equal(input?.error.Error, w.failed);
        assert.deepEqual(states.slice(-4), ['PublishFailedEvent', 'RecordProvisioning', 'EndProvisioning', 'ProvisioningFailed']);
        assert.ok(!states.includes('PublishSucceededEvent'));
      }
      for (const value of pending) {
        const r = await run(scenario(value));
        assert.equal(r.status, 'SUCCEEDED', value);
        assert.equal(retriesOf(r.events, w.pollState, w.notReady), 1, value);
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
      assert.deepEqual(entered(r.events), ['ValidateRequest', 'RequestRejected', 'PublishFailedEvent', 'RecordProvisioning', 'EndProvisioning', 'ProvisioningFailed']);
      const [event] = calls.inputs['PublishFailedEvent'] as { Entries: { Detail: { Error: string; DirectoryId: null } }[] }[];
      assert.equal(event?.Entries[0]?.Detail.Error, 'InvalidRequestError');
      assert.equal(event?.Entries[0]?.Detail.DirectoryId, null);
    });
  }
});
