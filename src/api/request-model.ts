/**
 * The API Gateway request model of `POST /provisionings` (JSON Schema draft-04), generated from the domain
 * validator's spec (`REQUEST_SPEC`, src/domain/validate.ts): `npm run gen:schema` writes it to
 * src/api/provisioning-request.schema.json, which serverless/triggers.yml hands to API Gateway; a test fails when the
 * file drifts. The API body differs from the execution input in one way: Directory may carry the admin `Password`
 * once instead of `PasswordSecretId` (the handler stores it in Secrets Manager).
 */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../domain/password.ts';
import { toJsonSchema } from '../domain/spec.ts';
import type { JsonSchema } from '../domain/spec.ts';
import { REQUEST_SPEC } from '../domain/validate.ts';

export const REQUEST_MODEL_PATH = 'src/api/provisioning-request.schema.json';

export const provisioningRequestModel = (): JsonSchema => {
  const body = toJsonSchema(REQUEST_SPEC);
  const properties = body['properties'] as Record<string, JsonSchema>;
  // Directory is one of two forms: the one to create (which may carry the Password) and an existing one by DirectoryId.
  const forms = (properties['Directory'] as { oneOf: (JsonSchema & { required: string[]; properties: Record<string, JsonSchema> })[] }).oneOf;
  const [directory, existing] = forms;
  if (!directory || !existing) throw new Error('REQUEST_SPEC: Directory must have its two forms');
  const toCreate = {
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
  properties['Directory'] = { oneOf: [toCreate, existing] };
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: 'ProvisioningRequest',
    description:
      'Body of POST /provisionings: the execution input (contract v1), except that a Directory to create may carry the admin Password once instead of PasswordSecretId (the API stores it in Secrets Manager); an existing Directory is given by DirectoryId alone. GENERATED from REQUEST_SPEC in src/domain/validate.ts (npm run gen:schema): the handler validates with that spec, which also checks what JSON Schema cannot express (Size vs Edition per Type, duplicate tag keys, reserved tag prefixes, the password-secret scope).',
    ...body,
  };
};

/** The file's text: what `npm run gen:schema` writes and the drift test compares. */
export const requestModelText = (): string => `${JSON.stringify(provisioningRequestModel(), null, 2)}\n`;
