import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SEED_PATH, createSimClock, loadSeed, startEmulator } from '../../../../tools/local/emulator/index.ts';

test('the default seed loads and keeps AWS id formats', () => {
  const w = loadSeed(DEFAULT_SEED_PATH);
  assert.equal(w.region, 'us-east-1');
  assert.equal(w.accountId, '111122223333');
  for (const v of w.vpcs) assert.match(v.VpcId, /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/);
  for (const s of w.subnets) assert.match(s.SubnetId, /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/);
  for (const g of w.securityGroups) assert.match(g.GroupId, /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/);
  assert.deepEqual(w.certificateAuthorities.map((c) => c.Status).sort(), ['ACTIVE', 'ACTIVE', 'DISABLED']);
});

test('loadSeed: clear errors for a missing file, bad JSON and a bad shape (every problem listed)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-'));
  const bad = join(dir, 'bad.json');
  const shape = join(dir, 'shape.json');
  writeFileSync(bad, '{ nope');
  writeFileSync(shape, JSON.stringify({ region: 'us-east-1', accountId: '123', vpcs: [{ VpcId: 'vpc-1' }], subnets: [], securityGroups: [], certificateAuthorities: [], directoryLimit: -1 }));
  assert.throws(() => loadSeed(join(dir, 'missing.json')), /Cannot read seed file .*missing\.json/);
  assert.throws(() => loadSeed(bad), /is not valid JSON/);
  assert.throws(() => loadSeed(shape), (e: Error) =>
    ['accountId must be 12 digits', 'vpcs[0].CidrBlock must be a non-empty string', 'secrets must be an array', 'directoryLimit must be an integer >= 0'].every((p) => e.message.includes(p)));
});

test('SimClock: only advance() moves time; negative advances are refused', async () => {
  const clock = createSimClock(1_000);
  clock.advance(2.5);
  assert.equal(clock.now(), 3_500);
  assert.equal(clock.elapsedSeconds(), 2.5);
  assert.throws(() => clock.advance(-1), /seconds must be/);
  const emu = await startEmulator({ seed: loadSeed(DEFAULT_SEED_PATH), clock });
  try {
    assert.equal(emu.clock, clock);
    assert.match(emu.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    await emu.stop();
  }
});
