import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRequestError } from '../../src/domain/errors.ts';
import { metricsForError } from '../../src/domain/metrics.ts';
import {
  afterDeletionPoll,
  classifyDeleteDirectoryError,
  connectorDeletionStep,
  directoryDeletionStep,
  parseTeardownRequest,
  partDeletionStep,
  planTeardown,
} from '../../src/domain/teardown.ts';
import type { TeardownFacts } from '../../src/domain/teardown.ts';
import { sampleRequest } from '../fixtures.ts';

const OWN = { 'ad-cert-orchestrator:managed-by': 'ad-cert-orchestrator', 'ad-cert-orchestrator:execution': 'arn:x' };
const NOW = new Date('2026-11-29T12:00:00.000Z');
const CONNECTOR = 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/aaaabbbb-cccc-dddd-eeee-ffff00001111';

const facts = (over: Partial<TeardownFacts> = {}): TeardownFacts => ({
  request: sampleRequest(),
  force: false,
  directories: [{ DirectoryId: 'd-1111111111', Tags: OWN }],
  connectors: [{ Arn: CONNECTOR, DirectoryId: 'd-1111111111', Tags: OWN }],
  registrations: [],
  connectorParts: [],
  secret: { Arn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ad-cert-orchestrator/pw-AbCdEf', Tags: OWN, Deleted: false },
  now: NOW,
  connectorTimeoutSeconds: 60,
  directoryTimeoutSeconds: 120,
  ...over,
});

describe('teardown request', () => {
  it('is the provisioning request plus an optional boolean Force', () => {
    assert.equal(parseTeardownRequest(sampleRequest()).force, false);
    assert.equal(parseTeardownRequest({ ...sampleRequest(), Force: true }).force, true);
    assert.throws(() => parseTeardownRequest({ ...sampleRequest(), Force: 'yes' }), (e: unknown) => e instanceof InvalidRequestError && /Force: must be true or false/.test(e.message));
    assert.throws(() => parseTeardownRequest({ Force: true }), InvalidRequestError);
    assert.throws(() => parseTeardownRequest(null), InvalidRequestError);
  });
});

describe('planTeardown', () => {
  it('deletes what carries the ownership tag, connectors first, with fixed deadlines', () => {
    const plan = planTeardown(facts());
    assert.deepEqual(plan.Connectors, [CONNECTOR]);
    assert.deepEqual(plan.Directories, ['d-1111111111']);
    assert.match(plan.PasswordSecret ?? '', /ad-cert-orchestrator\/pw/);
    assert.deepEqual(plan.Kept, []);
    assert.deepEqual(plan.Deleted, []);
    assert.equal(plan.ConnectorDeadline, '2026-11-29T12:01:00.000Z');
    assert.equal(plan.DirectoryDeadline, '2026-11-29T12:03:00.000Z');
  });

  it('plans a connector\'s templates and SPNs before it, and the directory\'s registration before the directory', () => {
    const registration = 'arn:aws:pca-connector-ad:us-east-1:111122223333:directory-registration/d-1111111111';
    const template = `${CONNECTOR}/template/aaaabbbb-cccc-dddd-eeee-ffff00003333`;
    const plan = planTeardown(facts({
      registrations: [{ Arn: registration, DirectoryId: 'd-1111111111', Tags: OWN }],
      connectorParts: [{ ConnectorArn: CONNECTOR, Templates: [template], SpnRegistrations: [registration] }],
    }));
    assert.deepEqual(plan.Templates, [template]);
    assert.deepEqual(plan.ServicePrincipalNames, [{ DirectoryRegistrationArn: registration, ConnectorArn: CONNECTOR }]);
    assert.deepEqual(plan.Registrations, [registration]);
    assert.deepEqual(plan.Directories, ['d-1111111111']);
    const done = afterDeletionPoll(plan, 'connector', [], NOW);
    assert.deepEqual(done.Deleted.map((d) => d.Resource), ['template', 'service-principal-name', 'connector']);
    assert.deepEqual(afterDeletionPoll(done, 'directory', [], NOW).Deleted.slice(3).map((d) => d.Resource), ['directory-registration', 'directory']);
  });

  it('keeps a registration someone else made, and the directory it authorizes; a kept directory keeps its registration', () => {
    const registration = 'arn:aws:pca-connector-ad:us-east-1:111122223333:directory-registration/d-1111111111';
    const foreign = planTeardown(facts({ registrations: [{ Arn: registration, DirectoryId: 'd-1111111111', Tags: {} }] }));
    assert.deepEqual([foreign.Registrations, foreign.Directories], [[], []]);
    assert.deepEqual(foreign.Kept.map((k) => k.Resource), ['directory-registration', 'directory', 'password-secret']);
    assert.match(foreign.Kept[1]?.Reason ?? '', /registered with Connector for AD/);
    const withSpn = planTeardown(facts({
      registrations: [{ Arn: registration, DirectoryId: 'd-1111111111', Tags: {} }],
      connectorParts: [{ ConnectorArn: CONNECTOR, Templates: [], SpnRegistrations: [registration] }],
    }));
    assert.deepEqual([withSpn.Connectors, withSpn.ServicePrincipalNames], [[], []], 'an SPN in a foreign registration keeps its connector');
    assert.match(withSpn.Kept.find((k) => k.Resource === 'connector')?.Reason ?? '', /not this tool's/);
    const forced = planTeardown(facts({ force: true, registrations: [{ Arn: registration, DirectoryId: 'd-1111111111', Tags: {} }] }));
    assert.deepEqual(forced.Registrations, [registration]);
    const keptDirectory = planTeardown(facts({ directories: [{ DirectoryId: 'd-1111111111', Tags: {} }], registrations: [{ Arn: registration, DirectoryId: 'd-1111111111', Tags: OWN }] }));
    assert.deepEqual(keptDirectory.Registrations, []);
    assert.ok(keptDirectory.Kept.some((k) => k.Resource === 'directory-registration' && /is kept/.test(k.Reason)));
  });

  it('a registration, SPN or template: CREATING and DELETING are waited for, not found is gone', () => {
    assert.deepEqual(['CREATING', 'DELETING', 'ACTIVE', 'FAILED', undefined].map(partDeletionStep), ['wait', 'wait', 'delete', 'delete', 'gone']);
  });

  it('keeps (and says why) what someone else created, unless Force; a user secret is never deleted', () => {
    const foreign = facts({
      directories: [{ DirectoryId: 'd-1111111111', Tags: { team: 'pki' } }],
      connectors: [],
      secret: { Arn: 'arn:s', Tags: {}, Deleted: false },
    });
    const plan = planTeardown(foreign);
    assert.deepEqual(plan.Directories, []);
    assert.deepEqual(plan.Kept.map((k) => k.Resource), ['directory', 'password-secret']);
    assert.match(plan.Kept[0]?.Reason ?? '', /Force/);
    const forced = planTeardown({ ...foreign, force: true });
    assert.deepEqual(forced.Directories, ['d-1111111111']);
    assert.equal(forced.PasswordSecret, null);
    assert.deepEqual(forced.Kept.map((k) => k.Resource), ['password-secret']);
  });

  it('keeps an owned directory a kept connector uses, and then its password secret', () => {
    const plan = planTeardown(facts({ connectors: [{ Arn: CONNECTOR, DirectoryId: 'd-1111111111', Tags: {} }] }));
    assert.deepEqual(plan.Connectors, []);
    assert.deepEqual(plan.Directories, []);
    assert.deepEqual(plan.Kept.map((k) => k.Resource), ['connector', 'directory', 'password-secret']);
    assert.equal(plan.PasswordSecret, null);
  });

  it('reports what is already gone (a rerun deletes nothing)', () => {
    const plan = planTeardown(facts({ directories: [], connectors: [], secret: undefined }));
    assert.deepEqual([plan.Connectors, plan.Directories, plan.PasswordSecret], [[], [], null]);
    assert.deepEqual(plan.AlreadyGone.map((g) => g.Resource), ['connector', 'directory', 'password-secret']);
    assert.deepEqual(planTeardown(facts({ secret: { Arn: 'a', Tags: OWN, Deleted: true } })).AlreadyGone.map((g) => g.Resource), ['password-secret']);
  });
});

describe('one poll of a deletion', () => {
  it('waits for CREATING and DELETING, deletes the rest, counts not found as gone', () => {
    assert.deepEqual(['CREATING', 'DELETING', 'ACTIVE', 'FAILED', undefined].map(connectorDeletionStep), ['wait', 'wait', 'delete', 'delete', 'gone']);
    assert.deepEqual(
      ['Requested', 'Creating', 'Deleting', 'Active', 'Failed', 'Impaired', 'Deleted', undefined].map((stage) => directoryDeletionStep(stage)),
      ['wait', 'wait', 'wait', 'delete', 'delete', 'delete', 'gone', 'gone'],
    );
    // With Force, a directory still being created is deleted at once (one that never leaves creation can go).
    assert.deepEqual(
      ['Requested', 'Creating', 'Created', 'Deleting', 'Active', 'Deleted'].map((stage) => directoryDeletionStep(stage, true)),
      ['delete', 'delete', 'delete', 'wait', 'delete', 'gone'],
    );
  });

  it('records the deletions when nothing is pending; pending before the deadline, timeout at it', () => {
    const plan = planTeardown(facts());
    assert.deepEqual(afterDeletionPoll(plan, 'connector', [], NOW).Deleted, [{ Resource: 'connector', Id: CONNECTOR }]);
    assert.throws(() => afterDeletionPoll(plan, 'connector', ['c is DELETING'], NOW), { name: 'ConnectorDeletionPendingError' });
    assert.throws(() => afterDeletionPoll(plan, 'connector', ['c is DELETING'], new Date(plan.ConnectorDeadline)), { name: 'ConnectorDeletionTimeoutError' });
    assert.throws(() => afterDeletionPoll(plan, 'directory', ['d is Deleting'], NOW), { name: 'DirectoryDeletionPendingError' });
    assert.throws(() => afterDeletionPoll(plan, 'directory', ['d is Deleting'], new Date(plan.DirectoryDeadline)), { name: 'DirectoryDeletionTimeoutError' });
  });

  it('renames DeleteDirectory\'s "authorized applications" ClientException, and only that one', () => {
    const apps = Object.assign(new Error('Cannot delete the directory because it still has authorized applications.'), { name: 'ClientException' });
    const other = Object.assign(new Error('Rate exceeded'), { name: 'ClientException' });
    assert.equal((classifyDeleteDirectoryError(apps) as Error).name, 'DirectoryHasAuthorizedApplicationsError');
    assert.equal(classifyDeleteDirectoryError(other), other);
  });
});

describe('teardown metrics', () => {
  it('a poll of a deletion publishes nothing; a retried error counts; a caught one is no failed provisioning', () => {
    assert.deepEqual(metricsForError('DeleteConnectors', 'ConnectorDeletionPendingError'), []);
    assert.deepEqual(metricsForError('DeleteDirectories', 'ServiceException').map((m) => m.name), ['RetriedErrors']);
    assert.deepEqual(metricsForError('DeleteDirectories', 'DirectoryDeletionTimeoutError'), []);
    assert.deepEqual(metricsForError('GetDirectoryStage', 'DirectoryFailed').map((m) => m.name), ['ProvisioningFailed']);
  });
});
