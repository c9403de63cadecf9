import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACMPCAClient, DescribeCertificateAuthorityCommand } from '@aws-sdk/client-acm-pca';
import { DescribeDirectoriesCommand, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { setEnv } from '../../../../tools/env.ts';
import type { Emulator } from '../../../../tools/local/emulator/index.ts';
import { CA_ACTIVE, CA_DISABLED, SG_1, SG_OTHER_VPC, SUBNET_A, SUBNET_B, SUBNET_OTHER_VPC, VPC, clients, errorOf, start } from './helpers.ts';

describe('Secrets Manager, ACM PCA, EC2, EventBridge', () => {
  let emu: Emulator;
  let c: ReturnType<typeof clients>;
  before(async () => {
    emu = await start();
    c = clients(emu);
  });
  after(() => emu.stop());

  test('Secrets Manager: GetSecretValue/DescribeSecret by name and ARN; unknown -> ResourceNotFoundException', async () => {
    // Act
    const byName = await c.sm.send(new GetSecretValueCommand({ SecretId: 'ad-cert-orchestrator/ad-admin-password' }));
    const byArn = await c.sm.send(new GetSecretValueCommand({ SecretId: byName.ARN }));
    const described = await c.sm.send(new DescribeSecretCommand({ SecretId: 'ad-cert-orchestrator/ad-weak-password' }));
    const missing = await errorOf(c.sm.send(new GetSecretValueCommand({ SecretId: 'nope' })));
    const missingDescribe = await errorOf(c.sm.send(new DescribeSecretCommand({ SecretId: 'nope' })));
    // Assess
    assert.match(byName.ARN ?? '', /^arn:aws:secretsmanager:us-east-1:111122223333:secret:ad-cert-orchestrator\/ad-admin-password-[A-Za-z0-9]{6}$/);
    assert.equal(byArn.SecretString, byName.SecretString);
    assert.deepEqual(byName.VersionStages, ['AWSCURRENT']);
    assert.equal(described.Name, 'ad-cert-orchestrator/ad-weak-password');
    assert.ok(!('SecretString' in described));
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(missingDescribe.name, 'ResourceNotFoundException');
  });

  test('Secrets Manager: CreateSecret stores a value that GetSecretValue returns; a duplicate name -> ResourceExistsException', async () => {
    const created = await c.sm.send(new CreateSecretCommand({ Name: 'req-123/password', SecretString: 'N3w-Passw0rd!', Description: 'admin', Tags: [{ Key: 'k', Value: 'v' }] }));
    const meta = await c.sm.send(new DescribeSecretCommand({ SecretId: 'req-123/password' }));
    const read = await c.sm.send(new GetSecretValueCommand({ SecretId: created.ARN }));
    const dup = await errorOf(c.sm.send(new CreateSecretCommand({ Name: 'req-123/password', SecretString: 'x' })));
    assert.equal(read.SecretString, 'N3w-Passw0rd!');
    assert.equal(read.Name, 'req-123/password');
    assert.equal(meta.Description, 'admin');
    assert.deepEqual(meta.Tags, [{ Key: 'k', Value: 'v' }]);
    assert.equal(dup.name, 'ResourceExistsException');
  });

  test('ACM PCA: DescribeCertificateAuthority; unknown -> ResourceNotFoundException; malformed -> InvalidArnException', async () => {
    const active = await c.pca.send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: CA_ACTIVE }));
    const disabled = await c.pca.send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: CA_DISABLED }));
    const unknown = await errorOf(c.pca.send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: CA_ACTIVE.replace('5555', 'aaaa') })));
    const malformed = await errorOf(c.pca.send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: 'arn:aws:acm-pca:x' })));
    assert.equal(active.CertificateAuthority?.Arn, CA_ACTIVE);
    assert.equal(active.CertificateAuthority?.Status, 'ACTIVE');
    assert.equal(active.CertificateAuthority?.OwnerAccount, '111122223333');
    assert.equal(disabled.CertificateAuthority?.Status, 'DISABLED');
    assert.equal(unknown.name, 'ResourceNotFoundException');
    assert.equal(malformed.name, 'InvalidArnException');
  });

  test('EC2: DescribeVpcs/Subnets/SecurityGroups by id and vpc-id filter; unknown ids -> *.NotFound', async () => {
    // Act
    const vpcs = await c.ec2.send(new DescribeVpcsCommand({ VpcIds: [VPC] }));
    const subnets = await c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SUBNET_A, SUBNET_B, SUBNET_OTHER_VPC] }));
    const inVpc = await c.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [VPC] }] }));
    const groups = await c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [SG_1, SG_OTHER_VPC] }));
    const errors = await Promise.all([
      errorOf(c.ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-00000000000000000'] }))),
      errorOf(c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SUBNET_A, 'subnet-00000000000000000'] }))),
      errorOf(c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-00000000000000000'] }))),
      errorOf(c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-nothex'] }))),
    ]);
    // Assess
    assert.equal(vpcs.Vpcs?.[0]?.CidrBlock, '10.0.0.0/16');
    assert.deepEqual(subnets.Subnets?.map((s) => [s.SubnetId, s.VpcId, s.AvailabilityZone]), [
      [SUBNET_A, VPC, 'us-east-1a'], [SUBNET_B, VPC, 'us-east-1b'], [SUBNET_OTHER_VPC, 'vpc-0f9e8d7c6b5a40321', 'us-east-1c'],
    ]);
    assert.deepEqual(inVpc.Subnets?.map((s) => s.SubnetId), [SUBNET_A, SUBNET_B]);
    assert.deepEqual(groups.SecurityGroups?.map((g) => [g.GroupId, g.VpcId]), [[SG_1, VPC], [SG_OTHER_VPC, 'vpc-0f9e8d7c6b5a40321']]);
    assert.deepEqual(errors.map((e) => [e.name, e.$metadata?.httpStatusCode]), [
      ['InvalidVpcID.NotFound', 400], ['InvalidSubnetID.NotFound', 400], ['InvalidGroup.NotFound', 400], ['InvalidSubnetID.Malformed', 400],
    ]);
    assert.match(errors[1]?.message ?? '', /subnet-00000000000000000/);
  });

  test('EventBridge: PutEvents keeps every entry with its parsed Detail and returns EventIds; bad entries fail per entry', async () => {
    // Act
    const out = await c.events.send(new PutEventsCommand({
      Entries: [
        { Source: 'ad-cert-orchestrator', DetailType: 'Provisioning Succeeded', EventBusName: 'default', Detail: JSON.stringify({ DirectoryId: 'd-1' }) },
        { Source: 'x', DetailType: 'y', Detail: '{not json' },
      ],
    }));
    // Assess
    assert.equal(out.FailedEntryCount, 1);
    assert.match(out.Entries?.[0]?.EventId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(out.Entries?.[1]?.ErrorCode, 'MalformedDetail');
    assert.deepEqual(emu.events, [{ Source: 'ad-cert-orchestrator', DetailType: 'Provisioning Succeeded', EventBusName: 'default', Detail: { DirectoryId: 'd-1' } }]);
  });
});

test('env(): SDK clients built with no endpoint reach the emulator through AWS_ENDPOINT_URL_<SERVICE>', async () => {
  // Prepare
  const emu = await start();
  const restore = setEnv(emu.env());
  try {
    // Act
    const ds = await new DirectoryServiceClient({}).send(new DescribeDirectoriesCommand({}));
    const sm = await new SecretsManagerClient({}).send(new DescribeSecretCommand({ SecretId: 'ad-cert-orchestrator/ad-admin-password' }));
    const ec2 = await new EC2Client({}).send(new DescribeVpcsCommand({}));
    const pca = await new ACMPCAClient({}).send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: CA_ACTIVE }));
    const ev = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }));
    const ddb = await new DynamoDBClient({}).send(new PutItemCommand({ TableName: 'locks', Item: { pk: { S: 'k' } } }));
    const sqs = new SQSClient({});
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: emu.deadLetterQueueUrl, MessageBody: '{"a":1}' }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: emu.deadLetterQueueUrl, MaxNumberOfMessages: 10 }));
    const missing = await sqs.send(new SendMessageCommand({ QueueUrl: `${emu.endpoint}/000000000000/nope`, MessageBody: 'x' })).catch((e: Error) => e);
    // Assess
    assert.deepEqual(ds.DirectoryDescriptions?.map((d) => d.Name), ['existing.example.com'], 'the seed\'s one directory');
    assert.equal(sm.Name, 'ad-cert-orchestrator/ad-admin-password');
    assert.equal(ec2.Vpcs?.length, 2);
    assert.equal(pca.CertificateAuthority?.Status, 'ACTIVE');
    assert.equal(ev.FailedEntryCount, 0);
    assert.deepEqual(Object.keys(emu.env()).sort(), [
      'AWS_ACCESS_KEY_ID', 'AWS_ENDPOINT_URL_ACM_PCA', 'AWS_ENDPOINT_URL_DIRECTORY_SERVICE', 'AWS_ENDPOINT_URL_DIRECTORY_SERVICE_DATA', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_EC2', 'AWS_ENDPOINT_URL_EVENTBRIDGE', 'AWS_ENDPOINT_URL_LAMBDA',
      'AWS_ENDPOINT_URL_PCA_CONNECTOR_AD', 'AWS_ENDPOINT_URL_RAM', 'AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_ENDPOINT_URL_SQS', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY',
    ]);
    assert.ok(sent.MessageId, 'the SDK accepted the MD5 of the body');
    assert.deepEqual(received.Messages?.map((m) => m.Body), ['{"a":1}']);
    assert.deepEqual(emu.deadLetters().map((m) => m.Body), ['{"a":1}']);
    assert.equal((missing as Error).name, 'QueueDoesNotExist');
    assert.equal(emu.apiCalls['SecretsManager.DescribeSecret'], 1);
    assert.equal(emu.apiCalls['EC2.DescribeVpcs'], 1);
    assert.equal(emu.apiCalls['ACMPCA.DescribeCertificateAuthority'], 1);
    assert.equal(emu.apiCalls['EventBridge.PutEvents'], 1);
    assert.deepEqual(ddb.$metadata.httpStatusCode, 200);
    assert.equal(emu.apiCalls['DynamoDB.PutItem'], 1);
  } finally {
    restore();
    await emu.stop();
  }
});
