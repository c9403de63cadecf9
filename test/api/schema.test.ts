/**
 * The API Gateway model (src/api/provisioning-request.schema.json) is generated from the domain validator's spec and
 * is current; evaluated by ajv (an independent JSON Schema implementation), it agrees with the domain validator:
 * every sample gets the same verdict, and the model never rejects a request the domain validator accepts (it may
 * accept more: the rules JSON Schema cannot express are the domain validator's, which the handler runs).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { REQUEST_MODEL_PATH, requestModelText } from '../../src/api/request-model.ts';
import { validateRequest } from '../../src/domain/validate.ts';
import { bodyViolations } from '../../src/handlers/api-create-provisioning.ts';
import { inputWithPassword, readJson, sampleInput } from '../fixtures.ts';

const modelFile = readJson<Record<string, unknown>>(REQUEST_MODEL_PATH);
// ajv speaks draft-07 and later; the model uses only keywords whose meaning is the same in draft-04.
const { $schema: _draft, ...model } = modelFile;
const validateModel = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(model);
const schemaAccepts = (body: unknown): boolean => validateModel(body);
const domainAccepts = (body: unknown): boolean => validateRequest(body).violations.length === 0;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

type Json = Record<string, unknown>;
const at = (obj: Json, path: string[]): Json => path.reduce((o, k) => o[k] as Json, obj);

/** Single-field mutations of a valid input: [description, mutate]. */
const MUTATIONS: [string, (b: Json) => void][] = [
  ['no Directory', (b) => delete b['Directory']],
  ['no Connector', (b) => delete b['Connector']],
  ['unknown top field', (b) => (b['Nope'] = 1)],
  ['Type unknown', (b) => (at(b, ['Directory'])['Type'] = 'SharedMicrosoftAD')],
  ['Name with underscore', (b) => (at(b, ['Directory'])['Name'] = 'corp_example')],
  ['Name single label', (b) => (at(b, ['Directory'])['Name'] = 'corp')],
  ['Name number', (b) => (at(b, ['Directory'])['Name'] = 42)],
  ['ShortName 16 chars', (b) => (at(b, ['Directory'])['ShortName'] = 'ABCDEFGHIJKLMNOP')],
  ['ShortName with dot first', (b) => (at(b, ['Directory'])['ShortName'] = '.CORP')],
  ['Description 129 chars', (b) => (at(b, ['Directory'])['Description'] = 'a'.repeat(129))],
  ['Description starting with space', (b) => (at(b, ['Directory'])['Description'] = ' x')],
  ['Size unknown', (b) => (at(b, ['Directory'])['Size'] = 'Huge')],
  ['Edition Hybrid', (b) => (at(b, ['Directory'])['Edition'] = 'Hybrid')],
  ['PasswordSecretId empty', (b) => (at(b, ['Directory'])['PasswordSecretId'] = '')],
  ['PasswordSecretId with spaces', (b) => (at(b, ['Directory'])['PasswordSecretId'] = 'my secret')],
  ['Password next to the reference', (b) => (at(b, ['Directory'])['Password'] = 'Str0ngP@ssw0rd')],
  ['SimpleAD without Size (cross-field)', (b) => { delete b['Connector']; at(b, ['Directory'])['Type'] = 'SimpleAD'; delete at(b, ['Directory'])['Edition']; }],
  ['SimpleAD with a Connector (cross-field)', (b) => { Object.assign(at(b, ['Directory']), { Type: 'SimpleAD', Size: 'Small' }); delete at(b, ['Directory'])['Edition']; }],
  ['VpcId short', (b) => (at(b, ['Directory', 'VpcSettings'])['VpcId'] = 'vpc-123')],
  ['one subnet', (b) => (at(b, ['Directory', 'VpcSettings'])['SubnetIds'] = ['subnet-0a1b2c3d'])],
  ['three subnets', (b) => (at(b, ['Directory', 'VpcSettings'])['SubnetIds'] = ['subnet-0a1b2c3d', 'subnet-0a1b2c3e', 'subnet-0a1b2c3f'])],
  ['duplicate subnets', (b) => (at(b, ['Directory', 'VpcSettings'])['SubnetIds'] = ['subnet-0a1b2c3d', 'subnet-0a1b2c3d'])],
  ['subnet upper-case hex', (b) => (at(b, ['Directory', 'VpcSettings'])['SubnetIds'] = ['subnet-0A1B2C3D', 'subnet-0a1b2c3e'])],
  ['VpcSettings extra field', (b) => (at(b, ['Directory', 'VpcSettings'])['Cidr'] = '10.0.0.0/16')],
  ['Tags not an array', (b) => (at(b, ['Directory'])['Tags'] = { team: 'pki' })],
  ['Tag without Value', (b) => (at(b, ['Directory'])['Tags'] = [{ Key: 'team' }])],
  ['Tag key empty', (b) => (at(b, ['Directory'])['Tags'] = [{ Key: '', Value: 'x' }])],
  ['Tag value with ! ', (b) => (at(b, ['Directory'])['Tags'] = [{ Key: 'a', Value: 'x!' }])],
  ['49 tags', (b) => (at(b, ['Directory'])['Tags'] = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })))],
  ['unicode tag', (b) => (at(b, ['Directory'])['Tags'] = [{ Key: 'équipe', Value: 'pki ü' }])],
  ['CA ARN not a uuid', (b) => (at(b, ['Connector'])['CertificateAuthorityArn'] = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/x')],
  ['CA ARN 11-digit account', (b) => (at(b, ['Connector'])['CertificateAuthorityArn'] = 'arn:aws:acm-pca:us-east-1:11112222333:certificate-authority/11111111-2222-3333-4444-555555555555')],
  ['IpAddressType IPV6', (b) => (at(b, ['Connector', 'VpcInformation'])['IpAddressType'] = 'IPV6')],
  ['no security groups', (b) => (at(b, ['Connector', 'VpcInformation'])['SecurityGroupIds'] = [])],
  ['five security groups', (b) => (at(b, ['Connector', 'VpcInformation'])['SecurityGroupIds'] = ['sg-11111111', 'sg-22222222', 'sg-33333333', 'sg-44444444', 'sg-55555555'])],
  ['security group malformed', (b) => (at(b, ['Connector', 'VpcInformation'])['SecurityGroupIds'] = ['sg-xyz'])],
  ['Connector Tags value number', (b) => (at(b, ['Connector'])['Tags'] = { team: 1 })],
  ['Connector Tags array', (b) => (at(b, ['Connector'])['Tags'] = [{ Key: 'team', Value: 'pki' }])],
  ['Connector extra DirectoryId', (b) => (at(b, ['Connector'])['DirectoryId'] = 'd-1234567890')],
  ['Options timeout too low', (b) => (b['Options'] = { DirectoryTimeoutMinutes: 5 })],
  ['Options timeout not integer', (b) => (b['Options'] = { ConnectorTimeoutMinutes: 7.5 })],
  ['Options timeout string', (b) => (b['Options'] = { ConnectorTimeoutMinutes: '30' })],
  ['Options timeouts valid', (b) => (b['Options'] = { DirectoryTimeoutMinutes: 90, ConnectorTimeoutMinutes: 60 })],
  ['Options unknown field', (b) => (b['Options'] = { Retries: 3 })],
  ['MicrosoftAD with Edition (valid)', (b) => {
    const d = at(b, ['Directory']);
    d['Type'] = 'MicrosoftAD';
    delete d['Size'];
    d['Edition'] = 'Standard';
  }],
];

describe('request schema <-> domain validator agreement', () => {
  it('the checked-in model is the one generated from the spec (npm run gen:schema), draft-04', () => {
    assert.equal(readFileSync(new URL(`../../${REQUEST_MODEL_PATH}`, import.meta.url), 'utf8'), requestModelText(), 'run npm run gen:schema');
    assert.equal(modelFile['$schema'], 'http://json-schema.org/draft-04/schema#');
  });

  it('every sample in events/ gets the same verdict from both (execution inputs and EventBridge details)', () => {
    // Prepare
    const files = readdirSync(new URL('../../events/', import.meta.url)).filter(
      (f) => f.startsWith('execution-input') || f.startsWith('invalid-') || f === 'provisioning-requested.json',
    );
    assert.ok(files.length >= 4, files.join(', '));
    for (const file of files) {
      const json = readJson<Json>(`events/${file}`);
      const body = file === 'provisioning-requested.json' ? json['detail'] : json;
      // Act
      const bySchema = schemaAccepts(body);
      const byDomain = domainAccepts(body);
      // Assess: the same, except the Simple AD + Connector sample (a cross-field rule, the domain validator's alone)
      if (file === 'invalid-simple-ad-connector.json') assert.deepEqual([bySchema, byDomain], [true, false], file);
      else assert.equal(bySchema, byDomain, `${file}: schema ${bySchema}, domain ${byDomain}`);
    }
  });

  it('the schema never rejects what the domain validator accepts; single-field rules are rejected by both', () => {
    for (const [what, mutate] of MUTATIONS) {
      // Prepare
      const body = clone(sampleInput()) as Json;
      mutate(body);
      // Act
      const bySchema = schemaAccepts(body);
      const byDomain = domainAccepts(body);
      // Assess
      if (!bySchema) assert.equal(byDomain, false, `${what}: schema rejects but domain accepts`);
      if (byDomain) assert.equal(bySchema, true, `${what}: domain accepts but schema rejects`);
    }
    // They agree exactly except on cross-field rules (Size required for SimpleAD, no Connector with SimpleAD), which
    // draft-04 cannot express without noisy oneOf branches: the domain validator's alone (the API handler runs both).
    const schemaOnlyLoose = MUTATIONS.filter(([, mutate]) => {
      const body = clone(sampleInput()) as Json;
      mutate(body);
      return schemaAccepts(body) && !domainAccepts(body);
    }).map(([what]) => what);
    assert.deepEqual(schemaOnlyLoose, ['SimpleAD without Size (cross-field)', 'SimpleAD with a Connector (cross-field)']);
  });

  it('an API body with Password instead of PasswordSecretId passes the schema and the handler\'s domain check', () => {
    // Prepare
    const body = inputWithPassword();
    // Act / Assess
    assert.equal(schemaAccepts(body), true);
    assert.deepEqual(bodyViolations(body), []);
  });
});
