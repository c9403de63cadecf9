/**
 * `npm start -- --teardown` (the CLI's main in this process; test/tools/local/cli.test.ts runs it as a process):
 * provision into a state file, tear down, tear down again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT'; // before the handlers load
const { main } = await import('../../../tools/local/cli.ts');

/** The directories and connectors of a run's world (the other resource kinds are not torn down yet). */
const dirsAndConnectors = (world: { directories: number; connectors: number } | undefined) =>
  world && { directories: world.directories, connectors: world.connectors };

const tmp = mkdtempSync(join(tmpdir(), 'adco-teardown-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Record {
  status: string;
  executionArn: string;
  output?: { Deleted: { Resource: string }[]; Kept: { Resource: string }[]; AlreadyGone: { Resource: string }[] };
  world: { directories: number; connectors: number };
}

const cli = async (args: string[]) => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, { out: (text) => stdout.push(text), err: (text) => stderr.push(text) });
  const text = stdout.join('').trim();
  return { code, record: text ? (JSON.parse(text.split('\n').at(-1) ?? '{}') as Record) : undefined, stderr: stderr.join('') };
};

describe('npm start -- --teardown', async () => {
  it('--state S, then --teardown --state S: 0 directories, registrations, connectors, SPNs, templates and entries; again: succeeds, deletes nothing', async () => {
    const state = join(tmp, 'world.json');
    const provisioned = await cli(['--state', state, '--json']);
    assert.equal(provisioned.code, 0, provisioned.stderr);
    assert.deepEqual(dirsAndConnectors(provisioned.record?.world), { directories: 1, connectors: 1 });

    const torn = await cli(['--teardown', '--state', state, '--json', '--fault', 'DeleteConnector:ThrottlingException:1']);
    assert.equal(torn.code, 0, torn.stderr);
    assert.equal(torn.record?.status, 'SUCCEEDED');
    assert.match(torn.record?.executionArn ?? '', /:execution:ad-cert-orchestrator-teardown:/);
    const { resourceShares, ...rest } = (torn.record?.world ?? {}) as { [kind: string]: number };
    // Directory Data access went with the directory (0 directories have it on).
    assert.deepEqual(rest, { directories: 0, connectors: 0, directoryRegistrations: 0, servicePrincipalNames: 0, templates: 0, accessControlEntries: 0, directoryDataAccessEnabled: 0, groupsCreated: 0 });
    assert.equal(resourceShares, 1, 'the CA share stays (docs/teardown.md)');
    assert.deepEqual(torn.record?.output?.Deleted.map((d) => d.Resource), [
      'template', 'service-principal-name', 'connector', 'directory-registration', 'directory',
    ]);

    const again = await cli(['--teardown', '--state', state, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(again.record?.output?.Deleted, []);
    assert.deepEqual(dirsAndConnectors(again.record?.world), { directories: 0, connectors: 0 });
  });

  it('--force without --teardown is a usage error', async () => {
    const r = await cli(['--force']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--force only applies to --teardown/);
  });
});
