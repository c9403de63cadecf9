import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { TemplateRequest } from '../../src/contract.ts';
import {
  DIRECTORY_DATA_TYPES,
  GROUP_NAME_MAX,
  GROUP_NAME_PATTERN,
  directoryDataProblem,
  groupsNotFoundMessage,
  groupsToResolve,
  isDataDisabled,
  namesGroups,
  resolveTemplates,
  sameGroupViolations,
} from '../../src/domain/groups.ts';

const MODEL = new URL('../../../shared/reference/ds-data-2023-05-31.json', import.meta.url).pathname;
const SID = 'S-1-5-21-1111111111-2222222222-3333333333';
const rights = { Enroll: 'ALLOW' as const };
const template = (Name: string, entries: TemplateRequest['AccessControlEntries']): TemplateRequest => ({ Name, Definition: { TemplateV2: {} }, AccessControlEntries: entries });

describe('groups named by GroupName', () => {
  it('GroupName is the Directory Service Data model\'s GroupName (length and pattern)', (t) => {
    if (!existsSync(MODEL)) {
      t.skip(`the service model is not beside the project (${MODEL})`);
      return;
    }
    const shape = (JSON.parse(readFileSync(MODEL, 'utf8')) as { shapes: Record<string, { min: number; max: number; pattern: string }> }).shapes['GroupName'];
    assert.deepEqual([shape?.min, shape?.max], [1, GROUP_NAME_MAX]);
    const model = new RegExp(shape?.pattern ?? '', 'u');
    for (const name of ['Domain Computers', 'PKI-Enrollers_2', 'Domänen-Computer', ...':;|=+"*?<>/\\,[]@'.split('').map((c) => `a${c}b`)]) {
      assert.equal(GROUP_NAME_PATTERN.test(name), model.test(name), name);
    }
  });

  it('Directory Service Data serves AWS Managed Microsoft AD only: the one place that names the types', () => {
    assert.deepEqual(DIRECTORY_DATA_TYPES, ['MicrosoftAD']);
    assert.equal(directoryDataProblem('MicrosoftAD'), undefined);
    assert.match(directoryDataProblem('SimpleAD') ?? '', /serves AWS Managed Microsoft AD only \(Directory.Type SimpleAD\): name the group by GroupSecurityIdentifier/);
  });

  it('each group once, case-insensitively, spelled as first named; CreateGroup when any entry naming it asks', () => {
    const templates = [
      template('A', [{ GroupName: 'Domain Computers', AccessRights: rights }, { GroupSecurityIdentifier: `${SID}-512`, GroupDisplayName: 'x', AccessRights: rights }]),
      template('B', [{ GroupName: 'PKI Enrollers', AccessRights: rights }, { GroupName: 'domain COMPUTERS', AccessRights: rights }]),
      template('C', [{ GroupName: 'pki enrollers', CreateGroup: true, AccessRights: rights }]),
    ];
    assert.deepEqual(groupsToResolve(templates), [
      { GroupName: 'Domain Computers', CreateGroup: false },
      { GroupName: 'PKI Enrollers', CreateGroup: true },
    ]);
    assert.equal(namesGroups(templates), true);
    assert.equal(namesGroups([template('A', [{ GroupSecurityIdentifier: `${SID}-512`, GroupDisplayName: 'x', AccessRights: rights }])]), false);
    assert.equal(namesGroups(undefined), false);
  });

  it('resolves the entries to SIDs, the display name defaulting to the name; an unresolved name is a violation', () => {
    const templates = [template('A', [{ GroupName: 'Domain Computers', AccessRights: rights }, { GroupName: 'Admins', GroupDisplayName: 'Admins (PKI)', AccessRights: rights }])];
    const { templates: resolved, violations } = resolveTemplates(templates, [
      { GroupName: 'DOMAIN COMPUTERS', SID: `${SID}-515`, Created: false },
      { GroupName: 'admins', SID: `${SID}-1105`, Created: true },
    ]);
    assert.deepEqual(violations, []);
    assert.deepEqual(resolved[0]?.AccessControlEntries, [
      { GroupDisplayName: 'Domain Computers', GroupSecurityIdentifier: `${SID}-515`, AccessRights: rights },
      { GroupDisplayName: 'Admins (PKI)', GroupSecurityIdentifier: `${SID}-1105`, AccessRights: rights },
    ]);
    assert.deepEqual(resolveTemplates(templates, []).violations.map((v) => v.path), [
      'Connector.Templates[0].AccessControlEntries[0].GroupName',
      'Connector.Templates[0].AccessControlEntries[1].GroupName',
    ]);
  });

  it('a name and the SID it resolves to in one template are one group twice (not across templates)', () => {
    const templates = [
      template('A', [{ GroupName: 'Domain Computers', AccessRights: rights }, { GroupSecurityIdentifier: `${SID}-515`, GroupDisplayName: 'x', AccessRights: rights }]),
      template('B', [{ GroupSecurityIdentifier: `${SID}-515`, GroupDisplayName: 'x', AccessRights: rights }]),
    ];
    const violations = sameGroupViolations(templates, (name) => (name === 'Domain Computers' ? `${SID}-515` : undefined));
    assert.deepEqual(violations, [{
      path: 'Connector.Templates[0].AccessControlEntries[1].GroupSecurityIdentifier',
      message: `names the same group (${SID}-515) as Connector.Templates[0].AccessControlEntries[0]: give each group one entry per template`,
    }]);
    assert.deepEqual(sameGroupViolations(templates, () => undefined), [], 'unknown names are skipped');
  });

  it('names every missing group with the entries naming it, and the directory', () => {
    const templates = [template('A', [{ GroupName: 'Domain Computerz', AccessRights: rights }]), template('B', [{ GroupName: 'domain computerz', AccessRights: rights }])];
    assert.equal(
      groupsNotFoundMessage(['Domain Computerz'], templates, 'd-1234567890'),
      'Directory d-1234567890 has no group named "Domain Computerz" (Connector.Templates[0].AccessControlEntries[0].GroupName, ' +
        'Connector.Templates[1].AccessControlEntries[0].GroupName). Group names are sAMAccountNames such as "Domain Computers"; fix the name, ' +
        'create the group, or add "CreateGroup": true to the entry. No group and no template was created',
    );
  });

  it('DATA_DISABLED is an AccessDeniedException with that Reason, nothing else', () => {
    const denied = (Reason?: string) => Object.assign(new Error('denied'), { name: 'AccessDeniedException', ...(Reason ? { Reason } : {}) });
    assert.deepEqual([isDataDisabled(denied('DATA_DISABLED')), isDataDisabled(denied('IAM_AUTH')), isDataDisabled(denied()), isDataDisabled('DATA_DISABLED')], [true, false, false, false]);
  });
});
