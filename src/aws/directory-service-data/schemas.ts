/**
 * Static smithy schemas for the operations this client exposes, written by hand from the service model
 * (ds-data 2023-05-31, restJson1). They drive the SDK's schema-based `AwsRestJsonProtocol` as in the generated
 * clients: method/URI/status, `DirectoryId` as the `DirectoryId` query parameter, the JSON body, the
 * `idempotencyToken` trait (a fresh UUID v4 `ClientToken` when omitted), the `Retry-After` header of a throttle, the
 * `sensitive` trait (kept out of logs) and the modeled errors.
 *
 * Format reminder (see `StaticSchema` in `@smithy/types`):
 *   simple  0 string · 1 number · 2 boolean · 64|x list of x · [0, ns, name, traits, x] a named x with traits
 *   struct  [3, namespace, name, traits, memberNames, memberSchemas, requiredMemberCount]  (required members first)
 *   union   [4, namespace, name, traits, memberNames, memberSchemas]
 *   error   [-3, namespace, name, traits, memberNames, memberSchemas, requiredMemberCount]
 *   list    [1, namespace, name, traits, memberSchema] · map [2, namespace, name, traits, keySchema, valueSchema]
 *   op      [9, namespace, name, { http: [method, uri, successCode] }, input, output]
 *   member  schema | [schema, traits]
 */
import { TypeRegistry } from '@smithy/core/schema';
import type {
  StaticErrorSchema,
  StaticListSchema,
  StaticMapSchema,
  StaticOperationSchema,
  StaticSimpleSchema,
  StaticStructureSchema,
  StaticUnionSchema,
} from '@smithy/types';
import {
  AccessDeniedException,
  ConflictException,
  DirectoryServiceDataServiceException,
  DirectoryUnavailableException,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
} from './errors.ts';

/** The service's smithy namespace (shape ids `com.amazonaws.directoryservicedata#…`). */
export const NAMESPACE = 'com.amazonaws.directoryservicedata';
const n0 = NAMESPACE;
/** Where generated clients keep their synthetic base exception: the fallback for unmodeled error codes. */
const SYNTHETIC_NAMESPACE = 'smithy.ts.sdk.synthetic.' + NAMESPACE;

const STRING = 0;
const NUMBER = 1;
const BOOLEAN = 2;
const LIST_OF_STRING = 64 | STRING;
const SENSITIVE = { sensitive: 1 } as const;
const directoryIdInQuery = { httpQuery: 'DirectoryId' } as const;
const idempotencyToken = { idempotencyToken: 1 } as const;

// ---------------------------------------------------------------------------------------------------------- errors

const syntheticRegistry = new TypeRegistry(SYNTHETIC_NAMESPACE);
export const DirectoryServiceDataServiceException$: StaticErrorSchema = [
  -3, SYNTHETIC_NAMESPACE, 'DirectoryServiceDataServiceException', 0, [], [],
];
syntheticRegistry.registerError(DirectoryServiceDataServiceException$, DirectoryServiceDataServiceException);

const registry = new TypeRegistry(n0);
export const AccessDeniedException$: StaticErrorSchema = [
  -3, n0, 'AccessDeniedException', { error: 'client', httpError: 403 }, ['Message', 'Reason'], [STRING, STRING],
];
registry.registerError(AccessDeniedException$, AccessDeniedException);
export const ConflictException$: StaticErrorSchema = [
  -3, n0, 'ConflictException', { error: 'client', httpError: 409 }, ['Message'], [STRING],
];
registry.registerError(ConflictException$, ConflictException);
export const DirectoryUnavailableException$: StaticErrorSchema = [
  -3, n0, 'DirectoryUnavailableException', { error: 'client', httpError: 400 }, ['Message', 'Reason'], [STRING, STRING],
];
registry.registerError(DirectoryUnavailableException$, DirectoryUnavailableException);
export const InternalServerException$: StaticErrorSchema = [
  -3, n0, 'InternalServerException', { error: 'server', httpError: 500 }, ['Message'], [STRING],
];
registry.registerError(InternalServerException$, InternalServerException);
export const ResourceNotFoundException$: StaticErrorSchema = [
  -3, n0, 'ResourceNotFoundException', { error: 'client', httpError: 404 }, ['Message'], [STRING],
];
registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
export const ThrottlingException$: StaticErrorSchema = [
  -3, n0, 'ThrottlingException', { error: 'client', httpError: 429 },
  ['Message', 'RetryAfterSeconds'], [STRING, [NUMBER, { httpHeader: 'Retry-After' }]], 1,
];
registry.registerError(ThrottlingException$, ThrottlingException);
export const ValidationException$: StaticErrorSchema = [
  -3, n0, 'ValidationException', { error: 'client', httpError: 400 }, ['Message', 'Reason'], [STRING, STRING],
];
registry.registerError(ValidationException$, ValidationException);

/** Passed to the protocol (`protocolSettings.errorTypeRegistries`), as generated clients do. */
export const errorTypeRegistries = [syntheticRegistry, registry];

// ---------------------------------------------------------------------------------------------------------- shapes

const DistinguishedName: StaticSimpleSchema = [0, n0, 'DistinguishedName', SENSITIVE, STRING];
const StringAttributeValue: StaticSimpleSchema = [0, n0, 'StringAttributeValue', SENSITIVE, STRING];
const NumberAttributeValue: StaticSimpleSchema = [0, n0, 'NumberAttributeValue', SENSITIVE, NUMBER];
const BooleanAttributeValue: StaticSimpleSchema = [0, n0, 'BooleanAttributeValue', SENSITIVE, BOOLEAN];
const StringSetAttributeValue: StaticListSchema = [1, n0, 'StringSetAttributeValue', SENSITIVE, () => StringAttributeValue];
export const AttributeValue$: StaticUnionSchema = [
  4, n0, 'AttributeValue', 0,
  ['S', 'N', 'BOOL', 'SS'],
  [() => StringAttributeValue, () => NumberAttributeValue, () => BooleanAttributeValue, () => StringSetAttributeValue],
];
const Attributes: StaticMapSchema = [2, n0, 'Attributes', 0, STRING, () => AttributeValue$];

// ---------------------------------------------------------------------------------------------- requests/results

export const DescribeGroupRequest$: StaticStructureSchema = [
  3, n0, 'DescribeGroupRequest', 0,
  ['DirectoryId', 'SAMAccountName', 'Realm', 'OtherAttributes'],
  [[STRING, directoryIdInQuery], STRING, STRING, LIST_OF_STRING], 2,
];
export const DescribeGroupResult$: StaticStructureSchema = [
  3, n0, 'DescribeGroupResult', 0,
  ['DirectoryId', 'Realm', 'SID', 'SAMAccountName', 'DistinguishedName', 'GroupType', 'GroupScope', 'OtherAttributes'],
  [STRING, STRING, STRING, STRING, () => DistinguishedName, STRING, STRING, () => Attributes],
];
export const CreateGroupRequest$: StaticStructureSchema = [
  3, n0, 'CreateGroupRequest', 0,
  ['DirectoryId', 'SAMAccountName', 'GroupType', 'GroupScope', 'OtherAttributes', 'ClientToken'],
  [[STRING, directoryIdInQuery], STRING, STRING, STRING, () => Attributes, [STRING, idempotencyToken]], 2,
];
export const CreateGroupResult$: StaticStructureSchema = [
  3, n0, 'CreateGroupResult', 0, ['DirectoryId', 'SAMAccountName', 'SID'], [STRING, STRING, STRING],
];

// ------------------------------------------------------------------------------------------------------ operations

export const DescribeGroup$: StaticOperationSchema = [
  9, n0, 'DescribeGroup', { http: ['POST', '/Groups/DescribeGroup', 200] },
  () => DescribeGroupRequest$, () => DescribeGroupResult$,
];
export const CreateGroup$: StaticOperationSchema = [
  9, n0, 'CreateGroup', { http: ['POST', '/Groups/CreateGroup', 200] },
  () => CreateGroupRequest$, () => CreateGroupResult$,
];
