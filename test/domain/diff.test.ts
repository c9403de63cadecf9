import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { DirectoryRequest, PlanEntry, ProvisioningRequest, TemplateRequest } from '../../src/contract.ts';
import { MANAGED_BY_TAG_KEY, MANAGED_BY_TAG_VALUE, isExistingDirectory } from '../../src/contract.ts';
import { NOTHING_EXISTS, conflictsOf, diff, diffTemplates, planWarnings, templatesBySid, writesOf } from '../../src/domain/diff.ts';
import type { ExistingResources, ExistingTemplate } from '../../src/domain/diff.ts';
import { DEFAULT_EDITION, DEFAULT_SIZE } from '../../src/domain/find-or-create.ts';
import { groupKey, groupsToResolve } from '../../src/domain/groups.ts';
import { validateRequest } from '../../src/domain/validate.ts';
import { readEvent, sampleRequest } from '../fixtures.ts';

const SEED = 20260722;
const RUNS = 150;

const DIRECTORY_ID = 'd-0123456789';
const CONNECTOR = 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const REGISTRATION = `arn:aws:pca-connector-ad:us-east-1:111122223333:directory-registration/${DIRECTORY_ID}`;
const SHARE = 'arn:aws:ram:us-east-1:111122223333:resource-share/11111111-0000-0000-0000-000000000000';
const OWNED = { [MANAGED_BY_TAG_KEY]: MANAGED_BY_TAG_VALUE };
/** The SID the directory gives a group named in a request (a made-up RID per name). */
const sidOfName = (name: string): string => `S-1-5-21-9-9-9-${1000 + [...groupKey(name)].reduce((n, ch) => n + ch.charCodeAt(0), 0)}`;
const templateArn = (i: number): string => `${CONNECTOR}/template/${String(i).padStart(8, '0')}-0000-0000-0000-000000000000`;

/** The create form of `r`'s Directory (the generated requests all have it). */
const createForm = (r: ProvisioningRequest): DirectoryRequest => (isExistingDirectory(r.Directory) ? assert.fail('a request by DirectoryId') : r.Directory);

/** What exists once `r` was applied by this tool: the diff of `r` against it is all keep. */
const existingFor = (r: ProvisioningRequest): ExistingResources => {
  const d = createForm(r);
  const type = d.Type ?? 'SimpleAD';
  const c = r.Connector;
  const userTags = Object.fromEntries((d.Tags ?? []).map((t) => [t.Key, t.Value]));
  const named = groupsToResolve(c?.Templates ?? []);
  const groups = new Map(named.map((g) => [groupKey(g.GroupName), sidOfName(g.GroupName)]));
  return {
    ...(named.length > 0 ? { dataAccess: 'Enabled', groups } : {}),
    ...(c ? { share: { kind: 'adopt' as const, resourceShareArn: SHARE } } : {}),
    directories: [{
      DirectoryId: DIRECTORY_ID,
      Name: d.Name,
      ShortName: d.ShortName ?? d.Name.split('.')[0]?.toUpperCase(),
      Type: type,
      ...(type === 'SimpleAD' ? { Size: d.Size ?? DEFAULT_SIZE } : { Edition: d.Edition ?? DEFAULT_EDITION }),
      Stage: 'Active',
      Description: d.Description,
      VpcSettings: { VpcId: d.VpcSettings.VpcId, SubnetIds: [...d.VpcSettings.SubnetIds].reverse() },
      Tags: { ...userTags, ...OWNED },
    }],
    registrations: c ? [{ Arn: REGISTRATION, DirectoryId: DIRECTORY_ID, Status: 'ACTIVE', Tags: { ...c.Tags, ...OWNED } }] : [],
    connectors: c
      ? [{
          Arn: CONNECTOR,
          DirectoryId: DIRECTORY_ID,
          CertificateAuthorityArn: c.CertificateAuthorityArn,
          Status: 'ACTIVE',
          VpcInformation: { SecurityGroupIds: [...c.VpcInformation.SecurityGroupIds], IpAddressType: c.VpcInformation.IpAddressType ?? 'IPV4' },
          Tags: { ...c.Tags, ...OWNED },
        }]
      : [],
    ...(c ? { servicePrincipalName: { Status: 'ACTIVE' } } : {}),
    templates: templatesBySid(c?.Templates ?? [], groups).map((t, i) => ({
      Arn: templateArn(i),
      Name: t.Name,
      Status: 'ACTIVE',
      // The service fills in fields the request leaves out: never a difference.
      Definition: { ...structuredClone(t.Definition), FilledInByTheService: true },
      Tags: { ...c?.Tags, ...OWNED },
      Entries: (t.AccessControlEntries ?? []).map((a) => structuredClone(a)),
    })),
  };
};

const actions = (plan: readonly PlanEntry[]): string[] => plan.map((e) => `${e.resource}:${e.action}`);
const only = (plan: readonly PlanEntry[], action: string): boolean => plan.every((e) => e.action === action);

/* ---------------- generated requests around the sample ---------------- */

const sid = fc.integer({ min: 500, max: 600 }).map((rid) => `S-1-5-21-1004336348-1177238915-682003330-${rid}`);
const entryArb = fc.record({
  GroupDisplayName: fc.constantFrom('Domain Computers', 'Web Servers', 'PKI Admins'),
  GroupSecurityIdentifier: sid,
  AccessRights: fc.record({ Enroll: fc.constantFrom<'ALLOW' | 'DENY'>('ALLOW', 'DENY'), AutoEnroll: fc.constantFrom<'ALLOW' | 'DENY'>('ALLOW', 'DENY') }, { requiredKeys: [] }),
});
const baseTemplate = (): TemplateRequest => {
  const [t] = sampleRequest().Connector.Templates ?? [];
  assert.ok(t);
  return t;
};
const templateArb = fc
  .record({
    name: fc.constantFrom('ComputerAutoEnroll', 'WebServer', 'UserSmartCard', 'Wifi'),
    years: fc.integer({ min: 1, max: 5 }),
    keyLength: fc.constantFrom(2048, 3072, 4096),
    entries: fc.uniqueArray(entryArb, { maxLength: 3, selector: (e) => e.GroupSecurityIdentifier }),
  })
  .map(({ name, years, keyLength, entries }): TemplateRequest => {
    const t = baseTemplate();
    const v2 = (t.Definition as { TemplateV2: { CertificateValidity: { ValidityPeriod: { Period: number } }; PrivateKeyAttributes: { MinimalKeyLength: number } } }).TemplateV2;
    v2.CertificateValidity.ValidityPeriod.Period = years;
    v2.PrivateKeyAttributes.MinimalKeyLength = keyLength;
    return { Name: name, Definition: t.Definition, AccessControlEntries: entries };
  });
const tagArb = fc.dictionary(fc.constantFrom('team', 'cost-center', 'env'), fc.constantFrom('pki', '4711', 'prod'), { maxKeys: 3 });

const requestArb = fc
  .record({
    microsoft: fc.boolean(),
    edition: fc.option(fc.constantFrom<'Standard' | 'Enterprise'>('Standard', 'Enterprise'), { nil: undefined }),
    size: fc.constantFrom<'Small' | 'Large'>('Small', 'Large'),
    shortName: fc.option(fc.constantFrom('CORP', 'PKI'), { nil: undefined }),
    description: fc.option(fc.constantFrom('Directory for certificate auto-enrollment', 'PKI'), { nil: undefined }),
    directoryTags: tagArb,
    connectorTags: tagArb,
    ipType: fc.option(fc.constantFrom<'IPV4' | 'DUALSTACK'>('IPV4', 'DUALSTACK'), { nil: undefined }),
    templates: fc.uniqueArray(templateArb, { maxLength: 3, selector: (t) => t.Name }),
    prune: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map((g): ProvisioningRequest => {
    const s = sampleRequest();
    const directory = {
      ...s.Directory,
      Type: g.microsoft ? ('MicrosoftAD' as const) : ('SimpleAD' as const),
      Tags: Object.entries(g.directoryTags).map(([Key, Value]) => ({ Key, Value })),
    };
    delete directory.Edition;
    delete directory.ShortName;
    delete directory.Description;
    if (g.microsoft && g.edition) directory.Edition = g.edition;
    if (!g.microsoft) directory.Size = g.size;
    if (g.shortName) directory.ShortName = g.shortName;
    if (g.description) directory.Description = g.description;
    if (!g.microsoft) return { Directory: directory };
    const vpc = { SecurityGroupIds: s.Connector.VpcInformation.SecurityGroupIds, ...(g.ipType ? { IpAddressType: g.ipType } : {}) };
    return {
      Directory: directory,
      Connector: {
        CertificateAuthorityArn: s.Connector.CertificateAuthorityArn,
        VpcInformation: vpc,
        Tags: g.connectorTags,
        Templates: g.templates,
        ...(g.prune !== undefined ? { PruneTemplates: g.prune } : {}),
      },
    };
  });

const property = <T>(arb: fc.Arbitrary<T>, check: (value: T) => void): void =>
  fc.assert(fc.property(arb, check), { seed: SEED, numRuns: RUNS });

describe('the diff', () => {
  it('generated requests are valid requests (the properties below are about what the workflow accepts)', () => {
    property(requestArb, (r) => assert.deepEqual(validateRequest(r).violations, []));
  });

  it('against what the same request created: every resource is keep', () => {
    property(requestArb, (r) => {
      const plan = diff(r, existingFor(r));
      assert.ok(only(plan, 'keep'), actions(plan).join(', '));
      assert.deepEqual(writesOf(plan), []);
    });
  });

  it('against nothing: every resource is create, in the order the workflow applies them', () => {
    property(requestArb, (r) => {
      const plan = diff(r, NOTHING_EXISTS);
      assert.ok(only(plan, 'create'), actions(plan).join(', '));
      const entries = (r.Connector?.Templates ?? []).reduce((n, t) => n + (t.AccessControlEntries?.length ?? 0), 0);
      assert.equal(plan.length, r.Connector ? 5 + (r.Connector.Templates?.length ?? 0) + entries : 1);
      const order = ['ca-share', 'directory', 'directory-registration', 'connector', 'service-principal-name', 'template', 'access-entry'];
      const kinds = plan.map((e) => e.resource).filter((k) => k !== 'access-entry');
      assert.deepEqual(kinds, [...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    });
  });

  /** One change to what exists, and what the plan must say about it. */
  interface Mutation {
    name: string;
    applies: (r: ProvisioningRequest) => boolean;
    change: (e: ExistingResources, r: ProvisioningRequest) => void;
    expect: { resource: PlanEntry['resource']; action: PlanEntry['action']; field: RegExp };
  }
  const dir = (e: ExistingResources) => {
    const d = e.directories[0];
    assert.ok(d);
    return d;
  };
  const MUTATIONS: Mutation[] = [
    { name: 'Edition', applies: (r) => createForm(r).Type === 'MicrosoftAD', change: (e, r) => { dir(e).Edition = (createForm(r).Edition ?? DEFAULT_EDITION) === 'Standard' ? 'Enterprise' : 'Standard'; }, expect: { resource: 'directory', action: 'conflict', field: /^Directory\.Edition$/ } },
    { name: 'Size', applies: (r) => createForm(r).Type === 'SimpleAD', change: (e, r) => { dir(e).Size = (createForm(r).Size ?? DEFAULT_SIZE) === 'Small' ? 'Large' : 'Small'; }, expect: { resource: 'directory', action: 'conflict', field: /^Directory\.Size$/ } },
    { name: 'Type', applies: () => true, change: (e) => { dir(e).Type = dir(e).Type === 'SimpleAD' ? 'MicrosoftAD' : 'SimpleAD'; }, expect: { resource: 'directory', action: 'conflict', field: /^Directory\.Type$/ } },
    { name: 'ShortName', applies: (r) => createForm(r).ShortName !== undefined, change: (e) => { dir(e).ShortName = 'OTHER'; }, expect: { resource: 'directory', action: 'conflict', field: /^Directory\.ShortName$/ } },
    { name: 'subnets', applies: () => true, change: (e) => { dir(e).VpcSettings = { VpcId: dir(e).VpcSettings?.VpcId, SubnetIds: ['subnet-0a1b2c3d4e5f6c009', 'subnet-0a1b2c3d4e5f6a001'] }; }, expect: { resource: 'directory', action: 'conflict', field: /^Directory\.VpcSettings\.SubnetIds$/ } },
    { name: 'Description', applies: (r) => Boolean(createForm(r).Description), change: (e) => { dir(e).Description = 'changed by hand'; }, expect: { resource: 'directory', action: 'warning', field: /^Directory\.Description$/ } },
    { name: 'a directory tag', applies: (r) => (createForm(r).Tags ?? []).length > 0, change: (e, r) => { dir(e).Tags[createForm(r).Tags?.[0]?.Key ?? ''] = 'changed'; }, expect: { resource: 'directory', action: 'update', field: /^Directory\.Tags\[0\]$/ } },
    { name: 'the CA', applies: (r) => r.Connector !== undefined, change: (e) => { (e.connectors[0] ?? assert.fail()).CertificateAuthorityArn = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/66666666-7777-8888-9999-000000000000'; }, expect: { resource: 'connector', action: 'conflict', field: /^Connector\.CertificateAuthorityArn$/ } },
    { name: 'security groups', applies: (r) => r.Connector !== undefined, change: (e) => { (e.connectors[0] ?? assert.fail()).VpcInformation = { SecurityGroupIds: ['sg-0a1b2c3d4e5f6a109'], IpAddressType: e.connectors[0]?.VpcInformation?.IpAddressType }; }, expect: { resource: 'connector', action: 'conflict', field: /^Connector\.VpcInformation\.SecurityGroupIds$/ } },
    { name: 'IP address type', applies: (r) => r.Connector?.VpcInformation.IpAddressType !== undefined, change: (e, r) => { (e.connectors[0] ?? assert.fail()).VpcInformation = { SecurityGroupIds: r.Connector?.VpcInformation.SecurityGroupIds, IpAddressType: r.Connector?.VpcInformation.IpAddressType === 'IPV4' ? 'DUALSTACK' : 'IPV4' }; }, expect: { resource: 'connector', action: 'conflict', field: /^Connector\.VpcInformation\.IpAddressType$/ } },
    { name: 'a connector tag', applies: (r) => Object.keys(r.Connector?.Tags ?? {}).length > 0, change: (e, r) => { const c = e.connectors[0] ?? assert.fail(); c.Tags[Object.keys(r.Connector?.Tags ?? {})[0] ?? ''] = 'changed'; }, expect: { resource: 'connector', action: 'update', field: /^Connector\.Tags(\.|\[)/ } },
    { name: 'a template\'s validity', applies: (r) => (r.Connector?.Templates ?? []).length > 0, change: (e) => { ((e.templates[0]?.Definition as { TemplateV2: { CertificateValidity: { ValidityPeriod: { Period: number } } } }).TemplateV2.CertificateValidity.ValidityPeriod.Period += 10); }, expect: { resource: 'template', action: 'update', field: /^Connector\.Templates\[0\]\.Definition\.TemplateV2\.CertificateValidity\.ValidityPeriod\.Period$/ } },
    { name: 'a foreign template\'s definition', applies: (r) => (r.Connector?.Templates ?? []).length > 0, change: (e) => { const t = e.templates[0] ?? assert.fail(); t.Tags = {}; (t.Definition as { TemplateV2: { PrivateKeyAttributes: { MinimalKeyLength: number } } }).TemplateV2.PrivateKeyAttributes.MinimalKeyLength = 1024; }, expect: { resource: 'template', action: 'conflict', field: /MinimalKeyLength$/ } },
    { name: 'an entry\'s rights', applies: (r) => (r.Connector?.Templates?.[0]?.AccessControlEntries?.[0]?.AccessRights.Enroll) !== undefined, change: (e) => { const a = e.templates[0]?.Entries[0] ?? assert.fail(); a.AccessRights = { ...a.AccessRights, Enroll: a.AccessRights?.Enroll === 'ALLOW' ? 'DENY' : 'ALLOW' }; }, expect: { resource: 'access-entry', action: 'update', field: /^Connector\.Templates\[0\]\.AccessControlEntries\[0\]\.AccessRights\.Enroll$/ } },
    { name: 'an entry\'s display name', applies: (r) => (r.Connector?.Templates?.[0]?.AccessControlEntries ?? []).length > 0, change: (e) => { (e.templates[0]?.Entries[0] ?? assert.fail()).GroupDisplayName = 'Renamed by hand'; }, expect: { resource: 'access-entry', action: 'update', field: /^Connector\.Templates\[0\]\.AccessControlEntries\[0\]\.GroupDisplayName$/ } },
  ];

  it('one changed field yields exactly its action, on its resource, naming that field; the rest stays keep', () => {
    property(fc.tuple(requestArb, fc.constantFrom(...MUTATIONS)), ([r, m]) => {
      fc.pre(m.applies(r));
      const existing = existingFor(r);
      m.change(existing, r);
      const plan = diff(r, existing);
      const changed = plan.filter((e) => e.action !== 'keep');
      const hit = changed.find((e) => e.resource === m.expect.resource);
      assert.ok(hit, `${m.name}: ${actions(plan).join(', ')}`);
      assert.equal(hit.action, m.expect.action, m.name);
      assert.equal(hit.fields.length, 1, `${m.name}: ${JSON.stringify(hit.fields)}`);
      assert.match(hit.fields[0]?.field ?? '', m.expect.field);
      if (hit.action === 'conflict' || hit.action === 'warning') assert.ok(hit.remedy, 'a conflict or warning says what to do');
      // Beneath a conflicting directory or connector the plan goes on comparing: one change, one line.
      assert.deepEqual(changed, [hit], m.name);
    });
  });

  it('conflicts never come with writes: a plan with one applies nothing, and only fields AWS replaces for are conflicts', () => {
    const IMMUTABLE = /^(Directory\.(Name|ShortName|Type|Edition|Size|VpcSettings\.(VpcId|SubnetIds))|Connector\.(CertificateAuthorityArn|VpcInformation\.(SecurityGroupIds|IpAddressType))|Connector\.Templates\[\d+\]\.(Definition|AccessControlEntries)\b.*)$/;
    property(fc.tuple(requestArb, fc.subarray(MUTATIONS, { minLength: 1 })), ([r, ms]) => {
      const existing = existingFor(r);
      for (const m of ms) if (m.applies(r)) m.change(existing, r);
      const plan = diff(r, existing);
      if (conflictsOf(plan).length > 0) assert.deepEqual(writesOf(plan), []);
      for (const e of conflictsOf(plan)) for (const f of e.fields) assert.match(f.field, IMMUTABLE);
      for (const e of plan.filter((x) => x.action === 'update')) {
        for (const f of e.fields) assert.doesNotMatch(f.field, /^(Directory\.(Name|ShortName|Type|Edition|Size|VpcSettings)|Connector\.(CertificateAuthorityArn|VpcInformation))/);
      }
    });
  });

  it('this tool\'s templates and entries the request no longer lists: delete with PruneTemplates, else orphaned (and warned); others\' are never listed', () => {
    const r = sampleRequest();
    const existing = existingFor(r);
    const leftover: ExistingTemplate = {
      Arn: templateArn(9), Name: 'Retired', Status: 'ACTIVE', Definition: {}, Tags: { ...OWNED },
      Entries: [{ GroupSecurityIdentifier: 'S-1-5-21-1-2-3-1100', GroupDisplayName: 'Old', AccessRights: { Enroll: 'ALLOW' } }],
    };
    const foreign: ExistingTemplate = { ...leftover, Arn: templateArn(8), Name: 'SomeoneElses', Tags: {} };
    existing.templates.push(leftover, foreign);
    (existing.templates[0] ?? assert.fail()).Entries.push({ GroupSecurityIdentifier: 'S-1-5-21-1-2-3-1200', GroupDisplayName: 'Extra', AccessRights: { Enroll: 'ALLOW' } });

    const kept = diff(r, existing).filter((e) => e.action !== 'keep');
    assert.deepEqual(kept.map((e) => `${e.resource} ${e.id} ${e.action}`), [
      'access-entry ComputerAutoEnroll/S-1-5-21-1-2-3-1200 orphaned',
      'template Retired orphaned',
      'access-entry Retired/S-1-5-21-1-2-3-1100 orphaned',
    ]);
    assert.equal(planWarnings(kept).length, 3);
    assert.match(planWarnings(kept)[1] ?? '', /^orphaned: template Retired: No longer requested: kept, as Connector\.PruneTemplates is not true/);

    const pruned = diff({ ...r, Connector: { ...r.Connector, PruneTemplates: true } }, existing).filter((e) => e.action !== 'keep');
    assert.deepEqual(pruned.map((e) => e.action), ['delete', 'delete', 'delete']);
    assert.deepEqual(planWarnings(pruned), []);
    assert.ok(!pruned.some((e) => e.id.startsWith('SomeoneElses')), 'a template this tool did not create is never deleted');
  });

  it('a template being deleted is as good as gone: created again; a foreign one that matches is kept, and gets entries', () => {
    const r = sampleRequest();
    const existing = existingFor(r);
    (existing.templates[0] ?? assert.fail()).Status = 'DELETING';
    assert.deepEqual(actions(diff(r, existing)).slice(-2), ['template:create', 'access-entry:create']);
    const foreign = existingFor(r);
    const t = foreign.templates[0] ?? assert.fail();
    t.Tags = {};
    t.Entries = [];
    assert.deepEqual(actions(diff(r, foreign)).slice(-2), ['template:update', 'access-entry:create'], 'only its missing connector tags');
  });

  it('the templates step gets the existing ARN, the request and the tags to add with every change', () => {
    const r = sampleRequest();
    const existing = existingFor(r);
    const t = existing.templates[0] ?? assert.fail();
    t.Tags = { ...OWNED };
    (t.Definition as { TemplateV2: { CertificateValidity: { ValidityPeriod: { Period: number } } } }).TemplateV2.CertificateValidity.ValidityPeriod.Period = 2;
    const [change] = diffTemplates(templatesBySid(r.Connector.Templates ?? [], existing.groups), r.Connector, existing.templates);
    assert.equal(change?.action, 'update');
    assert.equal(change?.arn, t.Arn);
    assert.equal(change?.request?.Name, 'ComputerAutoEnroll');
    assert.deepEqual(change?.tags, { team: 'pki' });
    assert.deepEqual(change?.definitionFields.map((f) => [f.field, f.requested, f.existing]), [['Connector.Templates[0].Definition.TemplateV2.CertificateValidity.ValidityPeriod.Period', '1', '2']]);
  });

  it('an existing directory with the Name in another VPC, or being deleted, is not this request\'s', () => {
    const r = sampleRequest();
    const elsewhere = existingFor(r);
    const d = dir(elsewhere);
    d.VpcSettings = { VpcId: 'vpc-0f9e8d7c6b5a40321', SubnetIds: d.VpcSettings?.SubnetIds };
    assert.equal(diff(r, elsewhere)[1]?.action, 'create');
    const leaving = existingFor(r);
    dir(leaving).Stage = 'Deleting';
    assert.equal(diff(r, leaving)[1]?.action, 'create');
  });

  it('a group named by GroupName: Directory Data access and the group are kept when on and found, its entry compared by the resolved SID', () => {
    const r = sampleRequest();
    const existing = existingFor(r);
    const [group] = groupsToResolve(r.Connector.Templates ?? []);
    assert.ok(group, 'the sample names a group by GroupName');
    const sid = sidOfName(group.GroupName);
    const plan = diff(r, existing);
    assert.deepEqual(plan.filter((e) => e.resource === 'directory-data-access' || e.resource === 'group').map((e) => `${e.resource}:${e.action}:${e.id}`), [
      `directory-data-access:keep:${DIRECTORY_ID}`,
      `group:keep:${sid}`,
    ]);
    assert.ok(plan.some((e) => e.resource === 'access-entry' && e.id === `ComputerAutoEnroll/${sid}` && e.action === 'keep'), JSON.stringify(plan));
    // The same group under another SID (the name now resolves elsewhere): the old entry is this tool's, unlisted; the new one is created.
    const moved = existingFor(r);
    moved.groups = new Map([[groupKey(group.GroupName), 'S-1-5-21-9-9-9-4242']]);
    const entries = diff(r, moved).filter((e) => e.resource === 'access-entry').map((e) => `${e.action}:${e.id}`);
    assert.deepEqual(entries, ['create:ComputerAutoEnroll/S-1-5-21-9-9-9-4242', `orphaned:ComputerAutoEnroll/${sid}`]);
  });

  it('a group named by GroupName: data access off is create, a missing group is create with CreateGroup and a conflict without', () => {
    const r = sampleRequest();
    const off = existingFor(r);
    off.dataAccess = 'Disabled';
    off.groups = undefined;
    const plan = diff(r, off);
    assert.deepEqual(plan.filter((e) => e.resource === 'directory-data-access' || e.resource === 'group').map((e) => `${e.resource}:${e.action}`), ['directory-data-access:create', 'group:keep']);
    const missing = existingFor(r);
    missing.groups = new Map();
    const refused = diff(r, missing).find((e) => e.resource === 'group');
    assert.equal(refused?.action, 'conflict');
    assert.match(refused?.fields[0]?.field ?? '', /^Connector\.Templates\[0\]\.AccessControlEntries\[0\]\.GroupName$/);
    const entry = r.Connector.Templates?.[0]?.AccessControlEntries?.[0] ?? assert.fail();
    entry.CreateGroup = true;
    assert.deepEqual(diff(r, missing).filter((e) => e.resource === 'group').map((e) => e.action), ['create']);
    assert.deepEqual(diff(r, NOTHING_EXISTS).filter((e) => e.resource === 'directory-data-access' || e.resource === 'group').map((e) => e.action), ['create', 'create']);
  });

  describe('the two Directory forms', () => {
    const byId = (): ProvisioningRequest => ({ ...sampleRequest(), Directory: { DirectoryId: DIRECTORY_ID } });
    /** What the sample request leaves once applied, on a directory this tool does not own, named otherwise. */
    const foreignDirectory = (): ExistingResources => {
      const e = existingFor(sampleRequest());
      const d = e.directories[0] ?? assert.fail();
      return { ...e, directories: [{ ...d, Name: 'existing.example.com', Type: 'MicrosoftAD', Edition: 'Standard', Tags: {} }] };
    };

    it('a directory named by DirectoryId is keep with its reason, found by id whatever its Name, Type, Edition or tags', () => {
      const plan = diff(byId(), foreignDirectory());
      assert.deepEqual(plan.filter((e) => e.resource === 'directory'), [{ resource: 'directory', id: DIRECTORY_ID, action: 'keep', fields: [], reason: 'named by DirectoryId' }]);
      assert.deepEqual(conflictsOf(plan), []);
      assert.deepEqual(writesOf(plan), []);
    });

    it('by DirectoryId, never create, delete or conflict for the directory: not listed (gone meanwhile) is still keep, and the connector side is planned on its id', () => {
      const plan = diff(byId(), { ...NOTHING_EXISTS, share: { kind: 'adopt', resourceShareArn: SHARE } });
      assert.deepEqual(plan.filter((e) => e.resource === 'directory').map((e) => [e.id, e.action, e.reason]), [[DIRECTORY_ID, 'keep', 'named by DirectoryId']]);
      assert.deepEqual(plan.filter((e) => e.resource === 'directory-registration').map((e) => [e.id, e.action]), [[DIRECTORY_ID, 'create']]);
      const other = foreignDirectory();
      other.directories = [{ ...(other.directories[0] ?? assert.fail()), DirectoryId: 'd-9999999999' }];
      assert.deepEqual(diff(byId(), other).filter((e) => e.resource === 'directory').map((e) => e.action), ['keep']);
    });

    it('the same directory differing in Type: keep by DirectoryId, a conflict for the create form', () => {
      const e = existingFor(sampleRequest());
      const d = e.directories[0] ?? assert.fail();
      e.directories = [{ ...d, Type: d.Type === 'SimpleAD' ? 'MicrosoftAD' : 'SimpleAD' }];
      assert.deepEqual(diff(sampleRequest(), e).filter((x) => x.resource === 'directory').map((x) => [x.action, x.fields.map((f) => f.field)]), [['conflict', ['Directory.Type']]]);
      assert.deepEqual(diff(byId(), e).filter((x) => x.resource === 'directory').map((x) => x.action), ['keep']);
    });

    describe('an AD Connector create form compares what ConnectDirectory takes', () => {
      const connectorRequest = (): ProvisioningRequest => readEvent('execution-input-ad-connector.json');
      const existingConnector = (r: ProvisioningRequest): ExistingResources => {
        const d = createForm(r);
        const connect = d.ConnectSettings ?? assert.fail();
        return {
          ...NOTHING_EXISTS,
          directories: [{
            DirectoryId: DIRECTORY_ID,
            Name: d.Name,
            ShortName: d.ShortName,
            Type: 'ADConnector',
            Size: d.Size ?? DEFAULT_SIZE,
            Stage: 'Active',
            Description: d.Description,
            DnsIpAddrs: [...connect.CustomerDnsIps].reverse(),
            ConnectSettings: { VpcId: d.VpcSettings.VpcId, SubnetIds: [...d.VpcSettings.SubnetIds], CustomerUserName: connect.CustomerUserName.toUpperCase() },
            Tags: { ...Object.fromEntries((d.Tags ?? []).map((t) => [t.Key, t.Value])), ...OWNED },
          }],
        };
      };
      const directoryPlan = (r: ProvisioningRequest, e: ExistingResources) => diff(r, e).filter((x) => x.resource === 'directory');

      it('the same connection (DNS addresses in any order, the user name in any case) is keep', () => {
        const r = connectorRequest();
        assert.deepEqual(directoryPlan(r, existingConnector(r)).map((e) => e.action), ['keep']);
      });

      const cases: { name: string; change: (d: ExistingResources['directories'][number]) => void; field: string }[] = [
        { name: 'the DNS addresses', change: (d) => { d.DnsIpAddrs = ['192.0.2.99']; }, field: 'Directory.ConnectSettings.CustomerDnsIps' },
        { name: 'the user name', change: (d) => { d.ConnectSettings = { ...d.ConnectSettings, CustomerUserName: 'someone-else' }; }, field: 'Directory.ConnectSettings.CustomerUserName' },
        { name: 'the Size', change: (d) => { d.Size = 'Large'; }, field: 'Directory.Size' },
        { name: 'the ShortName', change: (d) => { d.ShortName = 'OTHER'; }, field: 'Directory.ShortName' },
        { name: 'the subnets', change: (d) => { d.ConnectSettings = { ...d.ConnectSettings, SubnetIds: ['subnet-0a1b2c3d4e5f6c009', 'subnet-0a1b2c3d4e5f6a001'] }; }, field: 'Directory.VpcSettings.SubnetIds' },
      ];
      for (const c of cases) {
        it(`${c.name} differing: a conflict naming ${c.field} and only it`, () => {
          const r = connectorRequest();
          const e = existingConnector(r);
          c.change(e.directories[0] ?? assert.fail());
          const plan = directoryPlan(r, e);
          assert.deepEqual(plan.map((x) => x.action), ['conflict']);
          assert.deepEqual(plan[0]?.fields.map((f) => f.field), [c.field]);
        });
      }
    });
  });
});
