/**
 * Static smithy schemas for the operations this client exposes, written by hand from the service model
 * (pca-connector-ad 2018-05-10, restJson1). They drive the SDK's schema-based `AwsRestJsonProtocol` from
 * `@aws-sdk/core/protocols` exactly as in the generated clients: HTTP method/URI/status, path labels (URI-encoded),
 * query parameters, JSON body, the `idempotencyToken` trait (a fresh UUID v4 `ClientToken` when omitted),
 * epoch-seconds timestamps parsed into `Date`, and the modeled errors.
 *
 * Format reminder (see `StaticSchema` in `@smithy/types`):
 *   simple  0 string · 1 number · 4 timestamp (protocol default: epoch seconds) · 15 document (JSON as is)
 *           64|x list of x · 128|x map of x
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
const BOOLEAN = 2;
const TIMESTAMP = 4;
/** A JSON value written and read as is: used for the template `Definition` union (see below). */
const DOCUMENT = 15;
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

export const ServicePrincipalNameSummary$: StaticStructureSchema = [
  3, n0, 'ServicePrincipalNameSummary', 0,
  ['DirectoryRegistrationArn', 'ConnectorArn', 'Status', 'StatusReason', 'CreatedAt', 'UpdatedAt'],
  [STRING, STRING, STRING, STRING, TIMESTAMP, TIMESTAMP],
];
const ServicePrincipalNameList: StaticListSchema = [
  1, n0, 'ServicePrincipalNameList', 0, () => ServicePrincipalNameSummary$,
];

export const TemplateRevision$: StaticStructureSchema = [
  3, n0, 'TemplateRevision', 0, ['MajorRevision', 'MinorRevision'], [NUMBER, NUMBER], 2,
];
/**
 * `Definition` (the TemplateV2/V3/V4 union) is a document schema: nothing under it needs serde (no timestamp, blob,
 * `jsonName`, `idempotencyToken` or location trait; only strings, numbers, booleans, lists and structures whose JSON
 * names are the member names), so the JSON passes through unchanged in both directions. The TypeScript type in
 * models.ts is the full union.
 */
const templateMembers = [
  'Arn', 'ConnectorArn', 'CreatedAt', 'Definition', 'Name', 'ObjectIdentifier', 'PolicySchema', 'Revision', 'Status',
  'UpdatedAt',
];
const templateSchemas = [
  STRING, STRING, TIMESTAMP, DOCUMENT, STRING, STRING, NUMBER, () => TemplateRevision$, STRING, TIMESTAMP,
];
export const Template$: StaticStructureSchema = [3, n0, 'Template', 0, templateMembers, templateSchemas];
export const TemplateSummary$: StaticStructureSchema = [3, n0, 'TemplateSummary', 0, templateMembers, templateSchemas];
const TemplateList: StaticListSchema = [1, n0, 'TemplateList', 0, () => TemplateSummary$];

export const AccessRights$: StaticStructureSchema = [
  3, n0, 'AccessRights', 0, ['AutoEnroll', 'Enroll'], [STRING, STRING],
];
const aceMembers = ['AccessRights', 'CreatedAt', 'GroupDisplayName', 'GroupSecurityIdentifier', 'TemplateArn', 'UpdatedAt'];
const aceSchemas = [() => AccessRights$, TIMESTAMP, STRING, STRING, STRING, TIMESTAMP];
export const AccessControlEntry$: StaticStructureSchema = [3, n0, 'AccessControlEntry', 0, aceMembers, aceSchemas];
export const AccessControlEntrySummary$: StaticStructureSchema = [
  3, n0, 'AccessControlEntrySummary', 0, aceMembers, aceSchemas,
];
const AccessControlEntryList: StaticListSchema = [1, n0, 'AccessControlEntryList', 0, () => AccessControlEntrySummary$];

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

export const DeleteDirectoryRegistrationRequest$: StaticStructureSchema = [
  3, n0, 'DeleteDirectoryRegistrationRequest', 0, ['DirectoryRegistrationArn'], [[STRING, label]], 1,
];
export const DeleteServicePrincipalNameRequest$: StaticStructureSchema = [
  3, n0, 'DeleteServicePrincipalNameRequest', 0,
  ['ConnectorArn', 'DirectoryRegistrationArn'], [[STRING, label], [STRING, label]], 2,
];
export const ListServicePrincipalNamesRequest$: StaticStructureSchema = [
  3, n0, 'ListServicePrincipalNamesRequest', 0,
  ['DirectoryRegistrationArn', 'MaxResults', 'NextToken'],
  [[STRING, label], [NUMBER, query('MaxResults')], [STRING, query('NextToken')]], 1,
];
export const ListServicePrincipalNamesResponse$: StaticStructureSchema = [
  3, n0, 'ListServicePrincipalNamesResponse', 0,
  ['NextToken', 'ServicePrincipalNames'], [STRING, () => ServicePrincipalNameList],
];
export const CreateTemplateRequest$: StaticStructureSchema = [
  3, n0, 'CreateTemplateRequest', 0,
  ['ConnectorArn', 'Definition', 'Name', 'ClientToken', 'Tags'],
  [STRING, DOCUMENT, STRING, [STRING, idempotencyToken], MAP_OF_STRING], 3,
];
export const CreateTemplateResponse$: StaticStructureSchema = [
  3, n0, 'CreateTemplateResponse', 0, ['TemplateArn'], [STRING],
];
export const GetTemplateRequest$: StaticStructureSchema = [
  3, n0, 'GetTemplateRequest', 0, ['TemplateArn'], [[STRING, label]], 1,
];
export const GetTemplateResponse$: StaticStructureSchema = [
  3, n0, 'GetTemplateResponse', 0, ['Template'], [() => Template$],
];
export const ListTemplatesRequest$: StaticStructureSchema = [
  3, n0, 'ListTemplatesRequest', 0,
  ['ConnectorArn', 'MaxResults', 'NextToken'],
  [[STRING, query('ConnectorArn')], [NUMBER, query('MaxResults')], [STRING, query('NextToken')]], 1,
];
export const ListTemplatesResponse$: StaticStructureSchema = [
  3, n0, 'ListTemplatesResponse', 0, ['NextToken', 'Templates'], [STRING, () => TemplateList],
];
export const DeleteTemplateRequest$: StaticStructureSchema = [
  3, n0, 'DeleteTemplateRequest', 0, ['TemplateArn'], [[STRING, label]], 1,
];
export const CreateTemplateGroupAccessControlEntryRequest$: StaticStructureSchema = [
  3, n0, 'CreateTemplateGroupAccessControlEntryRequest', 0,
  ['AccessRights', 'GroupDisplayName', 'GroupSecurityIdentifier', 'TemplateArn', 'ClientToken'],
  [() => AccessRights$, STRING, STRING, [STRING, label], [STRING, idempotencyToken]], 4,
];
export const GetTemplateGroupAccessControlEntryRequest$: StaticStructureSchema = [
  3, n0, 'GetTemplateGroupAccessControlEntryRequest', 0,
  ['GroupSecurityIdentifier', 'TemplateArn'], [[STRING, label], [STRING, label]], 2,
];
export const GetTemplateGroupAccessControlEntryResponse$: StaticStructureSchema = [
  3, n0, 'GetTemplateGroupAccessControlEntryResponse', 0, ['AccessControlEntry'], [() => AccessControlEntry$],
];
export const ListTemplateGroupAccessControlEntriesRequest$: StaticStructureSchema = [
  3, n0, 'ListTemplateGroupAccessControlEntriesRequest', 0,
  ['TemplateArn', 'MaxResults', 'NextToken'],
  [[STRING, label], [NUMBER, query('MaxResults')], [STRING, query('NextToken')]], 1,
];
export const ListTemplateGroupAccessControlEntriesResponse$: StaticStructureSchema = [
  3, n0, 'ListTemplateGroupAccessControlEntriesResponse', 0,
  ['AccessControlEntries', 'NextToken'], [() => AccessControlEntryList, STRING],
];
export const DeleteTemplateGroupAccessControlEntryRequest$: StaticStructureSchema = [
  3, n0, 'DeleteTemplateGroupAccessControlEntryRequest', 0,
  ['GroupSecurityIdentifier', 'TemplateArn'], [[STRING, label], [STRING, label]], 2,
];
export const UpdateTemplateRequest$: StaticStructureSchema = [
  3, n0, 'UpdateTemplateRequest', 0,
  ['TemplateArn', 'Definition', 'ReenrollAllCertificateHolders'], [[STRING, label], DOCUMENT, BOOLEAN], 1,
];
export const UpdateTemplateGroupAccessControlEntryRequest$: StaticStructureSchema = [
  3, n0, 'UpdateTemplateGroupAccessControlEntryRequest', 0,
  ['GroupSecurityIdentifier', 'TemplateArn', 'AccessRights', 'GroupDisplayName'], [[STRING, label], [STRING, label], () => AccessRights$, STRING], 2,
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
export const DeleteDirectoryRegistration$: StaticOperationSchema = [
  9, n0, 'DeleteDirectoryRegistration', { http: ['DELETE', '/directoryRegistrations/{DirectoryRegistrationArn}', 202] },
  () => DeleteDirectoryRegistrationRequest$, () => UNIT,
];
export const DeleteServicePrincipalName$: StaticOperationSchema = [
  9, n0, 'DeleteServicePrincipalName',
  { http: ['DELETE', '/directoryRegistrations/{DirectoryRegistrationArn}/servicePrincipalNames/{ConnectorArn}', 202] },
  () => DeleteServicePrincipalNameRequest$, () => UNIT,
];
export const ListServicePrincipalNames$: StaticOperationSchema = [
  9, n0, 'ListServicePrincipalNames',
  { http: ['GET', '/directoryRegistrations/{DirectoryRegistrationArn}/servicePrincipalNames', 200] },
  () => ListServicePrincipalNamesRequest$, () => ListServicePrincipalNamesResponse$,
];
export const CreateTemplate$: StaticOperationSchema = [
  9, n0, 'CreateTemplate', { http: ['POST', '/templates', 200] },
  () => CreateTemplateRequest$, () => CreateTemplateResponse$,
];
export const GetTemplate$: StaticOperationSchema = [
  9, n0, 'GetTemplate', { http: ['GET', '/templates/{TemplateArn}', 200] },
  () => GetTemplateRequest$, () => GetTemplateResponse$,
];
export const ListTemplates$: StaticOperationSchema = [
  9, n0, 'ListTemplates', { http: ['GET', '/templates', 200] },
  () => ListTemplatesRequest$, () => ListTemplatesResponse$,
];
export const DeleteTemplate$: StaticOperationSchema = [
  9, n0, 'DeleteTemplate', { http: ['DELETE', '/templates/{TemplateArn}', 202] },
  () => DeleteTemplateRequest$, () => UNIT,
];
export const CreateTemplateGroupAccessControlEntry$: StaticOperationSchema = [
  9, n0, 'CreateTemplateGroupAccessControlEntry',
  { http: ['POST', '/templates/{TemplateArn}/accessControlEntries', 200] },
  () => CreateTemplateGroupAccessControlEntryRequest$, () => UNIT,
];
export const GetTemplateGroupAccessControlEntry$: StaticOperationSchema = [
  9, n0, 'GetTemplateGroupAccessControlEntry',
  { http: ['GET', '/templates/{TemplateArn}/accessControlEntries/{GroupSecurityIdentifier}', 200] },
  () => GetTemplateGroupAccessControlEntryRequest$, () => GetTemplateGroupAccessControlEntryResponse$,
];
export const ListTemplateGroupAccessControlEntries$: StaticOperationSchema = [
  9, n0, 'ListTemplateGroupAccessControlEntries',
  { http: ['GET', '/templates/{TemplateArn}/accessControlEntries', 200] },
  () => ListTemplateGroupAccessControlEntriesRequest$, () => ListTemplateGroupAccessControlEntriesResponse$,
];
export const DeleteTemplateGroupAccessControlEntry$: StaticOperationSchema = [
  9, n0, 'DeleteTemplateGroupAccessControlEntry',
  { http: ['DELETE', '/templates/{TemplateArn}/accessControlEntries/{GroupSecurityIdentifier}', 200] },
  () => DeleteTemplateGroupAccessControlEntryRequest$, () => UNIT,
];
export const UpdateTemplate$: StaticOperationSchema = [
  9, n0, 'UpdateTemplate', { http: ['PATCH', '/templates/{TemplateArn}', 200] },
  () => UpdateTemplateRequest$, () => UNIT,
];
export const UpdateTemplateGroupAccessControlEntry$: StaticOperationSchema = [
  9, n0, 'UpdateTemplateGroupAccessControlEntry',
  { http: ['PATCH', '/templates/{TemplateArn}/accessControlEntries/{GroupSecurityIdentifier}', 200] },
  () => UpdateTemplateGroupAccessControlEntryRequest$, () => UNIT,
];
