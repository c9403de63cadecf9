import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { METRIC_NAMES, errorDimension, metricsForError, metricsForResult } from '../../src/domain/metrics.ts';
import type { ConnectorPollState, DirectoryPollState } from '../../src/contract.ts';

const directory = (over: Partial<DirectoryPollState>): DirectoryPollState => ({
  DirectoryId: 'd-1234567890', DirectoryType: 'SimpleAD', Adopted: false, Stage: 'Requested', StageReason: null, Warnings: [],
  WaitStartedAt: '2026-01-01T00:00:00.000Z', Deadline: '2026-01-01T01:00:00.000Z', ElapsedSeconds: 0, ...over,
});
const connector = (over: Partial<ConnectorPollState>): ConnectorPollState => ({
  ConnectorArn: 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/x', Adopted: false, Status: 'CREATING',
  StatusReason: null, WaitStartedAt: '2026-01-01T00:00:00.000Z', Deadline: '2026-01-01T00:30:00.000Z', ElapsedSeconds: 0, ...over,
});
const names = (points: { name: string }[]) => points.map((p) => p.name);

describe('business metrics from a Task outcome', () => {
  it('CreateDirectory: created or adopted, by directory type', () => {
    assert.deepEqual(metricsForResult('CreateDirectory', directory({})), [{ name: 'DirectoryCreated', unit: 'Count', value: 1, dimensions: { DirectoryType: 'SimpleAD' } }]);
    assert.deepEqual(names(metricsForResult('CreateDirectory', directory({ Adopted: true, DirectoryType: 'MicrosoftAD', Stage: 'Active' }))), ['DirectoryAdopted']);
  });

  it('GetDirectoryStage: the seconds waited until Active', () => {
    assert.deepEqual(metricsForResult('GetDirectoryStage', directory({ Stage: 'Active', ElapsedSeconds: 600 })), [
      { name: 'DirectoryActiveSeconds', unit: 'Seconds', value: 600, dimensions: { DirectoryType: 'SimpleAD' } },
    ]);
  });

  it('CreateConnector / GetConnectorStatus: created or adopted, active seconds; succeeded only after the last step', () => {
    assert.deepEqual(names(metricsForResult('CreateConnector', connector({}))), ['ConnectorCreated']);
    assert.deepEqual(names(metricsForResult('CreateConnector', connector({ Adopted: true, Status: 'ACTIVE' }))), ['ConnectorAdopted']);
    assert.deepEqual(metricsForResult('GetConnectorStatus', connector({ Status: 'ACTIVE', ElapsedSeconds: 120 })), [
      { name: 'ConnectorActiveSeconds', unit: 'Seconds', value: 120, dimensions: {} },
    ]);
    // The SPN and the templates can still fail the provisioning after an ACTIVE connector.
    assert.deepEqual(names(metricsForResult('GetServicePrincipalNameStatus', { Status: 'ACTIVE' })), []);
    assert.deepEqual(metricsForResult('CreateTemplates', { TemplateArns: [], Templates: [] }), [{ name: 'ProvisioningSucceeded', unit: 'Count', value: 1, dimensions: {} }]);
    assert.deepEqual(metricsForResult('ValidateRequest', { DirectoryType: 'SimpleAD' }), []);
  });

  it('errors: a poll not ready is no event; a name a Retry catches counts as a retry; a caught or unknown name fails the provisioning', () => {
    assert.deepEqual(metricsForError('GetDirectoryStage', 'DirectoryNotReadyError'), []);
    assert.deepEqual(metricsForError('GetConnectorStatus', 'ConnectorNotReadyError'), []);
    assert.deepEqual(metricsForError('GetDirectoryStage', 'DirectoryFailed'), [{ name: 'ProvisioningFailed', unit: 'Count', value: 1, dimensions: { ErrorName: 'DirectoryFailed' } }]);
    assert.deepEqual(metricsForError('GetConnectorStatus', 'ConnectorFailed'), [{ name: 'ProvisioningFailed', unit: 'Count', value: 1, dimensions: { ErrorName: 'ConnectorFailed' } }]);
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
