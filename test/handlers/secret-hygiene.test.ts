/**
 * Secret hygiene and logging, through the real middy handlers (registry), with the known admin password in the
 * mocked secret: it must appear in no log line, no error message/stack/violation and no output. Only the
 * CreateDirectory request to Directory Service carries it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Context } from 'aws-lambda';
import { ACMPCAClient, DescribeCertificateAuthorityCommand } from '@aws-sdk/client-acm-pca';
import {
  CreateDirectoryCommand,
  DescribeDirectoriesCommand,
  DirectoryServiceClient,
  InvalidParameterException,
} from '@aws-sdk/client-directory-service';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { TaskHandler } from '../../src/lib/wrap-handler.ts';
import { captureOutput } from '../../tools/verify/capture.ts';
import { readEvent } from '../fixtures.ts';

// Log everything, and ask Powertools to log events: the handlers must still not log them.
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
process.env.AWS_REGION ??= 'us-east-1';
process.env.COORDINATION_TABLE_NAME ??= 'hygiene-directory-locks';
process.env.RECORDS_TABLE_NAME ??= 'hygiene-records';
const { TASK_HANDLERS } = await import('../../src/handlers/registry.ts');
const { logger } = await import('../../src/lib/logger.ts');
const { resetClients } = await import('../../src/aws/clients.ts');

const PASSWORD = 'Kn0wn-Secret-Passw0rd!';
const WEAK = 'knownweakpassword1';
const EXEC = 'arn:aws:states:us-east-1:111122223333:execution:provision:hygiene-1';
const request = (): Record<string, Record<string, unknown>> => readEvent('execution-input.json');

const context = (name: string): Context =>
  ({
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:111122223333:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId: 'req-0001',
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

const ds = mockClient(DirectoryServiceClient);
const sm = mockClient(SecretsManagerClient);
const ec2 = mockClient(EC2Client);
const ddb = mockClient(DynamoDBClient);
// @aws-sdk/client-acm-pca 3.523 (the newest our registry serves) is typed against an older @smithy/types than
// aws-sdk-client-mock: same runtime, so the ACM PCA stub is typed loosely through this one helper.
const pca = mockClient(ACMPCAClient as never);
const onDescribeCa = () => pca.on(DescribeCertificateAuthorityCommand as never);
const caStatus = (Status: string) => ({ CertificateAuthority: { Status } }) as never;

/** Runs a handler while capturing everything written to stdout/stderr. */
const run = async (handler: TaskHandler, event: unknown): Promise<{ output: unknown; error: unknown; logs: string }> => {
  let output: unknown;
  let error: unknown;
  const { output: logs } = await captureOutput(async () => {
    try {
      output = await handler(event, context('fn'));
    } catch (e) {
      error = e;
    }
  });
  return { output, error, logs };
};

const assertClean = (r: { output: unknown; error: unknown; logs: string }, secret: string): void => {
  assert.ok(!r.logs.includes(secret), 'secret in a log line');
  assert.ok(!JSON.stringify(r.output ?? null).includes(secret), 'secret in the output');
  if (r.error instanceof Error) {
    assert.ok(!r.error.message.includes(secret), 'secret in the error message');
    assert.ok(!(r.error.stack ?? '').includes(secret), 'secret in the stack');
    assert.ok(!JSON.stringify(r.error).includes(secret), 'secret in the error fields (violations)');
  }
};

const logLines = (logs: string): Record<string, unknown>[] =>
  logs.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);

before(() => resetClients());
after(() => resetClients());
beforeEach(() => {
  for (const m of [ds, sm, ec2, pca, ddb]) m.reset();
  logger.setLogLevel('DEBUG');
  sm.on(GetSecretValueCommand).resolves({ SecretString: PASSWORD });
  ec2.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      { SubnetId: 'subnet-0a1b2c3d4e5f6a001', VpcId: 'vpc-0a1b2c3d4e5f60718', AvailabilityZone: 'us-east-1a' },
      { SubnetId: 'subnet-0a1b2c3d4e5f6b002', VpcId: 'vpc-0a1b2c3d4e5f60718', AvailabilityZone: 'us-east-1b' },
    ],
  });
  // The connector's group lets TCP 443 in from the VPC (the preflight's rule).
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0a1b2c3d4e5f60718', CidrBlock: '10.0.0.0/16' }] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({
    SecurityGroups: [{
      GroupId: 'sg-0a1b2c3d4e5f6a101',
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }],
    }],
  });
  onDescribeCa().resolves(caStatus('ACTIVE'));
  ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [] });
  ds.on(CreateDirectoryCommand).resolves({ DirectoryId: 'd-aaaaaaaaaa' });
  ddb.on(PutItemCommand).resolves({});
});

describe('secret hygiene through the Lambda handlers', () => {
  it('ValidateRequest (valid): logs carry executionArn + state, never the event or the secret', async () => {
    // Act
    const r = await run(TASK_HANDLERS.ValidateRequest, { ExecutionId: EXEC, Request: request() });
    // Assess
    assert.equal(r.error, undefined);
    assertClean(r, PASSWORD);
    const lines = logLines(r.logs);
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.equal(line['executionArn'], EXEC);
      assert.equal(line['state'], 'ValidateRequest');
      assert.equal(line['service'], 'ad-cert-orchestrator');
      assert.notEqual(line['message'], 'Lambda invocation event');
      assert.equal(line['event'], undefined);
    }
  });

  it('ValidateRequest with the password inline in the request: rejected, not echoed, not logged', async () => {
    // Prepare
    const req = request();
    req['Directory'] = { ...req['Directory'], Password: PASSWORD };
    // Act
    const r = await run(TASK_HANDLERS.ValidateRequest, { ExecutionId: EXEC, Request: req });
    // Assess
    assert.equal((r.error as Error).name, 'InvalidRequestError');
    assertClean(r, PASSWORD);
  });

  it('ValidateRequest with a weak password in the secret: the rule is named, the value is not', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ password: WEAK }) });
    const r = await run(TASK_HANDLERS.ValidateRequest, { ExecutionId: EXEC, Request: request() });
    assert.match((r.error as Error).message, /complexity rule/);
    assertClean(r, WEAK);
  });

  it('CreateDirectory: the password goes to Directory Service only', async () => {
    // Act
    const r = await run(TASK_HANDLERS.CreateDirectory, {
      ExecutionId: EXEC, Directory: request()['Directory'], DirectoryType: 'SimpleAD', TimeoutSeconds: 3600,
    });
    // Assess
    assert.equal(r.error, undefined);
    assertClean(r, PASSWORD);
    assert.equal(ds.commandCalls(CreateDirectoryCommand)[0]?.args[0].input.Password, PASSWORD);
    assert.ok(!JSON.stringify(ddb.commandCalls(PutItemCommand)[0]?.args[0].input).includes(PASSWORD), 'the lock item carries no secret');
    assert.ok(logLines(r.logs).every((l) => l['state'] === 'CreateDirectory' && l['executionArn'] === EXEC));
  });

  it('CreateDirectory failing at AWS or on a weak secret: no secret in the error or logs', async () => {
    ds.on(CreateDirectoryCommand).rejects(new InvalidParameterException({ message: 'Invalid password', $metadata: {} }));
    const event = { ExecutionId: EXEC, Directory: request()['Directory'], DirectoryType: 'SimpleAD', TimeoutSeconds: 3600 };
    const failed = await run(TASK_HANDLERS.CreateDirectory, event);
    assert.equal((failed.error as Error).name, 'InvalidParameterException');
    assertClean(failed, PASSWORD);
    const failure = logLines(failed.logs).find((l) => l['message'] === 'Task failed');
    assert.deepEqual([failure?.['errorName'], failure?.['state'], failure?.['executionArn']], ['InvalidParameterException', 'CreateDirectory', EXEC]);

    sm.on(GetSecretValueCommand).resolves({ SecretString: WEAK });
    const weak = await run(TASK_HANDLERS.CreateDirectory, event);
    assert.equal((weak.error as Error).name, 'InvalidRequestError');
    assertClean(weak, WEAK);
  });

  it('a poll that finds the directory still being created logs INFO, not a task failure (it is the poll loop)', async () => {
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [{ DirectoryId: 'd-aaaaaaaaaa', Stage: 'Creating' }] });
    const r = await run(TASK_HANDLERS.GetDirectoryStage, {
      ExecutionId: EXEC,
      Directory: {
        DirectoryId: 'd-aaaaaaaaaa', DirectoryType: 'SimpleAD', Adopted: false, Stage: 'Requested', StageReason: null,
        WaitStartedAt: '2000-01-01T00:00:00.000Z', Deadline: '2999-01-01T00:00:00.000Z', ElapsedSeconds: 0,
      },
    });
    assert.equal((r.error as Error).name, 'DirectoryNotReadyError');
    const lines = logLines(r.logs);
    assert.ok(!lines.some((l) => l['message'] === 'Task failed'));
    const notReady = lines.find((l) => l['errorName'] === 'DirectoryNotReadyError');
    assert.deepEqual([notReady?.['level'], notReady?.['state']], ['INFO', 'GetDirectoryStage']);
  });

  it('keys are reset between invocations (no executionArn leaks into the next one)', async () => {
    await run(TASK_HANDLERS.ValidateRequest, { ExecutionId: EXEC, Request: request() });
    ds.on(DescribeDirectoriesCommand).resolves({ DirectoryDescriptions: [{ DirectoryId: 'd-aaaaaaaaaa', Stage: 'Active' }] });
    const r = await run(TASK_HANDLERS.GetDirectoryStage, {
      Directory: {
        DirectoryId: 'd-aaaaaaaaaa', DirectoryType: 'SimpleAD', Adopted: false, Stage: 'Requested', StageReason: null,
        WaitStartedAt: '2026-01-01T12:00:00.000Z', Deadline: '2026-01-01T13:00:00.000Z', ElapsedSeconds: 0,
      },
    });
    assert.equal(r.error, undefined);
    const lines = logLines(r.logs);
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.equal(line['executionArn'], undefined);
      assert.equal(line['state'], 'GetDirectoryStage');
    }
  });
});
