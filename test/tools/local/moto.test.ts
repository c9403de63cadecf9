/**
 * A mixed world: Directory Service, Secrets Manager, EC2 and ACM PCA on moto_server (an independent AWS
 * implementation), PCA Connector AD, EventBridge and DynamoDB in the embedded emulator. The engine honours the
 * AWS_ENDPOINT_URL_<SERVICE> variables the user set, the emulated connector service checks the directory, the
 * security group and the CA in moto, and the record's `world` counts what moto holds. Skips, with the reason, where
 * moto is absent.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateConnectorCommand, PcaConnectorAdClient } from '../../../src/aws/pca-connector-ad-sdk.ts';
import { DEFAULT_SEED_PATH, loadSeed, startEmulator } from '../../../tools/local/emulator/index.ts';
import { motoDirectories, motoInput, seedMoto } from '../../../tools/local/moto.ts';
import { MOTO_MISSING, onPath, startMoto } from '../../support/moto.ts';
import { GENEROUS_CHILD_MS, ownLines } from '../../support/limits.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;
const PASSWORD = 'Moto-Adm1n-Passw0rd!';

describe('mixed world: DS, Secrets Manager, EC2 and ACM PCA on moto_server', () => {
  it('a provisioning succeeds with exactly one directory in moto, and the record counts what moto holds', async (t) => {
    if (!onPath('moto_server')) return t.skip(MOTO_MISSING);
    const moto = await startMoto();
    const tmp = mkdtempSync(join(tmpdir(), 'adco-moto-'));
    try {
      // Prepare: the prerequisites exist in moto, as they would in the user's account (the CA ACTIVE, with a CN)
      const seed = await seedMoto(moto);
      const inputPath = join(tmp, 'input.json');
      writeFileSync(inputPath, JSON.stringify(motoInput(seed)));
      // Act: the CLI, with the standard endpoint variables for four services pointing at moto
      const res = spawnSync(process.execPath, ['--import', 'tsx', 'tools/local/cli.ts', '--input', inputPath, '--json'], {
        cwd: ROOT, encoding: 'utf8', timeout: GENEROUS_CHILD_MS, env: { ...process.env, ...moto.env },
      });
      // Assess
      assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
      const out = JSON.parse(res.stdout) as { status: string; output: { DirectoryId: string; ConnectorArn: string }; apiCalls: Record<string, number>; world: { directories: number; connectors: number } };
      assert.equal(out.status, 'SUCCEEDED');
      assert.deepEqual(await motoDirectories(moto), [out.output.DirectoryId], 'exactly one directory, in moto');
      assert.deepEqual([out.world.directories, out.world.connectors], [1, 1], 'the record counts the directory in moto');
      assert.equal(out.apiCalls['RAM.CreateResourceShare'], 1, 'the CA in moto was shared');
      for (const call of Object.keys(out.apiCalls)) {
        assert.match(call, /^(PcaConnectorAd|RAM|EventBridge|DynamoDB)\./, `${call} went to the emulator, not moto`);
      }
      assert.equal(out.apiCalls['PcaConnectorAd.CreateConnector'], 1);
      assert.ok(!res.stdout.includes(PASSWORD) && !res.stderr.includes(PASSWORD), 'password never printed');
    } finally {
      moto.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('the emulated connector service checks the CA and the directory where ACM PCA and Directory Service are', async (t) => {
    if (!onPath('moto_server')) return t.skip(MOTO_MISSING);
    const moto = await startMoto();
    const emulator = await startEmulator({ seed: loadSeed(DEFAULT_SEED_PATH), external: { acmPca: moto.url, directoryService: moto.url, ec2: moto.url } });
    const connectors = new PcaConnectorAdClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      const seed = await seedMoto(moto);
      const seededCa = loadSeed(DEFAULT_SEED_PATH).certificateAuthorities[0]?.Arn ?? '';
      const request = (CertificateAuthorityArn: string, DirectoryId: string) =>
        connectors.send(new CreateConnectorCommand({ CertificateAuthorityArn, DirectoryId, VpcInformation: { SecurityGroupIds: [seed.SecurityGroupId] } }));
      // Act + Assess: a CA only the emulator's seed knows does not exist for it; nor does a directory moto lacks
      await assert.rejects(request(seededCa, 'd-0123456789'), (e: Error & { ResourceType?: string }) => e.name === 'ResourceNotFoundException' && e.ResourceType === 'DIRECTORY');
      const dirId = await (async () => {
        const { CreateDirectoryCommand, DirectoryServiceClient } = await import('@aws-sdk/client-directory-service');
        const ds = new DirectoryServiceClient(moto.config);
        try {
          return (await ds.send(new CreateDirectoryCommand({ Name: 'mixed.example.com', Password: PASSWORD, Size: 'Small', VpcSettings: { VpcId: seed.VpcId, SubnetIds: seed.SubnetIds } }))).DirectoryId ?? '';
        } finally {
          ds.destroy();
        }
      })();
      await assert.rejects(request(seededCa, dirId), (e: Error & { ResourceType?: string }) => e.name === 'ResourceNotFoundException' && e.ResourceType === 'CERTIFICATE_AUTHORITY');
      const created = await request(seed.CertificateAuthorityArn, dirId);
      assert.match(created.ConnectorArn ?? '', /^arn:aws:pca-connector-ad:/);
      const world = await emulator.worldCounts();
      assert.deepEqual([world.directories, world.connectors], [1, 1]);
    } finally {
      connectors.destroy();
      await emulator.stop();
      moto.stop();
    }
  });

  it('npm run start:moto: seeds moto, provisions, reports exactly one directory in moto (exit 0)', (t) => {
    if (!onPath('moto_server')) return t.skip(MOTO_MISSING);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const [bin, ...args] = (pkg.scripts['start:moto'] ?? '').split(/\s+/);
    assert.equal(bin, 'node');
    const res = spawnSync(process.execPath, [...args, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: GENEROUS_CHILD_MS });
    assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
    const [run, counted] = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(run?.['status'], 'SUCCEEDED');
    assert.deepEqual(counted, { motoDirectories: 1 });
    assert.deepEqual(ownLines(res.stderr), []);
  });
});
