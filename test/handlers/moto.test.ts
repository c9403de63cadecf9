/**
 * The handlers against an independent AWS implementation (moto_server): real wire protocols for EC2 (query/XML),
 * Directory Service and Secrets Manager (awsJson1_1), ACM PCA. Skips with a visible reason where moto is absent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACMPCAClient, CreateCertificateAuthorityCommand } from '@aws-sdk/client-acm-pca';
import { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { InvalidRequestError } from '../../src/domain/errors.ts';
import { createDirectoryCore } from '../../src/handlers/create-directory.ts';
import { getDirectoryStageCore } from '../../src/handlers/get-directory-stage.ts';
import { validateRequestCore } from '../../src/handlers/validate-request.ts';
import { logger } from '../../src/lib/logger.ts';
import { DynamoDbDirectoryLeaseStore } from '../../src/persistence/directory-lease-store.ts';
import { MOTO_MISSING, onPath, startMoto } from '../support/moto.ts';
import type { Moto } from '../support/moto.ts';
import { sampleRequest } from '../fixtures.ts';
import type { RequestWithConnector } from '../fixtures.ts';

const EXEC = 'arn:aws:states:us-east-1:123456789012:execution:provision:moto-1';
const PASSWORD = 'M0to-Adm1n-Passw0rd!';
const LOCK_TABLE = 'directory-locks';
const hasMoto = onPath('moto_server');
if (!hasMoto) console.log(`# handler-moto: skipped, ${MOTO_MISSING}`);

describe('handlers against moto_server', { skip: hasMoto ? false : MOTO_MISSING }, () => {
  let moto: Moto;
  let clients: { ec2: EC2Client; acmPca: ACMPCAClient; secretsManager: SecretsManagerClient; ds: DirectoryServiceClient; dsCreate: DirectoryServiceClient; dynamoDb: DynamoDBClient };
  let request: RequestWithConnector;

  before(async () => {
    logger.setLogLevel('SILENT');
    moto = await startMoto();
    clients = {
      ec2: new EC2Client(moto.config),
      acmPca: new ACMPCAClient(moto.config),
      secretsManager: new SecretsManagerClient(moto.config),
      ds: new DirectoryServiceClient(moto.config),
      dsCreate: new DirectoryServiceClient(moto.config),
      dynamoDb: new DynamoDBClient(moto.config),
    };
    const vpc = await clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const VpcId = vpc.Vpc?.VpcId ?? '';
    const a = await clients.ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }));
    const b = await clients.ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1b' }));
    const sg = await clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'pca-connector', Description: 'connector', VpcId }));
    await clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg.GroupId ?? '', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }],
    }));
    await clients.secretsManager.send(new CreateSecretCommand({ Name: 'ad-cert-orchestrator/ad-admin-password', SecretString: PASSWORD }));
    // The creation lease's table, as serverless.yml declares it (moto evaluates the conditional PutItem too).
    await clients.dynamoDb.send(new CreateTableCommand({
      TableName: LOCK_TABLE, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }));
    const ca = await clients.acmPca.send(
      new CreateCertificateAuthorityCommand({
        CertificateAuthorityType: 'ROOT',
        CertificateAuthorityConfiguration: { KeyAlgorithm: 'RSA_2048', SigningAlgorithm: 'SHA256WITHRSA', Subject: { CommonName: 'corp' } },
      } as never),
    );
    // The sample request, on moto's VPC, subnets, security group and CA.
    const sample = sampleRequest();
    request = {
      Directory: { ...sample.Directory, VpcSettings: { VpcId, SubnetIds: [a.Subnet?.SubnetId ?? '', b.Subnet?.SubnetId ?? ''] } },
      Connector: {
        ...sample.Connector,
        CertificateAuthorityArn: (ca as { CertificateAuthorityArn?: string }).CertificateAuthorityArn ?? '',
        VpcInformation: { SecurityGroupIds: [sg.GroupId ?? ''] },
      },
    };
  });
  after(() => {
    logger.setLogLevel('INFO');
    moto?.stop();
  });

  const validateDeps = () => ({ ec2: clients.ec2, acmPca: clients.acmPca, secretsManager: clients.secretsManager });

  it('ValidateRequest reads what moto holds: only the not-yet-ACTIVE CA is reported', async () => {
    // Act
    const error = await validateRequestCore({ ExecutionId: EXEC, Request: request }, validateDeps()).catch((e: unknown) => e);
    // Assess: a fresh moto CA is PENDING_CERTIFICATE
    assert.ok(error instanceof InvalidRequestError, String(error));
    assert.deepEqual(error.violations.map((v) => v.path), ['Connector.CertificateAuthorityArn']);
    assert.match(error.message, /PENDING_CERTIFICATE; it must be ACTIVE/);
  });

  it('ValidateRequest maps real EC2/ACM PCA/Secrets Manager NotFound errors to violations', async () => {
    // Prepare
    const broken = JSON.parse(JSON.stringify(request)) as RequestWithConnector;
    broken.Directory.VpcSettings.SubnetIds[1] = 'subnet-0123456789abcdef0';
    broken.Connector.VpcInformation.SecurityGroupIds = ['sg-0123456789abcdef0'];
    broken.Connector.CertificateAuthorityArn = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555';
    broken.Directory.PasswordSecretId = 'ad-cert-orchestrator/no-such-secret';
    // Act
    const error = await validateRequestCore({ ExecutionId: EXEC, Request: broken }, validateDeps()).catch((e: unknown) => e);
    // Assess
    assert.ok(error instanceof InvalidRequestError, String(error));
    assert.deepEqual(error.violations.map((v) => v.path).sort(), [
      'Connector.CertificateAuthorityArn',
      'Connector.VpcInformation.SecurityGroupIds[0]',
      'Directory.PasswordSecretId',
      'Directory.VpcSettings.SubnetIds[1]',
    ]);
  });

  it('CreateDirectory creates once, then adopts on a rerun; GetDirectoryStage reads the stage', async () => {
    // Prepare
    const deps = { directoryService: clients.ds, directoryServiceCreate: clients.dsCreate, secretsManager: clients.secretsManager, leases: new DynamoDbDirectoryLeaseStore(clients.dynamoDb, LOCK_TABLE), now: () => new Date() };
    const input = { ExecutionId: EXEC, Directory: request.Directory, DirectoryType: 'SimpleAD' as const, TimeoutSeconds: 3600 };
    // Act
    const first = await createDirectoryCore(input, deps);
    const again = await createDirectoryCore({ ...input, ExecutionId: `${EXEC}-rerun` }, deps);
    const polled = await getDirectoryStageCore({ ExecutionId: EXEC, Directory: first }, { directoryService: clients.ds, now: () => new Date() });
    // Assess
    assert.match(first.DirectoryId, /^d-[0-9a-f]{10}$/);
    assert.equal(first.Adopted, false);
    assert.deepEqual([again.DirectoryId, again.Adopted], [first.DirectoryId, true]);
    assert.equal(polled.Stage, 'Active'); // moto: Active at once
    assert.equal(polled.Deadline, first.Deadline);
  });

  it('CreateDirectory for MicrosoftAD with the same name and VPC → DirectoryConflictError', async () => {
    const deps = { directoryService: clients.ds, directoryServiceCreate: clients.dsCreate, secretsManager: clients.secretsManager, leases: new DynamoDbDirectoryLeaseStore(clients.dynamoDb, LOCK_TABLE), now: () => new Date() };
    await assert.rejects(
      createDirectoryCore({ ExecutionId: EXEC, Directory: { ...request.Directory, Type: 'MicrosoftAD' }, DirectoryType: 'MicrosoftAD', TimeoutSeconds: 3600 }, deps),
      { name: 'DirectoryConflictError' },
    );
  });

  it('CreateMicrosoftAD under another name is accepted by moto', async () => {
    const deps = { directoryService: clients.ds, directoryServiceCreate: clients.dsCreate, secretsManager: clients.secretsManager, leases: new DynamoDbDirectoryLeaseStore(clients.dynamoDb, LOCK_TABLE), now: () => new Date() };
    const { Size: _size, ...rest } = request.Directory;
    const state = await createDirectoryCore(
      { ExecutionId: EXEC, Directory: { ...rest, Type: 'MicrosoftAD', Name: 'managed.example.com', ShortName: 'MANAGED', Edition: 'Standard' }, DirectoryType: 'MicrosoftAD', TimeoutSeconds: 3600 },
      deps,
    );
    assert.deepEqual([state.DirectoryType, state.Adopted, state.Stage], ['MicrosoftAD', false, 'Requested']);
  });

  it('the creation lease on moto DynamoDB: held by another → DirectoryCreationInProgressError; own or lapsed lease → created', async () => {
    // Prepare: a lease on a not-yet-existing directory name, held by another execution until now + 600 s
    let clock = new Date('2026-01-01T12:00:00Z');
    const deps = { directoryService: clients.ds, directoryServiceCreate: clients.dsCreate, secretsManager: clients.secretsManager, leases: new DynamoDbDirectoryLeaseStore(clients.dynamoDb, LOCK_TABLE), now: () => clock };
    const Directory = { ...request.Directory, Name: 'Locked.Example.com', ShortName: 'LOCKED' };
    const key = `dir#${request.Directory.VpcSettings.VpcId}#locked.example.com`;
    const other = `${EXEC}-other`;
    await clients.dynamoDb.send(new PutItemCommand({
      TableName: LOCK_TABLE, Item: { pk: { S: key }, owner: { S: other }, expiresAt: { N: String(clock.getTime() / 1000 + 600) } },
    }));
    const input = { ExecutionId: EXEC, Directory, DirectoryType: 'SimpleAD' as const, TimeoutSeconds: 3600 };
    // Act + Assess: moto evaluates the same ConditionExpression
    await assert.rejects(createDirectoryCore(input, deps), (e: Error) => e.name === 'DirectoryCreationInProgressError' && e.message.includes(other));
    clock = new Date(clock.getTime() + 601_000); // the other's lease lapsed
    const created = await createDirectoryCore(input, deps);
    assert.equal(created.Adopted, false);
    // our own unexpired lease (a retry after a lost response) is re-acquired
    const mine = { ...Directory, Name: 'mine.example.com', ShortName: 'MINE' };
    await clients.dynamoDb.send(new PutItemCommand({
      TableName: LOCK_TABLE,
      Item: { pk: { S: `dir#${request.Directory.VpcSettings.VpcId}#mine.example.com` }, owner: { S: EXEC }, expiresAt: { N: String(clock.getTime() / 1000 + 600) } },
    }));
    assert.equal((await createDirectoryCore({ ...input, Directory: mine }, deps)).Adopted, false);
  });
});
