/**
 * The request body schema (src/api/provisioning-request.schema.json), compiled for @middy/validator.
 *
 * The JSON file is the single source: serverless/triggers.yml hands it to API Gateway as the method's request model
 * (JSON Schema draft-04, what API Gateway speaks) and this module compiles the same document with ajv (middy's
 * draft-2020 build). The schema only uses keywords whose meaning is the same in both drafts; `$schema` is removed
 * before compiling because middy's ajv does not load the draft-04 meta-schema.
 *
 * middy's defaults `coerceTypes: "array"` and `useDefaults: "empty"` are switched off: they rewrite the body (turning
 * 5 into "5"), which API Gateway does not do and the domain validator would not accept.
 */
import { transpileSchema } from '@middy/validator/transpile';
import requestSchema from './provisioning-request.schema.json' with { type: 'json' };

export const AJV_OPTIONS = {
  coerceTypes: false,
  useDefaults: false,
  allErrors: true,
  strict: true,
  strictRequired: false, // the oneOf branches name properties declared by the parent schema
} as const;

const { $schema: _draft, ...bodySchema } = requestSchema as Record<string, unknown>;

/** The body schema without `$schema` (for ajv). */
export const provisioningRequestSchema: Record<string, unknown> = bodySchema;

/** The raw file, as API Gateway receives it. */
export const provisioningRequestSchemaFile: Record<string, unknown> = requestSchema as Record<string, unknown>;

/** Validator for the API Gateway proxy event after JSON parsing: the body must match the request schema. */
export const provisioningEventSchema = transpileSchema(
  { type: 'object', required: ['body'], properties: { body: bodySchema } },
  AJV_OPTIONS,
);

/** Validator for a bare body (tests; the agreement check with the domain validator). */
export const provisioningBodySchema = transpileSchema(bodySchema, AJV_OPTIONS);
