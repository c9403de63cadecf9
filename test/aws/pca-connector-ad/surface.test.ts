import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Client, Command, ServiceException } from '@smithy/core/client';
import * as pca from '../../../src/aws/pca-connector-ad/index.ts';

/** The names other modules import; they must match `@aws-sdk/client-pca-connector-ad` so swapping is one line. */
const COMMANDS = [
  'CreateConnectorCommand',
  'GetConnectorCommand',
  'ListConnectorsCommand',
  'DeleteConnectorCommand',
  'CreateDirectoryRegistrationCommand',
  'GetDirectoryRegistrationCommand',
  'ListDirectoryRegistrationsCommand',
  'CreateServicePrincipalNameCommand',
  'GetServicePrincipalNameCommand',
  'DeleteDirectoryRegistrationCommand',
  'DeleteServicePrincipalNameCommand',
  'ListServicePrincipalNamesCommand',
  'CreateTemplateCommand',
  'GetTemplateCommand',
  'ListTemplatesCommand',
  'DeleteTemplateCommand',
  'CreateTemplateGroupAccessControlEntryCommand',
  'GetTemplateGroupAccessControlEntryCommand',
  'ListTemplateGroupAccessControlEntriesCommand',
  'DeleteTemplateGroupAccessControlEntryCommand',
  'UpdateTemplateCommand',
  'UpdateTemplateGroupAccessControlEntryCommand',
  'ListTagsForResourceCommand',
  'TagResourceCommand',
] as const;
const EXCEPTIONS = [
  'AccessDeniedException',
  'ValidationException',
  'ResourceNotFoundException',
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'InternalServerException',
  'ConflictException',
] as const;

describe('public surface of src/aws/pca-connector-ad (same names as the official package)', () => {
  it('client classes extend the smithy Client; commands extend the smithy Command', () => {
    assert.ok(pca.PcaConnectorAdClient.prototype instanceof Client);
    assert.ok(pca.PcaConnectorAd.prototype instanceof pca.PcaConnectorAdClient);
    assert.equal(pca.$Command, Command);
    for (const name of COMMANDS) {
      const Ctor = pca[name];
      assert.equal(typeof Ctor, 'function', name);
      assert.ok(Ctor.prototype instanceof Command, name);
      assert.equal(Ctor.name, name);
    }
  });

  it('exceptions extend PcaConnectorAdServiceException, which extends the smithy ServiceException', () => {
    assert.ok(pca.PcaConnectorAdServiceException.prototype instanceof ServiceException);
    for (const name of EXCEPTIONS) {
      const Ctor = pca[name];
      assert.ok(Ctor.prototype instanceof pca.PcaConnectorAdServiceException, name);
      const e = new Ctor({ message: 'm', $metadata: {} } as never);
      assert.equal(e.name, name);
      assert.equal(e.$fault, name === 'InternalServerException' ? 'server' : 'client');
      assert.equal(e.message, 'm');
    }
  });

  it('enums are const objects with the model values', () => {
    assert.deepEqual(Object.values(pca.ConnectorStatus).sort(), ['ACTIVE', 'CREATING', 'DELETING', 'FAILED']);
    assert.deepEqual(Object.values(pca.IpAddressType).sort(), ['DUALSTACK', 'IPV4']);
    assert.equal(pca.ConnectorStatusReason.VPC_ACCESS_DENIED, 'VPC_ACCESS_DENIED');
    assert.equal(Object.keys(pca.ConnectorStatusReason).length, 11);
    assert.equal(pca.DirectoryRegistrationStatusReason.DIRECTORY_TYPE_NOT_SUPPORTED, 'DIRECTORY_TYPE_NOT_SUPPORTED');
    assert.equal(pca.ServicePrincipalNameStatus.ACTIVE, 'ACTIVE');
    assert.equal(pca.ServicePrincipalNameStatusReason.SPN_LIMIT_EXCEEDED, 'SPN_LIMIT_EXCEEDED');
    assert.equal(pca.DirectoryRegistrationStatus.FAILED, 'FAILED');
    assert.equal(Object.keys(pca.ValidationExceptionReason).length, 9);
    assert.deepEqual(Object.values(pca.TemplateStatus).sort(), ['ACTIVE', 'DELETING']);
    assert.equal(Object.keys(pca.ApplicationPolicyType).length, 67);
    assert.equal(pca.ApplicationPolicyType.CLIENT_AUTHENTICATION, 'CLIENT_AUTHENTICATION');
    assert.deepEqual(Object.values(pca.ClientCompatibilityV4).sort(), [
      'WINDOWS_SERVER_2012',
      'WINDOWS_SERVER_2012_R2',
      'WINDOWS_SERVER_2016',
    ]);
    assert.deepEqual(Object.values(pca.AccessRight).sort(), ['ALLOW', 'DENY']);
  });

  it('paginators are functions', () => {
    assert.equal(typeof pca.paginateListConnectors, 'function');
    assert.equal(typeof pca.paginateListDirectoryRegistrations, 'function');
    assert.equal(typeof pca.paginateListServicePrincipalNames, 'function');
    assert.equal(typeof pca.paginateListTemplates, 'function');
    assert.equal(typeof pca.paginateListTemplateGroupAccessControlEntries, 'function');
  });

  it('a client with no arguments constructs (region/credentials resolved lazily, as upstream)', () => {
    const client = new pca.PcaConnectorAdClient();
    assert.equal(client.config.serviceId, 'Pca Connector Ad');
    client.destroy();
  });
});
