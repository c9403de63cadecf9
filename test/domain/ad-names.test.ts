/**
 * Names Active Directory keeps case-insensitively (certificate template names, group names) are compared that way:
 * two templates `A` and `a` are refused at validation, before the directory exists (AD would refuse the second
 * mid-run); an existing template or group that differs only in case is the same one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planTemplates } from '../../src/domain/connector-setup.ts';
import { validateRequest } from '../../src/domain/validate.ts';
import { DEFAULT_SEED_PATH, loadSeed } from '../../tools/local/emulator/index.ts';
import { runInNewWorld } from '../../tools/local/world.ts';
import { sampleRequest } from '../fixtures.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

/** The sample request with its template twice, the second named `name`. */
const twoTemplates = (name: string) => {
  const request = sampleRequest();
  const [template] = request.Connector.Templates ?? [];
  assert.ok(template);
  request.Connector.Templates = [template, { ...structuredClone(template), Name: name }];
  return { request, first: template.Name };
};

describe('Active Directory names, case-insensitively', () => {
  it('two templates whose names differ only in case: a violation naming the second, with why', () => {
    const { request, first } = twoTemplates('computerautoenroll');
    assert.equal(first, 'ComputerAutoEnroll');
    assert.deepEqual(validateRequest(request).violations, [
      {
        path: 'Connector.Templates[1].Name',
        message: 'duplicates Connector.Templates[0].Name ("computerautoenroll", the same as "ComputerAutoEnroll" in any case: Active Directory names are case-insensitive)',
      },
    ]);
    assert.deepEqual(validateRequest(twoTemplates('OtherTemplate').request).violations, [], 'another name is fine');
  });

  it('the whole run: refused by ValidateRequest, nothing created (no directory, no connector)', async () => {
    const r = await runInNewWorld({ seed: loadSeed(DEFAULT_SEED_PATH) }, { input: twoTemplates('COMPUTERAUTOENROLL').request });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error, 'InvalidRequestError');
    assert.match(r.cause ?? '', /Connector\.Templates\[1\]\.Name: duplicates/);
    assert.equal(r.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0, 0);
    assert.deepEqual([r.world.directories, r.world.connectors], [0, 0]);
  });

  it('an existing template named in another case is the requested one (adopted); a group display name in another case is no conflict', () => {
    const [requested] = sampleRequest().Connector.Templates ?? [];
    const access = requested?.AccessControlEntries?.[0];
    assert.ok(requested && access);
    const entry = { GroupDisplayName: 'Domain Computers', GroupSecurityIdentifier: 'S-1-5-21-1004336348-1177238915-682003330-515', AccessRights: access.AccessRights };
    const template = { Name: requested.Name, Definition: requested.Definition, AccessControlEntries: [entry] };
    const existing = { Arn: 'arn:t', Name: template.Name.toUpperCase(), Status: 'ACTIVE', Definition: structuredClone(template.Definition) };
    const plan = planTemplates([template], [existing], () => [{ ...entry, GroupDisplayName: entry.GroupDisplayName.toLowerCase() }]);
    assert.deepEqual(plan.conflicts, []);
    assert.equal(plan.plans[0]?.existing?.Arn, 'arn:t', 'adopted, not created a second time');
    assert.deepEqual(plan.plans[0]?.adoptedEntries, [entry.GroupSecurityIdentifier]);
  });
});
