/**
 * The Directory Service + Secrets Manager + EC2 half of the workflow against moto_server (an independent AWS
 * implementation), the rest (ACM PCA, PCA Connector AD, EventBridge) against the embedded emulator: the engine must
 * honour AWS_ENDPOINT_URL_<SERVICE> variables the user already set. Skips, with the reason, where moto is absent.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DescribeDirectoriesCommand, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GENEROUS_CHILD_MS } from '../../support/limits.ts';
import { MOTO_MISSING, onPath, startMoto } from '../../support/moto.ts';
import { sampleRequest } from '../../fixtures.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;

test('provisioning with Directory Service, Secrets Manager and EC2 on moto_server succeeds', async (t) => {
  if (!onPath('moto_server')) {
    t.skip(MOTO_MISSING);
    return;
  }
  const moto = await startMoto();
  const tmp = mkdtempSync(join(tmpdir(), 'adco-moto-'));
  try {
    // Prepare: the network and the password secret exist in moto, as they would in the user's account.
    const ec2 = new EC2Client(moto.config);
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc?.VpcId ?? '';
    const subnet = async (AvailabilityZone: string, CidrBlock: string) =>
      (await ec2.send(new CreateSubnetCommand({ VpcId, AvailabilityZone, CidrBlock }))).Subnet?.SubnetId ?? '';
    const subnets = [await subnet('us-east-1a', '10.20.1.0/24'), await subnet('us-east-1b', '10.20.2.0/24')];
    const sg = (await ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: 'connector', Description: 'connector' }))).GroupId ?? '';
    const password = 'Moto-Adm1n-Passw0rd!';
    await new SecretsManagerClient(moto.config).send(new CreateSecretCommand({ Name: 'ad-cert-orchestrator/moto-ad-admin', SecretString: password }));

    const sample = sampleRequest();
    sample.Directory.PasswordSecretId = 'ad-cert-orchestrator/moto-ad-admin';
    sample.Directory.VpcSettings = { VpcId, SubnetIds: subnets };
    sample.Connector.VpcInformation.SecurityGroupIds = [sg];
    const inputPath = join(tmp, 'input.json');
    writeFileSync(inputPath, JSON.stringify(sample));

    // Act: the CLI, with the standard endpoint variables for three services pointing at moto.
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'tools/local/cli.ts', '--input', inputPath, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: GENEROUS_CHILD_MS,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL_DIRECTORY_SERVICE: moto.url,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: moto.url,
        AWS_ENDPOINT_URL_EC2: moto.url,
      },
    });

    // Assert: success, the directory is moto's, and the emulator was not asked for those services.
    assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
    const out = JSON.parse(res.stdout) as { status: string; output: { DirectoryId: string; ConnectorArn: string }; apiCalls: Record<string, number> };
    assert.equal(out.status, 'SUCCEEDED');
    const dirs = await new DirectoryServiceClient(moto.config).send(new DescribeDirectoriesCommand({}));
    assert.deepEqual(dirs.DirectoryDescriptions?.map((d) => d.DirectoryId), [out.output.DirectoryId]);
    assert.equal(dirs.DirectoryDescriptions?.[0]?.VpcSettings?.VpcId, VpcId);
    assert.equal(out.apiCalls['DirectoryService.CreateDirectory'] ?? 0, 0, 'emulator DS not used');
    assert.equal(out.apiCalls['EC2.DescribeSubnets'] ?? 0, 0, 'emulator EC2 not used');
    assert.equal(out.apiCalls['PcaConnectorAd.CreateConnector'], 1);
    assert.match(out.output.ConnectorArn, /^arn:aws:pca-connector-ad:/);
    assert.ok(!res.stdout.includes(password) && !res.stderr.includes(password), 'password never printed');
  } finally {
    moto.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
});
