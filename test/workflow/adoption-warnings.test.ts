/**
 * Adopting an existing directory: the request's tags it lacks are added (AddTagsToResource); a Description, which no
 * API changes, is not silently ignored — the difference is a warning in the execution output (`DirectoryWarnings`)
 * and the Provisioning Succeeded event (which `npm start` prints as warnings). Whole executions of the real ASL
 * against the emulator.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SEED_PATH, loadSeed } from '../../tools/local/emulator/index.ts';
import { runInNewWorld } from '../../tools/local/world.ts';
import { sampleRequest } from '../fixtures.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
const seed = loadSeed(DEFAULT_SEED_PATH);

describe('adopting a directory whose Description or Tags differ', () => {
  it('adds the tags it lacks, warns of the Description in the output and the Provisioning Succeeded event; the same request warns nothing', async () => {
    const first = await runInNewWorld({ seed }, { input: sampleRequest() });
    assert.equal(first.status, 'SUCCEEDED', first.cause);
    assert.deepEqual((first.output as { DirectoryWarnings: string[] }).DirectoryWarnings, []);

    const same = await runInNewWorld({ seed, emulator: { snapshot: first.snapshot } }, { input: sampleRequest() });
    assert.equal(same.status, 'SUCCEEDED', same.cause);
    assert.deepEqual((same.output as { DirectoryAdopted: boolean; DirectoryWarnings: string[] }).DirectoryWarnings, [], 'nothing differs');

    const changed = sampleRequest();
    changed.Directory['Description'] = 'Renamed in the request';
    changed.Directory['Tags'] = [{ Key: 'team', Value: 'identity' }, { Key: 'cost-center', Value: '4711' }];
    const r = await runInNewWorld({ seed, emulator: { snapshot: first.snapshot } }, { input: changed });
    assert.equal(r.status, 'SUCCEEDED', r.cause);
    const output = r.output as { DirectoryAdopted: boolean; DirectoryId: string; DirectoryWarnings: string[] };
    assert.equal(output.DirectoryAdopted, true);
    assert.equal(output.DirectoryWarnings.length, 1, output.DirectoryWarnings.join('\n'));
    assert.match(output.DirectoryWarnings[0] ?? '', new RegExp(`^Directory\\.Description: requested "Renamed in the request", the adopted directory ${output.DirectoryId} has ".*"; not changed$`));
    const tags = r.snapshot.directories.find((d) => d.DirectoryId === output.DirectoryId)?.Tags ?? [];
    assert.deepEqual(
      tags.filter((t) => ['team', 'cost-center'].includes(t.Key)).sort((a, b) => a.Key.localeCompare(b.Key)),
      [{ Key: 'cost-center', Value: '4711' }, { Key: 'team', Value: 'identity' }],
      'the tags the request asks for were added',
    );
    const event = r.events.filter((e) => e.DetailType === 'Provisioning Succeeded').at(-1)?.Detail as { DirectoryWarnings?: string[] } | undefined;
    assert.deepEqual(event?.DirectoryWarnings, output.DirectoryWarnings);
  });
});
