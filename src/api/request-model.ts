/**
 * The API Gateway request models of `POST /provisionings` and `PUT /provisionings/{id}` (JSON Schema draft-04),
 * generated from the domain validator's spec (`REQUEST_SPEC`, src/domain/validate.ts): `npm run gen:schema` writes
 * them to src/api/provisioning-request.schema.json and src/api/provisioning-update.schema.json, which
 * serverless/triggers.yml hands to API Gateway; a test fails when a file drifts. The API body differs from the execution input in one way: Directory may carry the admin `Password`
 * once instead of `PasswordSecretId` (the handler stores it in Secrets Manager).
 */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../domain/password.ts';
import { toJsonSchema } from '../domain/spec.ts';
import type { JsonSchema } from '../domain/spec.ts';
import { REQUEST_SPEC } from '../domain/validate.ts';

export const REQUEST_MODEL_PATH = 'src/api/provisioning-request.schema.json';
/** `PUT /provisionings/{id}`'s model: the same request, the password reference optional, no password. */
export const UPDATE_MODEL_PATH = 'src/api/provisioning-update.schema.json';

export const provisioningRequestModel = (): JsonSchema => {
  const body = toJsonSchema(REQUEST_SPEC);
  const properties = body['properties'] as Record<string, JsonSchema>;
  const directory = properties['Directory'] as JsonSchema & { required: string[]; properties: Record<string, JsonSchema> };
  properties['Directory'] = {
    ...directory,
    required: directory.required.filter((f) => f !== 'PasswordSecretId'),
    oneOf: [{ required: ['PasswordSecretId'] }, { required: ['Password'] }],
    properties: {
      ...directory.properties,
      Password: {
        type: 'string',
        minLength: PASSWORD_MIN_LENGTH,
        maxLength: PASSWORD_MAX_LENGTH,
        description:
          'The admin password, accepted once by the API: stored in Secrets Manager, never forwarded. Complexity (3 of 4 character classes) is checked by the handler without echoing the value.',
      },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: 'ProvisioningRequest',
    description:
      'Body of POST /provisionings: the execution input (contract v1), except that Directory may carry the admin Password once instead of PasswordSecretId (the API stores it in Secrets Manager). GENERATED from REQUEST_SPEC in src/domain/validate.ts (npm run gen:schema): the handler validates with that spec, which also checks what JSON Schema cannot express (Size vs Edition per Type, duplicate tag keys, reserved tag prefixes, the password-secret scope).',
    ...body,
  };
};

/**
 * The body of `PUT /provisionings/{id}`: the full request, whose `Directory.PasswordSecretId` may be left out (the
 * record's is used: the directory exists, its password is not needed again) and which never carries a `Password`.
 */
export const provisioningUpdateModel = (): JsonSchema => {
  const body = toJsonSchema(REQUEST_SPEC);
  const properties = body['properties'] as Record<string, JsonSchema>;
  const directory = properties['Directory'] as JsonSchema & { required: string[] };
  properties['Directory'] = { ...directory, required: directory.required.filter((f) => f !== 'PasswordSecretId') };
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: 'ProvisioningUpdate',
    description:
      'Body of PUT /provisionings/{id}: the full request (contract v1) to apply to that provisioning; Directory.Name and Directory.VpcSettings.VpcId must be the recorded ones, Directory.PasswordSecretId may be left out (the record\'s is used) and no Password is accepted. GENERATED from REQUEST_SPEC in src/domain/validate.ts (npm run gen:schema).',
    ...body,
  };
};

/** The files' text: what `npm run gen:schema` writes and the drift test compares. */
export const requestModelText = (): string => `${JSON.stringify(provisioningRequestModel(), null, 2)}\n`;
export const updateModelText = (): string => `${JSON.stringify(provisioningUpdateModel(), null, 2)}\n`;
