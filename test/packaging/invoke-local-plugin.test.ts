/** serverless/plugins/invoke-local-esm.cjs: points invoke local at the .mjs bundle; refuses to package the local stage. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

type Hooks = Record<string, () => void>;
const Plugin = createRequire(import.meta.url)('../../serverless/plugins/invoke-local-esm.cjs') as new (sls: unknown, options: unknown) => { hooks: Hooks };

const serverlessWith = (stage: string, serviceDir: string, fn: { handler: string }) => ({
  serviceDir,
  service: { provider: { stage }, getFunction: () => fn },
});

describe('invoke-local-esm plugin', () => {
  it('rewrites the invoked handler to the built .mjs, and only when it exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'esm-plugin-'));
    try {
      mkdirSync(join(dir, 'src', 'handlers'), { recursive: true });
      writeFileSync(join(dir, 'src', 'handlers', 'a.mjs'), 'export const handler = () => 1;');
      const built = { handler: 'src/handlers/a.handler' };
      new Plugin(serverlessWith('local', dir, built), { function: 'a' }).hooks['before:invoke:local:invoke']?.();
      assert.equal(built.handler, 'src/handlers/a.mjs.handler');
      const notBuilt = { handler: 'src/handlers/b.handler' };
      new Plugin(serverlessWith('local', dir, notBuilt), { function: 'b' }).hooks['before:invoke:local:invoke']?.();
      assert.equal(notBuilt.handler, 'src/handlers/b.handler');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to package the local stage (its values stand in for the stack's Refs), not the others", () => {
    const hook = (stage: string) => new Plugin(serverlessWith(stage, tmpdir(), { handler: 'x.handler' }), {}).hooks['before:package:initialize'];
    assert.throws(() => hook('local')?.(), /local/);
    assert.doesNotThrow(() => hook('prod')?.());
  });
});
