import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY, type ProvisioningRequest } from '../../src/contract.ts';
import { DirectoryServiceThrottledError } from '../../src/domain/errors.ts';
import { CLIENT_TOKEN_PATTERN, clientTokenFor } from '../../src/domain/client-token.ts';
import { classifyDirectoryServiceError, withDirectoryServiceErrors } from '../../src/domain/ds-errors.ts';
import { connectorTags, directoryTags } from '../../src/domain/tags.ts';
import { requestWarnings } from '../../src/domain/warnings.ts';

const EXEC = 'arn:aws:states:us-east-1:111122223333:execution:ad-cert-orchestrator-provision:req-0001';

describe('clientTokenFor', () => {
  it('is SHA-256 hex: 64 characters matching ^[!-~]+$', () => {
    const token = clientTokenFor(EXEC);
    assert.equal(token.length, 64);
    assert.match(token, CLIENT_TOKEN_PATTERN);
    assert.match(token, /^[0-9a-f]{64}$/);
  });
  it('same execution → same token; different → different', () => {
    assert.equal(clientTokenFor(EXEC), clientTokenFor(EXEC));
    assert.notEqual(clientTokenFor(EXEC), clientTokenFor(`${EXEC}-2`));
  });
  it('fits even for a 256-character execution ARN', () => {
    assert.equal(clientTokenFor('a'.repeat(256)).length, 64);
  });
});

describe('classifyDirectoryServiceError', () => {
  const clientException = (message: string): Error => Object.assign(new Error(message), { name: 'ClientException' });
  for (const message of ['Rate exceeded', 'Request was throttled', 'THROTTLING']) {
    it(`ClientException "${message}" → DirectoryServiceThrottledError, message kept`, () => {
      const out = classifyDirectoryServiceError(clientException(message));
      assert.ok(out instanceof DirectoryServiceThrottledError);
      assert.equal(out.name, 'DirectoryServiceThrottledError');
      assert.equal(out.message, message);
    });
  }
  it('other ClientException and other errors are returned unchanged', () => {
    const subnet = clientException('Subnets are in unsupported AZs');
    assert.equal(classifyDirectoryServiceError(subnet), subnet);
    const limit = Object.assign(new Error('Rate exceeded'), { name: 'DirectoryLimitExceededException' });
    assert.equal(classifyDirectoryServiceError(limit), limit);
  });
  it('withDirectoryServiceErrors rethrows classified', async () => {
    await assert.rejects(withDirectoryServiceErrors(() => Promise.reject(clientException('Rate exceeded'))), { name: 'DirectoryServiceThrottledError' });
    assert.equal(await withDirectoryServiceErrors(() => Promise.resolve(1)), 1);
  });
});

describe('tags', () => {
  it('directory tags: user tags then managed-by and execution', () => {
    assert.deepEqual(directoryTags([{ Key: 'team', Value: 'pki' }], EXEC), [
      { Key: 'team', Value: 'pki' },
      { Key: MANAGED_BY_TAG_KEY, Value: 'ad-cert-orchestrator' },
      { Key: EXECUTION_TAG_KEY, Value: EXEC },
    ]);
  });
  it('connector tags: a map with managed-by', () => {
    assert.deepEqual(connectorTags(undefined, EXEC), { [MANAGED_BY_TAG_KEY]: 'ad-cert-orchestrator', [EXECUTION_TAG_KEY]: EXEC });
  });
});

describe('requestWarnings', () => {
  const req = (type: 'SimpleAD' | 'MicrosoftAD'): ProvisioningRequest => ({
    Directory: { Type: type, Name: 'corp.example.com', PasswordSecretId: 's', VpcSettings: { VpcId: 'vpc-11111111', SubnetIds: [] } },
    Connector: { CertificateAuthorityArn: 'arn', VpcInformation: { SecurityGroupIds: [] } },
  });
  it('SimpleAD: no warning (a Simple AD request with a Connector is refused by validation instead)', () => {
    assert.deepEqual(requestWarnings(req('SimpleAD'), 600), []);
  });
  it('MicrosoftAD: no warning with the default timeout, one with a short one', () => {
    assert.deepEqual(requestWarnings(req('MicrosoftAD'), 3600), []);
    assert.match(requestWarnings(req('MicrosoftAD'), 1800)[0] ?? '', /37 minutes/);
  });
});
