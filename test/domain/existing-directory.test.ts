/** A directory named by DirectoryId: the request form, the preflight decisions and the teardown plan (pure). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProvisioningRequest } from '../../src/contract.ts';
import { preflightViolations } from '../../src/domain/preflight.ts';
import type { ExistingDirectoryFact, PreflightFacts } from '../../src/domain/preflight.ts';
import { BY_DIRECTORY_ID, identityOf } from '../../src/domain/provisioning-record.ts';
import { planTeardown } from '../../src/domain/teardown.ts';
import type { TeardownFacts } from '../../src/domain/teardown.ts';
import { validateRequest } from '../../src/domain/validate.ts';
import { SG_1, VPC, readEvent, sampleRequest } from '../fixtures.ts';

const ID = 'd-9067e1a2b3';
const OWN = { 'ad-cert-orchestrator:managed-by': 'ad-cert-orchestrator' };
const CONNECTOR = 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/aaaabbbb-cccc-dddd-eeee-ffff00001111';
const FOREIGN_CONNECTOR = 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/aaaabbbb-cccc-dddd-eeee-ffff00002222';
const REGISTRATION = `arn:aws:pca-connector-ad:us-east-1:111122223333:directory-registration/${ID}`;

const byId = (id = ID): ProvisioningRequest => ({ ...sampleRequest(), Directory: { DirectoryId: id } });
const paths = (input: unknown): string[] => validateRequest(input).violations.map((v) => `${v.path}: ${v.message}`);

describe('Directory by DirectoryId: the request', () => {
  it('the sample is valid, typed with the DirectoryId alone', () => {
    const outcome = validateRequest(readEvent('execution-input-existing-directory.json'));
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.request?.Directory, { DirectoryId: ID });
  });

  it('checks the DS model pattern, and refuses a password secret and the create form\'s fields, all at once', () => {
    assert.deepEqual(paths({ Directory: { DirectoryId: 'd-XYZ' } }), [
      'Directory.DirectoryId: must match d- followed by 10 hex digits (a Directory Service directory id) (got "d-XYZ")',
    ]);
    const out = paths({ Directory: { DirectoryId: ID, PasswordSecretId: 'ad-cert-orchestrator/x', Name: 'corp.example.com' } });
    assert.deepEqual(out, [
      'Directory.PasswordSecretId: unknown field: an existing directory (DirectoryId) keeps its own admin password, leave it out',
      'Directory.Name: unknown field (allowed: DirectoryId; give Name, VpcSettings and the rest without DirectoryId to create a directory)',
    ]);
  });

  it('identifies the directory by its id for the change lease and the provisioning record', () => {
    assert.deepEqual(identityOf(byId()), { VpcId: BY_DIRECTORY_ID, Name: ID });
    assert.deepEqual(identityOf(sampleRequest()), { VpcId: VPC, Name: 'corp.example.com' });
  });

  it('the create form\'s rules by Type do not apply to it (no Simple AD default)', () => {
    assert.deepEqual(paths({ ...sampleRequest(), Directory: { DirectoryId: ID } }), []);
  });
});

describe('Directory by DirectoryId: preflight', () => {
  const facts = (existing: ExistingDirectoryFact | undefined, over: Partial<PreflightFacts> = {}): PreflightFacts => ({
    subnets: [],
    securityGroups: [{ GroupId: SG_1, VpcId: VPC }],
    certificateAuthority: { found: true, status: 'ACTIVE' },
    secret: { found: true, secretString: undefined },
    ...(existing ? { existingDirectory: existing } : {}),
    ...over,
  });
  const active = (Type: string, VpcId = VPC): ExistingDirectoryFact => ({ found: true, Type, Stage: 'Active', VpcId });

  it('an Active Managed AD or AD Connector (groups by SID) passes; no secret, subnet or VPC of the request is checked', () => {
    assert.deepEqual(preflightViolations(byId(), facts(active('MicrosoftAD'))), []);
    const bySid = byId();
    const template = bySid.Connector?.Templates?.[0];
    assert.ok(template);
    template.AccessControlEntries = [{ GroupSecurityIdentifier: 'S-1-5-21-1-2-3-515', GroupDisplayName: 'Domain Computers', AccessRights: { Enroll: 'ALLOW' } }];
    assert.deepEqual(preflightViolations(bySid, facts(active('ADConnector'))), []);
  });

  it('not found, an unsupported type, not Active, a group by name on an AD Connector: each named', () => {
    const messages = (r: ProvisioningRequest, f: PreflightFacts): string[] => preflightViolations(r, f).map((v) => `${v.path}: ${v.message}`);
    assert.deepEqual(messages(byId(), facts({ found: false, reason: 'EntityDoesNotExistException' })), [
      `Directory.DirectoryId: directory ${ID} does not exist in this account and Region (EntityDoesNotExistException)`,
    ]);
    assert.deepEqual(messages(byId(), facts({ found: true, Type: 'SimpleAD', Stage: 'Creating', VpcId: VPC })), [
      `Directory.DirectoryId: directory ${ID} is of type SimpleAD (DIRECTORY_TYPE_NOT_SUPPORTED): this tool uses an existing AWS Managed Microsoft AD or AD Connector only`,
      `Directory.DirectoryId: directory ${ID} is Creating; it must be Active`,
    ]);
    assert.deepEqual(messages(byId(), facts(active('ADConnector'))), [
      `Connector.Templates[0].AccessControlEntries[0].GroupName: needs Directory Service Data, which serves AWS Managed Microsoft AD only (directory ${ID} is ADConnector): name the group by GroupSecurityIdentifier instead`,
    ]);
  });

  it("the connector's security groups must be in the existing directory's VPC", () => {
    const out = preflightViolations(byId(), facts(active('MicrosoftAD', 'vpc-0f9e8d7c6b5a40321')));
    assert.deepEqual(out.map((v) => v.path), ['Connector.VpcInformation.SecurityGroupIds[0]']);
    assert.match(out[0]?.message ?? '', /not in the directory's VPC vpc-0f9e8d7c6b5a40321/);
  });
});

describe('Directory by DirectoryId: the teardown plan', () => {
  const facts = (over: Partial<TeardownFacts> = {}): TeardownFacts => ({
    request: byId(),
    force: false,
    directories: [{ DirectoryId: ID, Tags: {} }],
    connectors: [{ Arn: CONNECTOR, DirectoryId: ID, Tags: OWN }],
    registrations: [{ Arn: REGISTRATION, DirectoryId: ID, Tags: OWN }],
    connectorParts: [{ ConnectorArn: CONNECTOR, Templates: [], SpnRegistrations: [REGISTRATION] }],
    secret: undefined,
    now: new Date('2026-12-07T00:00:00.000Z'),
    connectorTimeoutSeconds: 60,
    directoryTimeoutSeconds: 120,
    ...over,
  });

  it('keeps the directory, even owned and with Force; deletes its own connector and registration; no password secret', () => {
    for (const [force, tags] of [[false, {}], [true, OWN]] as const) {
      const plan = planTeardown(facts({ force, directories: [{ DirectoryId: ID, Tags: tags }] }));
      assert.deepEqual(plan.Directories, []);
      assert.deepEqual(plan.Connectors, [CONNECTOR]);
      assert.deepEqual(plan.Registrations, [REGISTRATION]);
      assert.equal(plan.PasswordSecret, null);
      assert.deepEqual(plan.Kept.map((k) => [k.Resource, k.Id]), [['directory', ID]]);
      assert.match(plan.Kept[0]?.Reason ?? '', /named by DirectoryId/);
      assert.deepEqual(plan.AlreadyGone, []);
    }
  });

  it('keeps a registration it did not create, and its own while a connector it does not own uses the directory', () => {
    const foreign = planTeardown(facts({ registrations: [{ Arn: REGISTRATION, DirectoryId: ID, Tags: {} }], connectorParts: [] }));
    assert.deepEqual(foreign.Registrations, []);
    assert.deepEqual(foreign.Kept.map((k) => k.Resource), ['directory', 'directory-registration']);

    const shared = planTeardown(facts({
      connectors: [{ Arn: CONNECTOR, DirectoryId: ID, Tags: OWN }, { Arn: FOREIGN_CONNECTOR, DirectoryId: ID, Tags: {} }],
      connectorParts: [],
    }));
    assert.deepEqual(shared.Connectors, [CONNECTOR]);
    assert.deepEqual(shared.Registrations, []);
    const kept = shared.Kept.find((k) => k.Resource === 'directory-registration');
    assert.match(kept?.Reason ?? '', new RegExp(`connector ${FOREIGN_CONNECTOR}, which is kept, uses it`));
  });

  it('a directory already gone is reported by its id', () => {
    const plan = planTeardown(facts({ directories: [], connectors: [], registrations: [], connectorParts: [] }));
    assert.deepEqual(plan.AlreadyGone.filter((g) => g.Resource === 'directory'), [{ Resource: 'directory', Id: ID }]);
  });
});
