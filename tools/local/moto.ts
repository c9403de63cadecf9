/**
 * A mixed world on moto_server (an independent AWS implementation): Directory Service, Secrets Manager, EC2 and ACM
 * PCA on moto, PCA Connector AD, EventBridge and DynamoDB in the embedded emulator, which consults moto for the
 * directory, the security group and the CA.
 *
 *  - `startMotoServer()`: moto_server on a free loopback port, ready when it says it is listening;
 *  - `seedMoto(url)`: what the README's prerequisites ask for, in moto: a VPC with subnets in two AZs, a security
 *    group, the admin password secret under the password-secret prefix, and an ACTIVE root CA with a common name
 *    (moto's CA is PENDING_CERTIFICATE until its certificate is imported: its CSR is issued as a root certificate and
 *    imported, as on AWS);
 *  - `npm run start:moto` (this file as a program): starts moto, seeds it, runs one provisioning (tools/local/cli.ts
 *    with the four `AWS_ENDPOINT_URL_<SERVICE>` variables pointing at moto), then counts the directories in moto.
 *    Exit codes: 0 SUCCEEDED with exactly one directory in moto, 1 otherwise, 2 moto_server not on PATH or a usage error.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  ACMPCAClient,
  CreateCertificateAuthorityCommand,
  DescribeCertificateAuthorityCommand,
  GetCertificateAuthorityCsrCommand,
  GetCertificateCommand,
  ImportCertificateAuthorityCertificateCommand,
  IssueCertificateCommand,
} from '@aws-sdk/client-acm-pca';
import { DescribeDirectoriesCommand, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EXIT_FAILED, EXIT_OK, UsageError, runMain } from '../cli/io.ts';

export const MOTO_REGION = 'us-east-1';
/** The services of the workflow moto serves here (the variables the SDK reads). */
export const MOTO_SERVICES = ['AWS_ENDPOINT_URL_DIRECTORY_SERVICE', 'AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_ENDPOINT_URL_EC2', 'AWS_ENDPOINT_URL_ACM_PCA'] as const;
/** The admin password of the seeded secret (a test fixture of this throwaway world; never printed). */
const ADMIN_PASSWORD = 'Moto-Adm1n-Passw0rd!';
const SECRET_NAME = 'ad-cert-orchestrator/moto-ad-admin';

export const motoOnPath = (): boolean => spawnSync('sh', ['-c', 'command -v moto_server']).status === 0;

export interface MotoServer {
  url: string;
  /** SDK client configuration for moto (dummy credentials: moto accepts any). */
  config: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  /** The variables that send the four services' calls to moto. */
  env: Record<(typeof MOTO_SERVICES)[number], string>;
  stop(): void;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });

/** Starts moto_server on a free loopback port; resolves once it prints that it listens, rejects if it exits first. */
export async function startMotoServer(): Promise<MotoServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let printed = '';
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString('utf8');
      if (printed.includes(`Running on ${url}`)) {
        proc.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null): void => reject(new Error(`moto_server exited (${String(code)}) before listening: ${printed.trim()}`));
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', onExit);
    proc.once('error', reject);
  });
  return {
    url,
    config: { endpoint: url, region: MOTO_REGION, credentials: { accessKeyId: 'AKIDMOTO', secretAccessKey: 'moto' } },
    env: Object.fromEntries(MOTO_SERVICES.map((v) => [v, url])) as MotoServer['env'],
    stop: () => {
      proc.kill('SIGTERM');
    },
  };
}

export interface MotoSeed {
  VpcId: string;
  SubnetIds: [string, string];
  SecurityGroupId: string;
  PasswordSecretId: string;
  CertificateAuthorityArn: string;
}

/** Creates the prerequisites of a provisioning in moto (see the module comment). */
export async function seedMoto(moto: Pick<MotoServer, 'config'>): Promise<MotoSeed> {
  const ec2 = new EC2Client(moto.config);
  const sm = new SecretsManagerClient(moto.config);
  const pca = new ACMPCAClient(moto.config);
  try {
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc?.VpcId ?? '';
    const subnet = async (AvailabilityZone: string, CidrBlock: string): Promise<string> =>
      (await ec2.send(new CreateSubnetCommand({ VpcId, AvailabilityZone, CidrBlock }))).Subnet?.SubnetId ?? '';
    const SubnetIds: [string, string] = [await subnet(`${MOTO_REGION}a`, '10.20.1.0/24'), await subnet(`${MOTO_REGION}b`, '10.20.2.0/24')];
    const SecurityGroupId = (await ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: 'ad-connector', Description: 'PCA Connector for AD' }))).GroupId ?? '';
    // Connector for AD's clients reach it over HTTPS from the VPC ("Set up Connector for AD").
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: SecurityGroupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.20.0.0/16' }] }],
    }));
    await sm.send(new CreateSecretCommand({ Name: SECRET_NAME, SecretString: ADMIN_PASSWORD }));

    const CertificateAuthorityArn =
      (
        await pca.send(
          new CreateCertificateAuthorityCommand({
            CertificateAuthorityType: 'ROOT',
            CertificateAuthorityConfiguration: {
              KeyAlgorithm: 'RSA_2048',
              SigningAlgorithm: 'SHA256WITHRSA',
              Subject: { CommonName: 'corp.example.com Root CA', Organization: 'Example Corp' },
            },
          }),
        )
      ).CertificateAuthorityArn ?? '';
    const csr = (await pca.send(new GetCertificateAuthorityCsrCommand({ CertificateAuthorityArn }))).Csr ?? '';
    const issued = await pca.send(
      new IssueCertificateCommand({
        CertificateAuthorityArn,
        Csr: Buffer.from(csr),
        SigningAlgorithm: 'SHA256WITHRSA',
        TemplateArn: 'arn:aws:acm-pca:::template/RootCACertificate/V1',
        Validity: { Type: 'YEARS', Value: 10 },
      }),
    );
    const certificate = (await pca.send(new GetCertificateCommand({ CertificateAuthorityArn, CertificateArn: issued.CertificateArn ?? '' }))).Certificate ?? '';
    await pca.send(new ImportCertificateAuthorityCertificateCommand({ CertificateAuthorityArn, Certificate: Buffer.from(certificate) }));
    const status = (await pca.send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn }))).CertificateAuthority?.Status;
    if (status !== 'ACTIVE') throw new Error(`the CA in moto is ${String(status)} after importing its certificate, not ACTIVE`);
    return { VpcId, SubnetIds, SecurityGroupId, PasswordSecretId: SECRET_NAME, CertificateAuthorityArn };
  } finally {
    ec2.destroy();
    sm.destroy();
    pca.destroy();
  }
}

/**
 * The sample request (events/execution-input.json) on the seeded resources, its templates without access entries:
 * the sample names its group by GroupName, which takes Directory Service Data access (DescribeDirectoryDataAccess and
 * EnableDirectoryDataAccess on Directory Service), and moto 5.x has no Directory Data access.
 */
export const motoInput = (seed: MotoSeed): Record<string, unknown> => {
  const sample = JSON.parse(readFileSync(new URL('../../events/execution-input.json', import.meta.url), 'utf8')) as {
    Directory: Record<string, unknown>;
    Connector: { VpcInformation: Record<string, unknown>; Templates?: Record<string, unknown>[] } & Record<string, unknown>;
  };
  for (const template of sample.Connector.Templates ?? []) delete template['AccessControlEntries'];
  sample.Directory['PasswordSecretId'] = seed.PasswordSecretId;
  sample.Directory['VpcSettings'] = { VpcId: seed.VpcId, SubnetIds: seed.SubnetIds };
  sample.Connector['CertificateAuthorityArn'] = seed.CertificateAuthorityArn;
  sample.Connector.VpcInformation['SecurityGroupIds'] = [seed.SecurityGroupId];
  return sample;
};

/** Directory ids in moto (any stage but Deleted). */
export async function motoDirectories(moto: Pick<MotoServer, 'config'>): Promise<string[]> {
  const ds = new DirectoryServiceClient(moto.config);
  try {
    const out = await ds.send(new DescribeDirectoriesCommand({}));
    return (out.DirectoryDescriptions ?? []).filter((d) => d.Stage !== 'Deleted').map((d) => d.DirectoryId ?? '');
  } finally {
    ds.destroy();
  }
}

const USAGE = `Usage: npm run start:moto -- [--json]

Starts moto_server (it must be on PATH: pip install 'moto[server]'), seeds it with a VPC, two subnets in two AZs, a
security group, the admin password secret and an ACTIVE root CA, and runs one provisioning with Directory Service,
Secrets Manager, EC2 and ACM PCA on moto (PCA Connector AD, EventBridge and DynamoDB stay emulated; the emulated
connector service checks the directory, the group and the CA in moto). Then counts the directories in moto.

  --json   the provisioning's one JSON object (npm start --json), then {"motoDirectories": N}

Exit codes: 0 SUCCEEDED with exactly one directory in moto, 1 otherwise, 2 moto_server missing or a usage error.
`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0] ?? ''} (npm run start:moto -- --help for the options)`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (!motoOnPath()) throw new UsageError("moto_server is not on PATH (pip install 'moto[server]'); npm start runs without it, on the emulator alone");
  const moto = await startMotoServer();
  const dir = mkdtempSync(join(tmpdir(), 'adco-moto-'));
  try {
    const seed = await seedMoto(moto);
    const input = join(dir, 'input.json');
    writeFileSync(input, JSON.stringify(motoInput(seed), null, 2));
    if (!values.json) process.stdout.write(`moto_server at ${moto.url}: ${seed.VpcId}, ${seed.SubnetIds.join(' + ')}, ${seed.SecurityGroupId}, CA ${seed.CertificateAuthorityArn} (ACTIVE)\n\n`);
    const cli = new URL('./cli.ts', import.meta.url).pathname;
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, '--input', input, ...(values.json ? ['--json'] : [])], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...moto.env },
    });
    const directories = await motoDirectories(moto);
    process.stdout.write(values.json ? `${JSON.stringify({ motoDirectories: directories.length })}\n` : `\nmoto holds ${directories.length} directory(ies): ${directories.join(', ')}\n`);
    return run.status === 0 && directories.length === 1 ? EXIT_OK : EXIT_FAILED;
  } finally {
    moto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(() => main(process.argv.slice(2)));
}
