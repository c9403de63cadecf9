/**
 * Static smithy schemas for the operations this client exposes, written by hand from the service model
 * (pca-connector-ad 2018-05-10, restJson1). They drive the SDK's schema-based `AwsRestJsonProtocol` from
 * `@aws-sdk/core/protocols` exactly as in the generated clients: HTTP method/URI/status, path labels (URI-encoded),
 * query parameters, JSON body, the `idempotencyToken` trait (a fresh UUID v4 `ClientToken` when omitted),
 * epoch-seconds timestamps parsed into `Date`, and the modeled errors.
 *
 * Format reminder (see `StaticSchema` in `@smithy/types`):
 *   simple  0 string · 1 number · 4 timestamp (protocol default: epoch seconds) · 64|x list of x · 128|x map of x
 *   struct  [3, namespace, name, traits, memberNames, memberSchemas, requiredMemberCount]  (required members first)
 *   error   [-3, namespace, name, traits, memberNames, memberSchemas, requiredMemberCount]
 *   list    [1, namespace, name, traits, memberSchema]
 *   op      [9, namespace, name, { http: [method, uri, successCode] }, input, output]
 *   member  schema | [schema, traits]
 */
import { TypeRegistry } from '@smithy/core/schema';
import type {
  StaticErrorSchema,
  StaticListSchema,
  StaticOperationSchema,
  StaticStructureSchema,
} from '@smithy/types';
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  PcaConnectorAdServiceException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from './errors.ts';

/** The service's smithy namespace (shape ids `com.amazonaws.pcaconnectorad#…`). */
export const NAMESPACE = 'com.amazonaws.pcaconnectorad';
const n0 = NAMESPACE;
/** Where generated clients keep their synthetic base exception: the fallback for unmodeled error codes. */
const SYNTHETIC_NAMESPACE = 'smithy.ts.sdk.synthetic.' + NAMESPACE;

const STRING = 0;
const NUMBER = 1;
const TIMESTAMP = 4;
const LIST_OF_STRING = 64 | STRING;
const MAP_OF_STRING = 128 | STRING;
const UNIT = 'unit';
const label = { httpLabel: 1 } as const;
const query = (name: string) => ({ httpQuery: name });
const idempotencyToken = { idempotencyToken: 1 } as const;

// ---------------------------------------------------------------------------------------------------------- errors

const syntheticRegistry = new TypeRegistry(SYNTHETIC_NAMESPACE);
export const PcaConnectorAdServiceException$: StaticErrorSchema = [
  -3, SYNTHETIC_NAMESPACE, 'PcaConnectorAdServiceException', 0, [], [],
];
syntheticRegistry.registerError(PcaConnectorAdServiceException$, PcaConnectorAdServiceException);

const registry = new TypeRegistry(n0);
export const AccessDeniedException$: StaticErrorSchema = [
  -3, n0, 'AccessDeniedException', { error: 'client', httpError: 403 },
  ['Message'], [STRING], 1,
];
registry.registerError(AccessDeniedException$, AccessDeniedException);
export const ConflictException$: StaticErrorSchema = [
  -3, n0, 'ConflictException', { error: 'client', httpError: 409 },
  ['Message', 'ResourceId', 'ResourceType'], [STRING, STRING, STRING], 3,
];
registry.registerError(ConflictException$, ConflictException);
export const InternalServerException$: StaticErrorSchema = [
  -3, n0, 'InternalServerException', { error: 'server', httpError: 500 },
  ['Message'], [STRING], 1,
];
registry.registerError(InternalServerException$, InternalServerException);
export const ResourceNotFoundException$: StaticErrorSchema = [
  -3, n0, 'ResourceNotFoundException', { error: 'client', httpError: 404 },
  ['Message', 'ResourceId', 'ResourceType'], [STRING, STRING, STRING], 3,
];
registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
export const ServiceQuotaExceededException$: StaticErrorSchema = [
  -3, n0, 'ServiceQuotaExceededException', { error: 'client', httpError: 402 },
  ['Message', 'QuotaCode', 'ResourceId', 'ResourceType', 'ServiceCode'], [STRING, STRING, STRING, STRING, STRING], 5,
];
registry.registerError(ServiceQuotaExceededException$, ServiceQuotaExceededException);
export const ThrottlingException$: StaticErrorSchema = [
  -3, n0, 'ThrottlingException', { error: 'client', httpError: 429 },
  ['Message', 'QuotaCode', 'ServiceCode'], [STRING, STRING, STRING], 1,
];
registry.registerError(ThrottlingException$, ThrottlingException);
export const ValidationException$: StaticErrorSchema = [
  -3, n0, 'ValidationException', { error: 'client', httpError: 400 },
  ['Message', 'Reason'], [STRING, STRING], 1,
];
registry.registerError(ValidationException$, ValidationException);

/** Passed to the protocol (`protocolSettings.errorTypeRegistries`), as generated clients do. */
export const errorTypeRegistries = [syntheticRegistry, registry];

// ---------------------------------------------------------------------------------------------------------- shapes

export const VpcInformation$: StaticStructureSchema = [
  3, n0, 'VpcInformation', 0,
  ['SecurityGroupIds', 'IpAddressType'], [LIST_OF_STRING, STRING], 1,
];

const connectorMembers = [
  'Arn', 'CertificateAuthorityArn', 'CertificateEnrollmentPolicyServerEndpoint', 'DirectoryId', 'VpcInformation',
  'Status', 'StatusReason', 'CreatedAt', 'UpdatedAt',
];
const connectorSchemas = [STRING, STRING, STRING, STRING, () => VpcInformation$, STRING, STRING, TIMESTAMP, TIMESTAMP];
export const Connector$: StaticStructureSchema = [3, n0, 'Connector', 0, connectorMembers, connectorSchemas];
export const ConnectorSummary$: StaticStructureSchema = [
  3, n0, 'ConnectorSummary', 0, connectorMembers, connectorSchemas,
];
const ConnectorList: StaticListSchema = [1, n0, 'ConnectorList', 0, () => ConnectorSummary$];

const registrationMembers = ['Arn', 'DirectoryId', 'Status', 'StatusReason', 'CreatedAt', 'UpdatedAt'];
const registrationSchemas = [STRING, STRING, STRING, STRING, TIMESTAMP, TIMESTAMP];
export const DirectoryRegistration$: StaticStructureSchema = [
  3, n0, 'DirectoryRegistration', 0, registrationMembers, registrationSchemas,
];
export const DirectoryRegistrationSummary$: StaticStructureSchema = [
  3, n0, 'DirectoryRegistrationSummary', 0, registrationMembers, registrationSchemas,
];
const DirectoryRegistrationList: StaticListSchema = [
  1, n0, 'DirectoryRegistrationList', 0, () => DirectoryRegistrationSummary$,
];

export const ServicePrincipalName$: StaticStructureSchema = [
  3, n0, 'ServicePrincipalName', 0,
  ['DirectoryRegistrationArn', 'ConnectorArn', 'Status', 'StatusReason', 'CreatedAt', 'UpdatedAt'],
  [STRING, STRING, STRING, STRING, TIMESTAMP, TIMESTAMP],
];

// ---------------------------------------------------------------------------------------------- requests/responses

export const CreateConnectorRequest$: StaticStructureSchema = [
  3, n0, 'CreateConnectorRequest', 0,
  ['CertificateAuthorityArn', 'DirectoryId', 'VpcInformation', 'ClientToken', 'Tags'],
  [STRING, STRING, () => VpcInformation$, [STRING, idempotencyToken], MAP_OF_STRING], 3,
];
export const CreateConnectorResponse$: StaticStructureSchema = [
  3, n0, 'CreateConnectorResponse', 0, ['ConnectorArn'], [STRING],
];
export const GetConnectorRequest$: StaticStructureSchema = [
  3, n0, 'GetConnectorRequest', 0, ['ConnectorArn'], [[STRING, label]], 1,
];
export const GetConnectorResponse$: StaticStructureSchema = [
  3, n0, 'GetConnectorResponse', 0, ['Connector'], [() => Connector$],
];
export const ListConnectorsRequest$: StaticStructureSchema = [
  3, n0, 'ListConnectorsRequest', 0,
  ['MaxResults', 'NextToken'], [[NUMBER, query('MaxResults')], [STRING, query('NextToken')]],
];
export const ListConnectorsResponse$: StaticStructureSchema = [
  3, n0, 'ListConnectorsResponse', 0, ['Connectors', 'NextToken'], [() => ConnectorList, STRING],
];
export const DeleteConnectorRequest$: StaticStructureSchema = [
  3, n0, 'DeleteConnectorRequest', 0, ['ConnectorArn'], [[STRING, label]], 1,
];
export const CreateDirectoryRegistrationRequest$: StaticStructureSchema = [
  3, n0, 'CreateDirectoryRegistrationRequest', 0,
  ['DirectoryId', 'ClientToken', 'Tags'], [STRING, [STRING, idempotencyToken], MAP_OF_STRING], 1,
];
export const CreateDirectoryRegistrationResponse$: StaticStructureSchema = [
  3, n0, 'CreateDirectoryRegistrationResponse', 0, ['DirectoryRegistrationArn'], [STRING],
];
export const GetDirectoryRegistrationRequest$: StaticStructureSchema = [
  3, n0, 'GetDirectoryRegistrationRequest', 0, ['DirectoryRegistrationArn'], [[STRING, label]], 1,
];
export const GetDirectoryRegistrationResponse$: StaticStructureSchema = [
  3, n0, 'GetDirectoryRegistrationResponse', 0, ['DirectoryRegistration'], [() => DirectoryRegistration$],
];
export const ListDirectoryRegistrationsRequest$: StaticStructureSchema = [
  3, n0, 'ListDirectoryRegistrationsRequest', 0,
  ['MaxResults', 'NextToken'], [[NUMBER, query('MaxResults')], [STRING, query('NextToken')]],
];
export const ListDirectoryRegistrationsResponse$: StaticStructureSchema = [
  3, n0, 'ListDirectoryRegistrationsResponse', 0,
  ['DirectoryRegistrations', 'NextToken'], [() => DirectoryRegistrationList, STRING],
];
export const CreateServicePrincipalNameRequest$: StaticStructureSchema = [
  3, n0, 'CreateServicePrincipalNameRequest', 0,
  ['ConnectorArn', 'DirectoryRegistrationArn', 'ClientToken'],
  [[STRING, label], [STRING, label], [STRING, idempotencyToken]], 2,
];
export const GetServicePrincipalNameRequest$: StaticStructureSchema = [
  3, n0, 'GetServicePrincipalNameRequest', 0,
  ['ConnectorArn', 'DirectoryRegistrationArn'], [[STRING, label], [STRING, label]], 2,
];
export const GetServicePrincipalNameResponse$: StaticStructureSchema = [
  3, n0, 'GetServicePrincipalNameResponse', 0, ['ServicePrincipalName'], [() => ServicePrincipalName$],
];

// ------------------------------------------------------------------------------------------------------ operations

export const CreateConnector$: StaticOperationSchema = [
  9, n0, 'CreateConnector', { http: ['POST', '/connectors', 202] },
  () => CreateConnectorRequest$, () => CreateConnectorResponse$,
];
export const GetConnector$: StaticOperationSchema = [
  9, n0, 'GetConnector', { http: ['GET', '/connectors/{ConnectorArn}', 200] },
  () => GetConnectorRequest$, () => GetConnectorResponse$,
];
export const ListConnectors$: StaticOperationSchema = [
  9, n0, 'ListConnectors', { http: ['GET', '/connectors', 200] },
  () => ListConnectorsRequest$, () => ListConnectorsResponse$,
];
export const DeleteConnector$: StaticOperationSchema = [
  9, n0, 'DeleteConnector', { http: ['DELETE', '/connectors/{ConnectorArn}', 202] },
  () => DeleteConnectorRequest$, () => UNIT,
];
export const CreateDirectoryRegistration$: StaticOperationSchema = [
  9, n0, 'CreateDirectoryRegistration', { http: ['POST', '/directoryRegistrations', 202] },
  () => CreateDirectoryRegistrationRequest$, () => CreateDirectoryRegistrationResponse$,
];
export const GetDirectoryRegistration$: StaticOperationSchema = [
  9, n0, 'GetDirectoryRegistration', { http: ['GET', '/directoryRegistrations/{DirectoryRegistrationArn}', 200] },
  () => GetDirectoryRegistrationRequest$, () => GetDirectoryRegistrationResponse$,
];
export const ListDirectoryRegistrations$: StaticOperationSchema = [
  9, n0, 'ListDirectoryRegistrations', { http: ['GET', '/directoryRegistrations', 200] },
  () => ListDirectoryRegistrationsRequest$, () => ListDirectoryRegistrationsResponse$,
];
export const CreateServicePrincipalName$: StaticOperationSchema = [
  9, n0, 'CreateServicePrincipalName',
  { http: ['POST', '/directoryRegistrations/{DirectoryRegistrationArn}/servicePrincipalNames/{ConnectorArn}', 202] },
  () => CreateServicePrincipalNameRequest$, () => UNIT,
];
export const GetServicePrincipalName$: StaticOperationSchema = [
  9, n0, 'GetServicePrincipalName',
  { http: ['GET', '/directoryRegistrations/{DirectoryRegistrationArn}/servicePrincipalNames/{ConnectorArn}', 200] },
  () => GetServicePrincipalNameRequest$, () => GetServicePrincipalNameResponse$,
];
