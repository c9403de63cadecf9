import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Command } from '@smithy/core/client';
import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticErrorSchema, StaticOperationSchema, StaticStructureSchema } from '@smithy/types';
import * as dsData from '../../../src/aws/directory-service-data/index.ts';
import { SIGNING_NAME } from '../../../src/aws/directory-service-data/endpoint.ts';
import { API_VERSION, SERVICE_ID } from '../../../src/aws/directory-service-data/runtimeConfig.ts';
import { MODEL_PATH } from './helpers.ts';

/** The service model (AWS JSON "api-2" form) as far as these checks read it. */
interface ModelMember {
  shape: string;
  location?: string;
  locationName?: string;
  idempotencyToken?: boolean;
}
interface ModelShape {
  type: string;
  members?: Record<string, ModelMember>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  required?: string[];
  enum?: string[];
  union?: boolean;
  sensitive?: boolean;
  error?: { httpStatusCode: number; senderFault?: boolean };
  fault?: boolean;
  retryable?: { throttling: boolean };
}
interface Model {
  metadata: { apiVersion: string; serviceId: string; signingName: string; protocol: string };
  operations: Record<
    string,
    {
      http: { method: string; requestUri: string; responseCode: number };
      input: { shape: string };
      output: { shape: string };
      errors: { shape: string }[];
    }
  >;
  shapes: Record<string, ModelShape>;
}

const model = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as Model;
const shape = (name: string): ModelShape => {
  const found = model.shapes[name];
  assert.ok(found, `model shape ${name}`);
  return found;
};
const exported = dsData as unknown as Record<string, unknown>;

const commandNames = Object.keys(dsData).filter((k) => /^[A-Z]\w*Command$/.test(k)).sort();
const operations = commandNames.map((name) => name.replace(/Command$/, ''));
const modelErrors = [...new Set(operations.flatMap((op) => model.operations[op]?.errors.map((e) => e.shape) ?? []))].sort();

/** Checks a schema against the model shape it stands for, members and nested shapes included. */
const assertSameShape = (schema: NormalizedSchema, name: string, path: string): void => {
  const s = shape(name);
  assert.equal(Boolean(schema.getMergedTraits().sensitive), Boolean(s.sensitive), `${path}: sensitive`);
  switch (s.type) {
    case 'string':
      assert.ok(schema.isStringSchema(), `${path}: string`);
      return;
    case 'integer':
    case 'long':
      assert.ok(schema.isNumericSchema(), `${path}: number`);
      return;
    case 'boolean':
      assert.ok(schema.isBooleanSchema(), `${path}: boolean`);
      return;
    case 'list':
      assert.ok(schema.isListSchema(), `${path}: list`);
      assertSameShape(schema.getValueSchema(), s.member?.shape ?? '', `${path}[]`);
      return;
    case 'map':
      assert.ok(schema.isMapSchema(), `${path}: map`);
      assertSameShape(schema.getValueSchema(), s.value?.shape ?? '', `${path}{}`);
      return;
    case 'structure': {
      assert.ok(s.union ? schema.isUnionSchema() : schema.isStructSchema(), `${path}: ${s.union ? 'union' : 'structure'}`);
      const members = schema.getMemberSchemas();
      assert.deepEqual(Object.keys(members).sort(), Object.keys(s.members ?? {}).sort(), `${path}: member names`);
      for (const [member, m] of Object.entries(s.members ?? {})) {
        const traits = members[member]?.getMergedTraits() ?? {};
        assert.equal(traits.httpQuery, m.location === 'querystring' ? m.locationName : undefined, `${path}.${member}: httpQuery`);
        assert.equal(traits.httpHeader, m.location === 'header' ? m.locationName : undefined, `${path}.${member}: httpHeader`);
        assert.equal(Boolean(traits.idempotencyToken), Boolean(m.idempotencyToken), `${path}.${member}: idempotencyToken`);
        assertSameShape(members[member] as NormalizedSchema, m.shape, `${path}.${member}`);
      }
      return;
    }
    default:
      assert.fail(`${path}: model type ${s.type} not handled`);
  }
};

/** Required members come first in a static structure schema; its 7th element counts them. */
const requiredOf = (schema: StaticStructureSchema | StaticErrorSchema): string[] =>
  schema[4].slice(0, schema[6] ?? 0).sort();

describe('src/aws/directory-service-data against ../shared/reference/ds-data-2023-05-31.json', () => {
  it('service metadata: signing name, serviceId, API version, restJson1', () => {
    assert.equal(SIGNING_NAME, model.metadata.signingName);
    assert.equal(SERVICE_ID, model.metadata.serviceId);
    assert.equal(API_VERSION, model.metadata.apiVersion);
    assert.equal(model.metadata.protocol, 'rest-json');
    const client = new dsData.DirectoryServiceDataClient();
    assert.equal(client.config.serviceId, model.metadata.serviceId, 'the serviceId the endpoint variable is derived from');
    client.destroy();
  });

  it('the commands are DescribeGroup and CreateGroup, each a smithy Command of a model operation', () => {
    assert.deepEqual(operations, ['CreateGroup', 'DescribeGroup']);
    for (const name of commandNames) {
      const Ctor = exported[name] as { prototype: object; name: string };
      assert.ok(Ctor.prototype instanceof Command, name);
      assert.equal(Ctor.name, name);
    }
  });

  for (const op of ['DescribeGroup', 'CreateGroup']) {
    it(`${op}: method, URI, success code, input and output members as the model says`, () => {
      const m = model.operations[op];
      assert.ok(m);
      const schema = exported[`${op}$`] as StaticOperationSchema;
      assert.deepEqual(schema[3], { http: [m.http.method, m.http.requestUri, m.http.responseCode] });
      const input = exported[`${m.input.shape}$`] as StaticStructureSchema;
      const output = exported[`${m.output.shape}$`] as StaticStructureSchema;
      assert.equal(input[2], m.input.shape);
      assert.equal(output[2], m.output.shape);
      assert.deepEqual(requiredOf(input), [...(shape(m.input.shape).required ?? [])].sort());
      assertSameShape(NormalizedSchema.of(input), m.input.shape, m.input.shape);
      assertSameShape(NormalizedSchema.of(output), m.output.shape, m.output.shape);
    });
  }

  it('the exception classes are exactly the error shapes of the operations used, with the model status, fault and members', () => {
    const classes = Object.keys(dsData)
      .filter((k) => /^[A-Z]\w*Exception$/.test(k) && k !== 'DirectoryServiceDataServiceException')
      .sort();
    assert.deepEqual(classes, modelErrors);
    for (const name of modelErrors) {
      const s = shape(name);
      const schema = exported[`${name}$`] as StaticErrorSchema;
      assert.deepEqual(schema[3], { error: s.fault ? 'server' : 'client', httpError: s.error?.httpStatusCode }, name);
      assert.deepEqual(requiredOf(schema), [...(s.required ?? [])].sort(), `${name} required`);
      const members = NormalizedSchema.of(schema).getMemberSchemas();
      assert.deepEqual(Object.keys(members).sort(), Object.keys(s.members ?? {}).sort(), `${name} members`);
      for (const [member, m] of Object.entries(s.members ?? {})) {
        const traits = members[member]?.getMergedTraits() ?? {};
        assert.equal(traits.httpHeader, m.location === 'header' ? m.locationName : undefined, `${name}.${member}`);
      }
      const Ctor = exported[name] as new (o: object) => dsData.DirectoryServiceDataServiceException;
      const e = new Ctor({ message: 'm', $metadata: {} });
      assert.ok(e instanceof dsData.DirectoryServiceDataServiceException, name);
      assert.equal(e.name, name);
      assert.equal(e.$fault, s.fault ? 'server' : 'client', name);
      assert.deepEqual(e.$retryable, s.retryable && { ...(s.retryable.throttling ? { throttling: true } : {}) }, name);
      for (const member of Object.keys(s.members ?? {})) assert.ok(member in e, `${name}.${member} is a field`);
    }
  });

  it('the enums have the model values', () => {
    const enums: Record<string, Record<string, string>> = {
      AccessDeniedReason: dsData.AccessDeniedReason,
      DirectoryUnavailableReason: dsData.DirectoryUnavailableReason,
      ValidationExceptionReason: dsData.ValidationExceptionReason,
      GroupScope: dsData.GroupScope,
      GroupType: dsData.GroupType,
    };
    for (const [name, values] of Object.entries(enums)) {
      assert.deepEqual(Object.values(values).sort(), [...(shape(name).enum ?? [])].sort(), name);
    }
    assert.equal(dsData.AccessDeniedReason.DATA_DISABLED, 'DATA_DISABLED');
  });
});
