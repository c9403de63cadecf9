/**
 * The handlers of groups named by GroupName: EnableDirectoryDataAccess, GetDirectoryDataAccessStatus (the poll) and
 * ResolveGroups, against mocked Directory Service and Directory Service Data clients.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ClientException,
  DescribeDirectoryDataAccessCommand,
  DirectoryInDesiredStateException,
  DirectoryServiceClient,
  EnableDirectoryDataAccessCommand,
} from '@aws-sdk/client-directory-service';
import {
  AccessDeniedException,
  ConflictException,
  CreateGroupCommand,
  DescribeGroupCommand,
  DirectoryServiceDataClient,
  ResourceNotFoundException,
} from '../../src/aws/directory-service-data/index.ts';
import type { ConnectorRequest, DirectoryDataAccessPollState, TemplateRequest } from '../../src/contract.ts';
import { stepClientToken } from '../../src/domain/client-token.ts';
import { enableDirectoryDataAccessCore } from '../../src/handlers/enable-directory-data-access.ts';
import { getDirectoryDataAccessStatusCore } from '../../src/handlers/get-directory-data-access-status.ts';
import { resolveGroupsCore } from '../../src/handlers/resolve-groups.ts';
import { logger } from '../../src/lib/logger.ts';
import { sampleRequest } from '../fixtures.ts';

const EXEC = 'arn:aws:states:us-east-1:111122223333:execution:provision:req-1';
const DIRECTORY = 'd-aaaaaaaaaa';
const DOMAIN = 'S-1-5-21-1111111111-2222222222-3333333333';
const NOW = new Date('2026-11-23T12:00:00.000Z');
const meta = { $metadata: {} };

const ds = mockClient(DirectoryServiceClient);
const data = mockClient(DirectoryServiceDataClient);
const dsDeps = (now = NOW) => ({ directoryService: new DirectoryServiceClient({ region: 'us-east-1' }), now: () => now });
const dataDeps = () => ({ directoryServiceData: new DirectoryServiceDataClient({ region: 'us-east-1' }) });

beforeEach(() => {
  ds.reset();
  data.reset();
  logger.setLogLevel('SILENT');
});

describe('EnableDirectoryDataAccess handler', () => {
  const enable = () => enableDirectoryDataAccessCore({ ExecutionId: EXEC, DirectoryId: DIRECTORY, TimeoutSeconds: 1800 }, dsDeps());

  for (const before of ['Disabled', 'Failed']) {
    it(`${before}: asks to enable it once, reports Enabling, and starts the wait window`, async () => {
      ds.on(DescribeDirectoryDataAccessCommand).resolves({ DataAccessStatus: before as 'Disabled' });
      ds.on(EnableDirectoryDataAccessCommand).resolves({});
      // Act
      const state = await enable();
      // Assess
      assert.deepEqual(state, { DirectoryId: DIRECTORY, Status: 'Enabling', WaitStartedAt: NOW.toISOString(), Deadline: '2026-11-23T12:30:00.000Z', ElapsedSeconds: 0 });
      assert.deepEqual(ds.commandCalls(EnableDirectoryDataAccessCommand).map((c) => c.args[0].input), [{ DirectoryId: DIRECTORY }]);
    });
  }

  for (const status of ['Enabled', 'Enabling', 'Disabling']) {
    it(`${status}: asks nothing (a rerun, a redrive or a retry after a lost response), reports ${status}`, async () => {
      ds.on(DescribeDirectoryDataAccessCommand).resolves({ DataAccessStatus: status as 'Enabled' });
      const state = await enable();
      assert.equal(state.Status, status);
      assert.equal(ds.commandCalls(EnableDirectoryDataAccessCommand).length, 0);
    });
  }

  it('DirectoryInDesiredStateException (turned on since the read): the status read again decides', async () => {
    ds.on(DescribeDirectoryDataAccessCommand).resolvesOnce({ DataAccessStatus: 'Disabled' }).resolves({ DataAccessStatus: 'Enabling' });
    ds.on(EnableDirectoryDataAccessCommand).rejects(new DirectoryInDesiredStateException({ message: 'already enabled', ...meta }));
    assert.equal((await enable()).Status, 'Enabling');
    ds.on(DescribeDirectoryDataAccessCommand).resolves({ DataAccessStatus: 'Disabled' });
    await assert.rejects(enable(), { name: 'DirectoryInDesiredStateException', message: 'already enabled (DescribeDirectoryDataAccess reports Disabled)' });
  });

  it('a "Rate exceeded" ClientException is DirectoryServiceThrottledError; other errors keep their names', async () => {
    ds.on(DescribeDirectoryDataAccessCommand).rejects(new ClientException({ message: 'Rate exceeded', ...meta }));
    await assert.rejects(enable(), { name: 'DirectoryServiceThrottledError' });
    ds.on(DescribeDirectoryDataAccessCommand).resolves({ DataAccessStatus: 'Disabled' });
    ds.on(EnableDirectoryDataAccessCommand).rejects(new ClientException({ message: 'Invalid directory', ...meta }));
    await assert.rejects(enable(), { name: 'ClientException', message: 'Invalid directory' });
  });
});

describe('GetDirectoryDataAccessStatus handler (the poll)', () => {
  const state: DirectoryDataAccessPollState = {
    DirectoryId: DIRECTORY, Status: 'Enabling', WaitStartedAt: NOW.toISOString(), Deadline: '2026-11-23T12:30:00.000Z', ElapsedSeconds: 0,
  };
  const poll = (at: Date) => getDirectoryDataAccessStatusCore({ ExecutionId: EXEC, DataAccess: state }, dsDeps(at));

  it('Enabled: the state document with the seconds waited', async () => {
    ds.on(DescribeDirectoryDataAccessCommand).resolves({ DataAccessStatus: 'Enabled' });
    assert.deepEqual(await poll(new Date('2026-11-23T12:01:15.000Z')), { ...state, Status: 'Enabled', ElapsedSeconds: 75 });
  });

  it('Enabling, Disabled or Disabling: not ready, in the message the status API reads; past the deadline: the timeout', async () => {
    for (const status of ['Enabling', 'Disabled', 'Disabling'] as const) {
      ds.on(DescribeDirectoryDataAccessCommand).resolves({ DataAccessStatus: status });
      await assert.rejects(poll(new Date('2026-11-23T12:01:15.000Z')), {
        name: 'DirectoryDataAccessNotReadyError',
        message: `DirectoryDataAccess ${DIRECTORY} is ${status} after 75 s of waiting (deadline 2026-11-23T12:30:00.000Z)`,
      });
    }
    await assert.rejects(poll(new Date('2026-11-23T12:30:00.000Z')), { name: 'DirectoryDataAccessTimeoutError', message: /is still Disabling after 1800 s of waiting, past its deadline/ });
  });

  it('Failed: DirectoryDataAccessFailed (even past the deadline)', async () => {
    ds.on(DescribeDirectoryDataAccessCommand).resolves({ DataAccessStatus: 'Failed' });
    await assert.rejects(poll(new Date('2026-11-23T13:00:00.000Z')), { name: 'DirectoryDataAccessFailed', message: `DirectoryDataAccess ${DIRECTORY} is Failed` });
  });
});

describe('ResolveGroups handler', () => {
  const rights = { Enroll: 'ALLOW' as const, AutoEnroll: 'ALLOW' as const };
  const connector = (templates: TemplateRequest[]): ConnectorRequest => ({ ...sampleRequest().Connector, Templates: templates });
  const template = (Name: string, entries: TemplateRequest['AccessControlEntries']): TemplateRequest => ({ Name, Definition: {}, AccessControlEntries: entries });
  const resolve = (templates: TemplateRequest[]) => resolveGroupsCore({ ExecutionId: EXEC, DirectoryId: DIRECTORY, Connector: connector(templates) }, dataDeps());
  const notFound = () => new ResourceNotFoundException({ message: 'not found', ...meta });
  const known: Record<string, string> = { 'domain computers': `${DOMAIN}-515`, 'domain admins': `${DOMAIN}-512` };
  beforeEach(() => {
    data.on(DescribeGroupCommand).callsFake((input: { SAMAccountName: string }) => {
      const sid = known[input.SAMAccountName.toLowerCase()];
      if (!sid) throw notFound();
      return { SID: sid, SAMAccountName: input.SAMAccountName };
    });
  });

  it('the sample: DescribeGroup (DirectoryId, SAMAccountName) gives the SID; nothing is created', async () => {
    const out = await resolveGroupsCore({ ExecutionId: EXEC, DirectoryId: DIRECTORY, Connector: sampleRequest().Connector }, dataDeps());
    assert.deepEqual(out, { Groups: [{ GroupName: 'Domain Computers', SID: `${DOMAIN}-515`, Created: false }] });
    assert.deepEqual(data.commandCalls(DescribeGroupCommand).map((c) => c.args[0].input), [{ DirectoryId: DIRECTORY, SAMAccountName: 'Domain Computers' }]);
    assert.equal(data.commandCalls(CreateGroupCommand).length, 0);
  });

  it('one DescribeGroup per group, whatever the case and however many entries name it', async () => {
    const out = await resolve([
      template('A', [{ GroupName: 'Domain Computers', AccessRights: rights }, { GroupName: 'Domain Admins', AccessRights: rights }]),
      template('B', [{ GroupName: 'DOMAIN COMPUTERS', AccessRights: rights }]),
    ]);
    assert.deepEqual(out.Groups.map((g) => [g.GroupName, g.SID]), [['Domain Computers', `${DOMAIN}-515`], ['Domain Admins', `${DOMAIN}-512`]]);
    assert.equal(data.commandCalls(DescribeGroupCommand).length, 2);
  });

  it('a missing group no entry asks to create: GroupNotFoundError naming every one and the directory, and nothing created', async () => {
    await assert.rejects(
      resolve([template('A', [{ GroupName: 'Domain Computerz', AccessRights: rights }, { GroupName: 'PKI Enrollers', CreateGroup: true, AccessRights: rights }, { GroupName: 'Nobody', AccessRights: rights }])]),
      { name: 'GroupNotFoundError', message: /^Directory d-aaaaaaaaaa has no group named "Domain Computerz" \(Connector\.Templates\[0\]\.AccessControlEntries\[0\]\.GroupName\); "Nobody" \(/ },
    );
    assert.equal(data.commandCalls(CreateGroupCommand).length, 0, 'not even the group an entry asked to create');
  });

  it('"CreateGroup": true and missing: CreateGroup, a global security group, ClientToken from the execution and the name', async () => {
    data.on(CreateGroupCommand).resolves({ SID: `${DOMAIN}-1105`, SAMAccountName: 'PKI Enrollers', DirectoryId: DIRECTORY });
    const out = await resolve([template('A', [{ GroupName: 'PKI Enrollers', CreateGroup: true, AccessRights: rights }, { GroupName: 'Domain Computers', CreateGroup: true, AccessRights: rights }])]);
    assert.deepEqual(out.Groups, [
      { GroupName: 'PKI Enrollers', SID: `${DOMAIN}-1105`, Created: true },
      { GroupName: 'Domain Computers', SID: `${DOMAIN}-515`, Created: false },
    ]);
    assert.deepEqual(data.commandCalls(CreateGroupCommand).map((c) => c.args[0].input), [{
      DirectoryId: DIRECTORY, SAMAccountName: 'PKI Enrollers', GroupType: 'Security', GroupScope: 'Global', ClientToken: stepClientToken(EXEC, 'CreateGroup', 'pki enrollers'),
    }]);
  });

  it('CreateGroup answers ConflictException (created meanwhile): read again, adopted; not readable yet: ResourceNotFoundException (retried)', async () => {
    let created = false;
    data.on(CreateGroupCommand).callsFake(() => {
      created = true;
      throw new ConflictException({ message: 'exists', ...meta });
    });
    known['pki enrollers'] = `${DOMAIN}-1106`;
    try {
      data.on(DescribeGroupCommand).callsFake((input: { SAMAccountName: string }) => {
        const sid = created ? known[input.SAMAccountName.toLowerCase()] : undefined;
        if (!sid) throw notFound();
        return { SID: sid };
      });
      const out = await resolve([template('A', [{ GroupName: 'PKI Enrollers', CreateGroup: true, AccessRights: rights }])]);
      assert.deepEqual(out.Groups, [{ GroupName: 'PKI Enrollers', SID: `${DOMAIN}-1106`, Created: false }]);
      data.on(DescribeGroupCommand).rejects(notFound());
      await assert.rejects(resolve([template('A', [{ GroupName: 'PKI Enrollers', CreateGroup: true, AccessRights: rights }])]), { name: 'ResourceNotFoundException' });
    } finally {
      delete known['pki enrollers'];
    }
  });

  it('AccessDeniedException DATA_DISABLED: DirectoryDataDisabledError naming the directory; another Reason keeps its name', async () => {
    data.on(DescribeGroupCommand).rejects(new AccessDeniedException({ message: 'Data access is disabled', Reason: 'DATA_DISABLED', ...meta }));
    await assert.rejects(resolve(sampleRequest().Connector.Templates ?? []), {
      name: 'DirectoryDataDisabledError',
      message: `Directory Data access of directory ${DIRECTORY} is off (DATA_DISABLED): Data access is disabled`,
    });
    data.on(DescribeGroupCommand).rejects(new AccessDeniedException({ message: 'not authorized', Reason: 'IAM_AUTH', ...meta }));
    await assert.rejects(resolve(sampleRequest().Connector.Templates ?? []), { name: 'AccessDeniedException' });
  });

  it('a name and the SID it resolves to in one template: InvalidRequestError before anything is created', async () => {
    data.on(CreateGroupCommand).resolves({ SID: `${DOMAIN}-1105` });
    await assert.rejects(
      resolve([template('A', [
        { GroupName: 'Domain Computers', AccessRights: rights },
        { GroupSecurityIdentifier: `${DOMAIN}-515`, GroupDisplayName: 'Computers', AccessRights: rights },
        { GroupName: 'PKI Enrollers', CreateGroup: true, AccessRights: rights },
      ])]),
      { name: 'InvalidRequestError', message: /Connector\.Templates\[0\]\.AccessControlEntries\[1\]\.GroupSecurityIdentifier: names the same group \(S-1-5-21-1111111111-2222222222-3333333333-515\) as Connector\.Templates\[0\]\.AccessControlEntries\[0\]/ },
    );
    assert.equal(data.commandCalls(CreateGroupCommand).length, 0);
  });

  it('no entry names a group: no call', async () => {
    const out = await resolve([template('A', [{ GroupSecurityIdentifier: `${DOMAIN}-515`, GroupDisplayName: 'x', AccessRights: rights }])]);
    assert.deepEqual(out, { Groups: [] });
    assert.equal(data.commandCalls(DescribeGroupCommand).length, 0);
  });
});
