import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  ClientException,
  CreateDirectoryCommand,
  CreateMicrosoftADCommand,
  DescribeDirectoriesCommand,
  DirectoryLimitExceededException,
  DirectoryServiceClient,
  EntityDoesNotExistException,
  InvalidParameterException,
  AddTagsToResourceCommand,
  ListTagsForResourceCommand,
  ServiceException,
} from '@aws-sdk/client-directory-service';
import type { DirectoryDescription } from '@aws-sdk/client-directory-service';
import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { CreateDirectoryInput, DirectoryPollState, DirectoryRequest } from '../../src/contract.ts';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY } from '../../src/contract.ts';
import { createDirectoryCore } from '../../src/handlers/create-directory.ts';
import { getDirectoryStageCore } from '../../src/handlers/get-directory-stage.ts';
import { logger } from '../../src/lib/logger.ts';
import { DynamoDbDirectoryLeaseStore } from '../../src/persistence/directory-lease-store.ts';
import { ADMIN_PASSWORD as PASSWORD, SUBNET_A, SUBNET_B, VPC, readEvent } from '../fixtures.ts';

const EXEC = 'arn:aws:states:us-east-1:111122223333:execution:provision:req-1';
const NOW = new Date('2026-01-01T12:00:00Z');

const requestOf = (file: string): DirectoryRequest => readEvent<{ Directory: DirectoryRequest }>(file).Directory;

const input = (file = 'execution-input-simple-ad.json', type: 'SimpleAD' | 'MicrosoftAD' = 'SimpleAD'): CreateDirectoryInput => ({
  ExecutionId: EXEC,
  Directory: requestOf(file),
  DirectoryType: type,
  TimeoutSeconds: 3600,
});

const ds = mockClient(DirectoryServiceClient);
const sm = mockClient(SecretsManagerClient);
const ddb = mockClient(DynamoDBClient);
const LOCK_TABLE = 'ad-cert-orchestrator-test-directory-locks';
const deps = () => ({
  directoryService: new DirectoryServiceClient({ region: 'us-east-1' }),
  directoryServiceCreate: new DirectoryServiceClient({ region: 'us-east-1', maxAttempts: 1 }),
  secretsManager: new SecretsManagerClient({ region: 'us-east-1' }),
  leases: new DynamoDbDirectoryLeaseStore(new DynamoDBClient({ region: 'us-east-1' }), LOCK_TABLE),
  now: () => NOW,
});

const existing = (over: Partial<DirectoryDescription> = {}): DirectoryDescription => ({
  DirectoryId: 'd-1234567890',
  Name: 'corp.example.com',
  ShortName: 'CORP',
  Type: 'SimpleAD',
  Size: 'Small',
  Stage: 'Active',
  VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_B, SUBNET_A] },
  LaunchTime: new Date(NOW.getTime() - 3600_000),
  ...over,
});

const meta = { $metadata: {} };

beforeEach(() => {
  ds.reset();
  sm.reset();
  ddb.reset();
  ddb.on(PutItemCommand).resolves({});
  logger.setLogLevel('SILENT');
  ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [] });
  ds.on(ListTagsForResourceCommand).resolves({ Tags: [] });
  ds.on(CreateDirectoryCommand).resolves({ DirectoryId: 'd-aaaaaaaaaa' });
  ds.on(CreateMicrosoftADCommand).resolves({ DirectoryId: 'd-bbbbbbbbbb' });
  // An adopted directory carries the request's tags already (the day-two test below takes one away).
  ds.on(ListTagsForResourceCommand).resolves({ Tags: (input().Directory.Tags ?? []).map((t) => ({ ...t })) });
  sm.on(GetSecretValueCommand).resolves({ SecretString: PASSWORD });
});

describe('CreateDirectory handler: find-or-create', () => {
  it('adopts an existing same-name (any case) same-VPC directory: no CreateDirectory, no secret read', async () => {
    // Prepare: the directory as the request describes it (its Description and Tags too)
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [existing({ Name: 'CORP.EXAMPLE.COM', Description: 'Simple AD for the PKI team' })] });
    ds.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'team', Value: 'pki' }] });
    // Act
    const state = await createDirectoryCore(input(), deps());
    // Assess
    assert.deepEqual(state, {
      DirectoryId: 'd-1234567890', DirectoryType: 'SimpleAD', Adopted: true, Stage: 'Active', StageReason: null, Warnings: [],
      WaitStartedAt: '2026-01-01T12:00:00.000Z', Deadline: '2026-01-01T13:00:00.000Z', ElapsedSeconds: 0,
    });
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
    assert.equal(sm.commandCalls(GetSecretValueCommand).length, 0);
  });

  it('adopting, it adds the request\'s tags the directory lacks or has with another value, never this tool\'s own; with all of them, no write', async () => {
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [existing()] });
    ds.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'team', Value: 'old' }, { Key: 'owner', Value: 'someone' }] });
    const request = input();
    request.Directory.Tags = [{ Key: 'team', Value: 'pki' }, { Key: 'cost-center', Value: '4711' }];
    await createDirectoryCore(request, deps());
    assert.deepEqual(ds.commandCalls(AddTagsToResourceCommand).map((c) => c.args[0].input), [
      { ResourceId: 'd-1234567890', Tags: [{ Key: 'team', Value: 'pki' }, { Key: 'cost-center', Value: '4711' }] },
    ]);
    ds.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'team', Value: 'pki' }, { Key: 'cost-center', Value: '4711' }] });
    await createDirectoryCore(request, deps());
    assert.equal(ds.commandCalls(AddTagsToResourceCommand).length, 1, 'a rerun adds nothing');
  });

  it('adopts a directory still Creating with a fresh deadline for this execution', async () => {
    ds.on(DescribeDirectoriesCommand).resolves({
      DirectoryDescriptions: [existing({ Stage: 'Creating', LaunchTime: new Date(NOW.getTime() - 180_000) })],
    });
    const state = await createDirectoryCore(input(), deps());
    assert.deepEqual([state.Adopted, state.Stage, state.WaitStartedAt, state.Deadline], [true, 'Creating', '2026-01-01T12:00:00.000Z', '2026-01-01T13:00:00.000Z']);
  });

  it('reads every DescribeDirectories page before deciding', async () => {
    // Prepare
    ds.on(DescribeDirectoriesCommand, { NextToken: undefined }).resolves({ DirectoryDescriptions: [existing({ Name: 'other.example.com' })], NextToken: 'p2' });
    ds.on(DescribeDirectoriesCommand, { NextToken: 'p2' }).resolves({ DirectoryDescriptions: [existing({ DirectoryId: 'd-2222222222' })] });
    // Act
    const state = await createDirectoryCore(input(), deps());
    // Assess
    assert.equal(state.DirectoryId, 'd-2222222222');
    assert.equal(ds.commandCalls(DescribeDirectoriesCommand).length, 2);
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
  });

  it('several candidates: reads tags and prefers the one this tool manages', async () => {
    // Prepare
    ds.on(DescribeDirectoriesCommand).resolves({
      DirectoryDescriptions: [existing({ DirectoryId: 'd-1111111111' }), existing({ DirectoryId: 'd-2222222222', LaunchTime: NOW })],
    });
    ds.on(ListTagsForResourceCommand, { ResourceId: 'd-1111111111' }).resolves({ Tags: [] });
    ds.on(ListTagsForResourceCommand, { ResourceId: 'd-2222222222' }).resolves({ Tags: [{ Key: MANAGED_BY_TAG_KEY, Value: 'ad-cert-orchestrator' }] });
    // Act
    const state = await createDirectoryCore(input(), deps());
    // Assess
    assert.equal(state.DirectoryId, 'd-2222222222');
  });

  it('ignores Deleting/Deleted and other VPCs, then creates: the exact CreateDirectory request', async () => {
    // Prepare
    ds.on(DescribeDirectoriesCommand).resolves({
      DirectoryDescriptions: [existing({ Stage: 'Deleting' }), existing({ VpcSettings: { VpcId: 'vpc-0f9e8d7c6b5a40321' } })],
    });
    const d = deps();
    // Act
    const state = await createDirectoryCore(input(), d);
    // Assess
    const sent = ds.commandCalls(CreateDirectoryCommand);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.thisValue, d.directoryServiceCreate, 'CreateDirectory must use the client without SDK retries');
    assert.deepEqual(sent[0]?.args[0].input, {
      Name: 'corp.example.com',
      ShortName: 'CORP',
      Description: 'Simple AD for the PKI team',
      Size: 'Small',
      Password: PASSWORD,
      VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_A, SUBNET_B] },
      Tags: [
        { Key: 'team', Value: 'pki' },
        { Key: MANAGED_BY_TAG_KEY, Value: 'ad-cert-orchestrator' },
        { Key: EXECUTION_TAG_KEY, Value: EXEC },
      ],
    });
    assert.deepEqual(state, {
      DirectoryId: 'd-aaaaaaaaaa', DirectoryType: 'SimpleAD', Adopted: false, Stage: 'Requested', StageReason: null, Warnings: [],
      WaitStartedAt: '2026-01-01T12:00:00.000Z', Deadline: '2026-01-01T13:00:00.000Z', ElapsedSeconds: 0,
    });
    assert.deepEqual(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input, { SecretId: 'ad-cert-orchestrator/ad-admin-password' });
  });

  it('MicrosoftAD uses CreateMicrosoftAD with Edition (no Size)', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ username: 'Admin', password: PASSWORD }) });
    // Act
    const state = await createDirectoryCore(input('execution-input-microsoft-ad.json', 'MicrosoftAD'), deps());
    // Assess
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
    const sent = ds.commandCalls(CreateMicrosoftADCommand)[0]?.args[0].input;
    assert.equal(sent?.Edition, 'Standard');
    assert.equal(sent?.Password, PASSWORD);
    assert.equal('Size' in (sent ?? {}), false);
    assert.deepEqual([state.DirectoryId, state.DirectoryType, state.Stage], ['d-bbbbbbbbbb', 'MicrosoftAD', 'Requested']);
  });

  it('MicrosoftAD without Edition sends Enterprise (the AWS default)', async () => {
    const i = input('execution-input-microsoft-ad.json', 'MicrosoftAD');
    delete i.Directory.Edition;
    await createDirectoryCore(i, deps());
    assert.equal(ds.commandCalls(CreateMicrosoftADCommand)[0]?.args[0].input.Edition, 'Enterprise');
  });

  it('a same-name same-VPC directory of another type → DirectoryConflictError, nothing created', async () => {
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [existing({ Type: 'MicrosoftAD' })] });
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'DirectoryConflictError' });
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
  });

  it('a same-name same-VPC Small directory for a Large request → DirectoryConflictError naming the Size, no secret read, nothing created', async () => {
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [existing()] });
    const large = input();
    large.Directory.Size = 'Large';
    await assert.rejects(createDirectoryCore(large, deps()), (e: Error) =>
      e.name === 'DirectoryConflictError' && e.message.includes('Directory.Size: requested Large, existing Small') && e.message.includes('d-1234567890'));
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
    assert.equal(sm.commandCalls(GetSecretValueCommand).length, 0);
    assert.equal(ddb.commandCalls(PutItemCommand).length, 0, 'no lease taken');
  });

  it('DS ClientException "Rate exceeded" → DirectoryServiceThrottledError (message kept), on describe and on create', async () => {
    ds.on(DescribeDirectoriesCommand).rejects(new ClientException({ message: 'Rate exceeded', ...meta }));
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'DirectoryServiceThrottledError', message: 'Rate exceeded' });
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [] });
    ds.on(CreateDirectoryCommand).rejects(new ClientException({ message: 'Rate exceeded', ...meta }));
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'DirectoryServiceThrottledError' });
  });

  it('other errors keep their names', async () => {
    const cases: [Error, string][] = [
      [new ClientException({ message: 'Subnets are in an unsupported Availability Zone', ...meta }), 'ClientException'],
      [new DirectoryLimitExceededException({ message: 'limit', ...meta }), 'DirectoryLimitExceededException'],
      [new InvalidParameterException({ message: 'bad', ...meta }), 'InvalidParameterException'],
      [new ServiceException({ message: 'boom', ...meta }), 'ServiceException'],
    ];
    for (const [error, name] of cases) {
      ds.on(CreateDirectoryCommand).rejects(error);
      await assert.rejects(createDirectoryCore(input(), deps()), { name });
    }
    sm.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'gone', ...meta }));
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'ResourceNotFoundException' });
  });

  it('a secret that became weak after validation → InvalidRequestError naming the rule, nothing created', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'password' });
    await assert.rejects(createDirectoryCore(input(), deps()), (e: Error) => e.name === 'InvalidRequestError' && /complexity/.test(e.message));
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
  });
});

describe('CreateDirectory handler: the creation lease', () => {
  const OTHER = 'arn:aws:states:us-east-1:111122223333:execution:provision:req-1-api';
  const NOW_S = NOW.getTime() / 1000;
  const held = (owner: string) =>
    new ConditionalCheckFailedException({
      message: 'The conditional request failed',
      Item: { pk: { S: `dir#${VPC}#corp.example.com` }, owner: { S: owner }, expiresAt: { N: String(NOW_S + 600) } },
      ...meta,
    });

  it('nothing to adopt: takes the lease with a conditional PutItem, looks again, then creates', async () => {
    // Act
    const state = await createDirectoryCore(input(), deps());
    // Assess
    const puts = ddb.commandCalls(PutItemCommand);
    assert.equal(puts.length, 1);
    assert.deepEqual(puts[0]?.args[0].input, {
      TableName: LOCK_TABLE,
      Item: { pk: { S: `dir#${VPC}#corp.example.com` }, owner: { S: EXEC }, expiresAt: { N: String(NOW_S + 900) } },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :me',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':now': { N: String(NOW_S) }, ':me': { S: EXEC } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    assert.equal(ds.commandCalls(DescribeDirectoriesCommand).length, 2, 'looked before and after taking the lease');
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 1);
    assert.deepEqual([state.DirectoryId, state.Adopted], ['d-aaaaaaaaaa', false]);
  });

  it('held by another execution → DirectoryCreationInProgressError naming it; no create', async () => {
    // Prepare
    ddb.on(PutItemCommand).rejects(held(OTHER));
    // Act + Assess
    await assert.rejects(createDirectoryCore(input(), deps()), (e: Error) => {
      assert.equal(e.name, 'DirectoryCreationInProgressError');
      assert.ok(e.message.includes(OTHER), e.message);
      assert.match(e.message, /corp\.example\.com/);
      return true;
    });
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
    assert.equal(ds.commandCalls(DescribeDirectoriesCommand).length, 1, 'no second look without the lease');
  });

  it('held by this execution (a retry or redrive after a lost response): the condition lets it re-acquire, then create or adopt', async () => {
    // Prepare: DynamoDB evaluates `#owner = :me` as true, so PutItem succeeds; the request carries our ARN as :me.
    // Act
    const created = await createDirectoryCore(input(), deps());
    // Assess
    const put = ddb.commandCalls(PutItemCommand)[0]?.args[0].input;
    assert.deepEqual(put?.ExpressionAttributeValues?.[':me'], { S: EXEC });
    assert.deepEqual(put?.Item?.['owner'], { S: EXEC });
    assert.equal(created.Adopted, false);
    // ...and when the earlier attempt's create went through, the second look adopts it.
    ds.reset();
    ds.on(ListTagsForResourceCommand).resolves({ Tags: [] });
    ds.on(DescribeDirectoriesCommand).resolvesOnce({ DirectoryDescriptions: [] }).resolves({ DirectoryDescriptions: [existing({ Stage: 'Requested', LaunchTime: NOW })] });
    ds.on(ListTagsForResourceCommand).resolves({ Tags: input().Directory.Tags ?? [] });
    const adopted = await createDirectoryCore(input(), deps());
    assert.deepEqual([adopted.DirectoryId, adopted.Adopted], ['d-1234567890', true]);
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
  });

  it('found after acquiring (the holder just finished) → adopted, no create', async () => {
    // Prepare
    ds.on(DescribeDirectoriesCommand).resolvesOnce({ DirectoryDescriptions: [] }).resolves({ DirectoryDescriptions: [existing({ Stage: 'Creating', LaunchTime: NOW })] });
    // Act
    const state = await createDirectoryCore(input(), deps());
    // Assess
    assert.equal(ddb.commandCalls(PutItemCommand).length, 1);
    assert.deepEqual([state.DirectoryId, state.Adopted, state.Stage], ['d-1234567890', true, 'Creating']);
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
  });

  it('found after acquiring but differing from the request → DirectoryConflictError, the lease released, no create', async () => {
    ds.on(DescribeDirectoriesCommand).resolvesOnce({ DirectoryDescriptions: [] }).resolves({ DirectoryDescriptions: [existing({ Size: 'Large', Stage: 'Creating' })] });
    ddb.on(DeleteItemCommand).resolves({});
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'DirectoryConflictError' });
    assert.equal(ddb.commandCalls(PutItemCommand).length, 1);
    assert.equal(ddb.commandCalls(DeleteItemCommand).length, 1, 'the lease is released');
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
  });

  it('a weak secret fails before the lease is taken, so it holds no other execution back', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'password' });
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'InvalidRequestError' });
    assert.equal(ddb.commandCalls(PutItemCommand).length, 0);
  });

  it('a create Directory Service rejected releases this execution\'s lease at once; a 5xx (maybe created) keeps it', async () => {
    // Prepare: the limit is reached (a client fault: certainly nothing created)
    ds.on(CreateDirectoryCommand).rejects(new DirectoryLimitExceededException({ message: 'limit', ...meta }));
    // Act + Assess
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'DirectoryLimitExceededException' });
    const deletes = ddb.commandCalls(DeleteItemCommand);
    assert.equal(deletes.length, 1);
    assert.deepEqual(deletes[0]?.args[0].input, {
      TableName: LOCK_TABLE,
      Key: { pk: { S: `dir#${VPC}#corp.example.com` } },
      ConditionExpression: '#owner = :me',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':me': { S: EXEC } },
    });
    // A server fault may have created the directory (lost response): the lease stays for this execution's retry.
    ddb.resetHistory();
    ds.on(CreateDirectoryCommand).rejects(new ServiceException({ message: 'boom', ...meta }));
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'ServiceException' });
    assert.equal(ddb.commandCalls(DeleteItemCommand).length, 0);
  });

  it('a failed release is logged and never hides the create error', async () => {
    ds.on(CreateDirectoryCommand).rejects(new DirectoryLimitExceededException({ message: 'limit', ...meta }));
    ddb.on(DeleteItemCommand).rejects(Object.assign(new Error('nope'), { name: 'AccessDeniedException' }));
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'DirectoryLimitExceededException' });
  });

  it('adopting takes no lock; other DynamoDB errors keep their names (retried or caught by the catalog)', async () => {
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [existing()] });
    await createDirectoryCore(input(), deps());
    assert.equal(ddb.commandCalls(PutItemCommand).length, 0);
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [] });
    const throttled = Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' });
    ddb.on(PutItemCommand).rejects(throttled);
    await assert.rejects(createDirectoryCore(input(), deps()), { name: 'ProvisionedThroughputExceededException' });
    assert.equal(ds.commandCalls(CreateDirectoryCommand).length, 0);
  });
});

describe('GetDirectoryStage handler', () => {
  const polled = (over: Partial<DirectoryPollState> = {}): DirectoryPollState => ({
    DirectoryId: 'd-aaaaaaaaaa', DirectoryType: 'SimpleAD', Adopted: false, Stage: 'Requested', StageReason: null, Warnings: [],
    WaitStartedAt: '2026-01-01T12:00:00.000Z', Deadline: '2026-01-01T13:00:00.000Z', ElapsedSeconds: 0, ...over,
  });
  let now = NOW;
  const stageDeps = () => ({ directoryService: new DirectoryServiceClient({ region: 'us-east-1' }), now: () => now });
  const poll = () => getDirectoryStageCore({ ExecutionId: EXEC, Directory: polled() }, stageDeps());

  it('Creating → DirectoryNotReadyError (polled again by the Retry); asks for exactly this directory', async () => {
    now = new Date('2026-01-01T12:08:45Z');
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [existing({ DirectoryId: 'd-aaaaaaaaaa', Stage: 'Creating' })] });
    await assert.rejects(poll(), {
      name: 'DirectoryNotReadyError',
      message: 'Directory d-aaaaaaaaaa is Creating after 525 s of waiting (deadline 2026-01-01T13:00:00.000Z)',
    });
    assert.deepEqual(ds.commandCalls(DescribeDirectoriesCommand)[0]?.args[0].input, { DirectoryIds: ['d-aaaaaaaaaa'] });
  });

  it('Active → the state document with the seconds waited; Failed → DirectoryFailed carrying StageReason', async () => {
    now = new Date('2026-01-01T12:10:00Z');
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [existing({ DirectoryId: 'd-aaaaaaaaaa', Stage: 'Active' })] });
    assert.deepEqual(await poll(), { ...polled(), Stage: 'Active', ElapsedSeconds: 600 });
    ds.on(DescribeDirectoriesCommand).resolves({
      DirectoryDescriptions: [existing({ DirectoryId: 'd-aaaaaaaaaa', Stage: 'Failed', StageReason: 'Insufficient IP addresses' })],
    });
    await assert.rejects(poll(), { name: 'DirectoryFailed', message: 'Directory d-aaaaaaaaaa is Failed: Insufficient IP addresses' });
  });

  it('still Creating at the deadline → DirectoryActivationTimeoutError', async () => {
    now = new Date('2026-01-01T13:00:00Z');
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [existing({ DirectoryId: 'd-aaaaaaaaaa', Stage: 'Creating' })] });
    await assert.rejects(poll(), { name: 'DirectoryActivationTimeoutError' });
  });

  it('throttling is renamed; EntityDoesNotExistException keeps its name, also for an empty answer', async () => {
    ds.on(DescribeDirectoriesCommand).rejects(new ClientException({ message: 'Rate exceeded', ...meta }));
    await assert.rejects(poll(), { name: 'DirectoryServiceThrottledError' });
    ds.on(DescribeDirectoriesCommand).rejects(new EntityDoesNotExistException({ message: 'no such directory', ...meta }));
    await assert.rejects(poll(), { name: 'EntityDoesNotExistException' });
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [] });
    await assert.rejects(poll(), { name: 'EntityDoesNotExistException' });
  });
});
