import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { chooseRegistration, differences, planTemplates, spnAdoptable } from '../../src/domain/connector-setup.ts';
import { stepClientToken } from '../../src/domain/client-token.ts';
import { resolveTemplates } from '../../src/domain/groups.ts';
import { TEMPLATE_SHAPES_PATH, TEMPLATE_SHAPE_ROOTS, templateShapesFrom } from '../../src/domain/template-spec.ts';
import { validateRequest } from '../../src/domain/validate.ts';
import { sampleRequest } from '../fixtures.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SERVICE_MODEL = `${ROOT}../shared/reference/pca-connector-ad-2018-05-10.json`;
const ARN = 'arn:aws:states:us-east-1:111122223333:execution:sm:run-1';

describe('connector setup decisions', () => {
  it('adopts the directory\'s CREATING/ACTIVE registration, else a FAILED one (its poll says why), never a DELETING one', () => {
    const r = (Arn: string, Status: string, DirectoryId = 'd-1111111111') => ({ Arn, Status, DirectoryId });
    assert.equal(chooseRegistration([r('a', 'DELETING'), r('b', 'ACTIVE')], 'd-1111111111')?.Arn, 'b');
    assert.equal(chooseRegistration([r('a', 'FAILED'), r('b', 'CREATING')], 'd-1111111111')?.Arn, 'b');
    assert.equal(chooseRegistration([r('a', 'FAILED')], 'd-1111111111')?.Arn, 'a');
    assert.equal(chooseRegistration([r('a', 'DELETING'), r('b', 'ACTIVE', 'd-2222222222')], 'd-1111111111'), undefined);
    assert.deepEqual([spnAdoptable('ACTIVE'), spnAdoptable('CREATING'), spnAdoptable('DELETING'), spnAdoptable(undefined)], [true, true, false, false]);
  });

  it('differences: every field the request sets must be equal; fields only the service has are not differences', () => {
    assert.deepEqual(differences({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'x', d: 'filled in' }, e: 2 }, 'D'), []);
    assert.deepEqual(differences({ a: 1, b: { c: 'x' } }, { a: 2, b: { c: 'y' } }, 'D'), ['D.a: requested 1, found 2', 'D.b.c: requested "x", found "y"']);
    assert.deepEqual(differences({ l: [1, 2] }, { l: [1] }, 'D'), ['D.l: requested [1,2], found [1]']);
    assert.deepEqual(differences({ o: { p: 1 } }, { o: 'text' }, 'D'), ['D.o: requested {"p":1}, found "text"']);
  });

  it('plans templates: creates what is missing, adopts what matches, lists every conflict (and then creates nothing)', () => {
    const SID = 'S-1-5-21-1111111111-2222222222-3333333333-515';
    const [template] = resolveTemplates(sampleRequest().Connector.Templates ?? [], [{ GroupName: 'Domain Computers', SID, Created: false }]).templates;
    assert.ok(template);
    const entry = template.AccessControlEntries?.[0];
    assert.ok(entry);
    const fresh = planTemplates([template], [], () => []);
    assert.deepEqual([fresh.conflicts, fresh.plans[0]?.existing, fresh.plans[0]?.createEntries.length], [[], undefined, 1]);

    const existing = { Arn: 'arn:t', Name: template.Name, Status: 'ACTIVE', Definition: structuredClone(template.Definition) };
    const same = planTemplates([template], [existing], () => [{ ...entry }]);
    assert.deepEqual([same.conflicts, same.plans[0]?.existing?.Arn, same.plans[0]?.createEntries, same.plans[0]?.adoptedEntries], [[], 'arn:t', [], [entry.GroupSecurityIdentifier]]);

    const other = structuredClone(existing);
    (other.Definition as { TemplateV2: { PrivateKeyAttributes: { MinimalKeyLength: number } } }).TemplateV2.PrivateKeyAttributes.MinimalKeyLength = 4096;
    const conflict = planTemplates([template], [other], () => [{ ...entry, GroupDisplayName: 'Renamed' }]);
    assert.equal(conflict.conflicts.length, 2);
    assert.match(conflict.conflicts[0] ?? '', /Connector\.Templates\[0\]\.Definition\.TemplateV2\.PrivateKeyAttributes\.MinimalKeyLength: requested 2048, found 4096/);
    assert.match(conflict.conflicts[1] ?? '', /GroupDisplayName: requested "Domain Computers", found "Renamed"/);

    const deleting = planTemplates([template], [{ ...existing, Status: 'DELETING' }], () => []);
    assert.equal(deleting.plans[0]?.existing, undefined, 'a template being deleted is not adopted');
  });

  it('client tokens: one per execution, step and item, within the model\'s 64 characters', () => {
    const a = stepClientToken(ARN, 'CreateTemplate', 'A');
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.equal(a, stepClientToken(ARN, 'CreateTemplate', 'A'));
    assert.notEqual(a, stepClientToken(ARN, 'CreateTemplate', 'B'));
    assert.notEqual(a, stepClientToken(ARN, 'CreateDirectoryRegistration', 'A'));
    assert.notEqual(a, stepClientToken(`${ARN}x`, 'CreateTemplate', 'A'));
  });
});

describe('templates in the request, checked against the service model', () => {
  it('the vendored shapes are the service model\'s (npm run gen:template-shapes)', (t) => {
    if (!existsSync(SERVICE_MODEL)) {
      t.skip(`the service model is not beside the project (${SERVICE_MODEL})`);
      return;
    }
    const model = JSON.parse(readFileSync(SERVICE_MODEL, 'utf8')) as { shapes: Record<string, unknown> };
    const vendored = JSON.parse(readFileSync(`${ROOT}${TEMPLATE_SHAPES_PATH}`, 'utf8')) as unknown;
    assert.deepEqual(vendored, templateShapesFrom(model, TEMPLATE_SHAPE_ROOTS));
  });

  it('the sample template is valid; a union with two members, an unknown enum and a bad SID are named with their paths', () => {
    assert.deepEqual(validateRequest(sampleRequest()).violations, []);
    const bad = sampleRequest() as unknown as { Connector: { Templates: Record<string, unknown>[] } };
    const [template] = bad.Connector.Templates;
    assert.ok(template);
    const definition = template['Definition'] as Record<string, Record<string, unknown>>;
    definition['TemplateV4'] = structuredClone(definition['TemplateV2'] ?? {});
    (definition['TemplateV2'] as { PrivateKeyFlags: { ClientVersion: string } }).PrivateKeyFlags.ClientVersion = 'WINDOWS_SERVER_1995';
    const [entry] = template['AccessControlEntries'] as { GroupSecurityIdentifier: string }[];
    assert.ok(entry);
    entry.GroupSecurityIdentifier = 'not-a-sid';
    const paths = validateRequest(bad).violations.map((v) => `${v.path}: ${v.message}`);
    assert.ok(paths.some((p) => /^Connector\.Templates\[0\]\.Definition: must set exactly one of TemplateV2, TemplateV3, TemplateV4 \(it sets TemplateV2, TemplateV4\)/.test(p)), paths.join('\n'));
    assert.ok(paths.some((p) => /^Connector\.Templates\[0\]\.Definition\.TemplateV2\.PrivateKeyFlags\.ClientVersion: must be one of WINDOWS_SERVER_2003/.test(p)), paths.join('\n'));
    assert.ok(paths.some((p) => /^Connector\.Templates\[0\]\.AccessControlEntries\[0\]\.GroupSecurityIdentifier: must match the service's pattern/.test(p)), paths.join('\n'));
  });

  it('at most 10 templates, unique names', () => {
    const many = sampleRequest() as unknown as { Connector: { Templates: unknown[] } };
    const [one] = many.Connector.Templates;
    many.Connector.Templates = Array.from({ length: 11 }, () => structuredClone(one));
    const paths = validateRequest(many).violations.map((v) => `${v.path}: ${v.message}`);
    assert.ok(paths.some((p) => /^Connector\.Templates: must contain at most 10 templates/.test(p)), paths.join('\n'));
    assert.ok(paths.some((p) => /^Connector\.Templates\[1\]\.Name: duplicates Connector\.Templates\[0\]\.Name/.test(p)), paths.join('\n'));
  });
});
