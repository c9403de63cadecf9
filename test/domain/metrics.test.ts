import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { METRIC_NAMES, errorDimension, metricsForError, metricsForResult } from '../../src/domain/metrics.ts';
import type { ConnectorPollState, DirectoryPollState } from '../../src/contract.ts';

const directory = (over: Partial<DirectoryPollState>): DirectoryPollState => ({
  DirectoryId: 'd-1234567890', DirectoryType: 'SimpleAD', Adopted: false, Stage: 'Requested', StageReason: null,
  WaitSeconds: 60, PollRound: 0, ElapsedSeconds: 0, TimeoutSeconds: 3600, ...over,
});
const connector = (over: Partial<ConnectorPollState>): ConnectorPollState => ({
  ConnectorArn: 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/x', Adopted: false, Status: 'CREATING',
  StatusReason: null, WaitSeconds: 30, PollRound: 0, ElapsedSeconds: 0, TimeoutSeconds: 1800, ...over,
});
const names = (points: { name: string }[]) => points.map((p) => p.name);

describe('business metrics from a Task outcome', () => {
  it('CreateDirectory: created or adopted, by directory type; an adopted failed directory fails the provisioning', () => {
    assert.deepEqual(metricsForResult('CreateDirectory', directory({})), [{ name: 'DirectoryCreated', unit: 'Count', value: 1, dimensions: { DirectoryType: 'SimpleAD' } }]);
    assert.deepEqual(names(metricsForResult('CreateDirectory', directory({ Adopted: true, DirectoryType: 'MicrosoftAD', Stage: 'Active' }))), ['DirectoryAdopted']);
    assert.deepEqual(metricsForResult('CreateDirectory', directory({ Adopted: true, Stage: 'Failed' }))[1], { name: 'ProvisioningFailed', unit: 'Count', value: 1, dimensions: { ErrorName: 'DirectoryFailed' } });
  });

  it('GetDirectoryStage: the seconds waited until Active; nothing while polling', () => {
    assert.deepEqual(metricsForResult('GetDirectoryStage', directory({ Stage: 'Creating', ElapsedSeconds: 540 })), []);
    assert.deepEqual(metricsForResult('GetDirectoryStage', directory({ Stage: 'Active', ElapsedSeconds: 600 })), [
      { name: 'DirectoryActiveSeconds', unit: 'Seconds', value: 600, dimensions: { DirectoryType: 'SimpleAD' } },
    ]);
    assert.deepEqual(names(metricsForResult('GetDirectoryStage', directory({ Stage: 'Impaired' }))), ['ProvisioningFailed']);
  });

  it('CreateConnector / GetConnectorStatus: created or adopted, succeeded when ACTIVE, failed when FAILED', () => {
    assert.deepEqual(names(metricsForResult('CreateConnector', connector({}))), ['ConnectorCreated']);
    assert.deepEqual(names(metricsForResult('CreateConnector', connector({ Adopted: true, Status: 'ACTIVE' }))), ['ConnectorAdopted', 'ProvisioningSucceeded']);
    assert.deepEqual(metricsForResult('GetConnectorStatus', connector({ Status: 'ACTIVE', ElapsedSeconds: 120 })), [
      { name: 'ConnectorActiveSeconds', unit: 'Seconds', value: 120, dimensions: {} },
      { name: 'ProvisioningSucceeded', unit: 'Count', value: 1, dimensions: {} },
    ]);
    assert.deepEqual(metricsForResult('GetConnectorStatus', connector({ Status: 'FAILED' })), [{ name: 'ProvisioningFailed', unit: 'Count', value: 1, dimensions: { ErrorName: 'ConnectorFailed' } }]);
    assert.deepEqual(metricsForResult('ValidateRequest', { DirectoryType: 'SimpleAD' }), []);
  });

  it('errors: a name a Retry catches counts as a retry; a caught or unknown name fails the provisioning', () => {
    assert.deepEqual(metricsForError('CreateConnector', 'ThrottlingException'), [{ name: 'RetriedErrors', unit: 'Count', value: 1, dimensions: { State: 'CreateConnector', ErrorName: 'ThrottlingException' } }]);
    assert.deepEqual(names(metricsForError('CreateDirectory', 'DirectoryCreationInProgressError')), ['RetriedErrors']);
    assert.deepEqual(metricsForError('ValidateRequest', 'InvalidRequestError'), [{ name: 'ProvisioningFailed', unit: 'Count', value: 1, dimensions: { ErrorName: 'InvalidRequestError' } }]);
    assert.deepEqual(metricsForError('GetDirectoryStage', 'TypeError'), [{ name: 'ProvisioningFailed', unit: 'Count', value: 1, dimensions: { ErrorName: 'TypeError' } }]);
  });

  it('dimension values are short names, never free text', () => {
    assert.equal(errorDimension('Sup3r-Secret-Pa55! was the password'), 'Other');
    assert.equal(errorDimension('x'.repeat(65)), 'Other');
    assert.equal(errorDimension('Lambda.Unknown'), 'Lambda.Unknown');
  });

  it('docs/operations.md lists exactly these metrics', () => {
    const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('<!-- metrics:start -->'), doc.indexOf('<!-- metrics:end -->'));
    const firstCells = [...table.matchAll(/^\| (`[^|]+)\|/gm)].map((m) => m[1] ?? '');
    const documented = firstCells.flatMap((cell) => [...cell.matchAll(/`(\w+)`/g)].map((m) => m[1]));
    assert.deepEqual(documented.sort(), [...METRIC_NAMES].sort());
  });
});
