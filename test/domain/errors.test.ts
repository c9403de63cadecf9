import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DirectoryActivationTimeoutError, InvalidRequestError } from '../../src/domain/errors.ts';

describe('project errors', () => {
  it('project errors carry their class name as name (Lambda errorType)', () => {
    const e = new InvalidRequestError([
      { path: 'Directory.Name', message: 'is required' },
      { path: 'Connector.CertificateAuthorityArn', message: 'is not an ACM PCA CA ARN' },
    ]);
    assert.equal(e.name, 'InvalidRequestError');
    assert.match(e.message, /2 violations/);
    assert.match(e.message, /Directory\.Name/);
    assert.match(e.message, /Connector\.CertificateAuthorityArn/);
    assert.equal(new DirectoryActivationTimeoutError('x').name, 'DirectoryActivationTimeoutError');
  });
});
