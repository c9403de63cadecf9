/**
 * The in-repo clients (src/aws/pca-connector-ad/, src/aws/directory-service-data/) tree-shake like the official
 * packages: a handler's bundle holds only the commands it calls, so the teardown's discovery carries no create or
 * delete command at all.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import * as dsData from '../../src/aws/directory-service-data/index.ts';
import * as pca from '../../src/aws/pca-connector-ad/index.ts';
import { ROOT, actionsCalledBy } from '../../tools/verify/iam.ts';

const IN_REPO_COMMANDS = [...Object.keys(pca), ...Object.keys(dsData)].filter((n) => /^[A-Z]\w*Command$/.test(n));
const HANDLERS = readdirSync(join(ROOT, 'src/handlers')).filter((f) => f.endsWith('.ts') && !f.endsWith('registry.ts'));

const bundleOf = async (file: string): Promise<string> => {
  const out = await build({
    entryPoints: [join(ROOT, 'src/handlers', file)],
    bundle: true, write: false, platform: 'node', format: 'esm', packages: 'external', treeShaking: true, logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
};

describe('bundles of the in-repo clients', () => {
  it('every handler bundles only the in-repo commands whose operations it calls', async () => {
    for (const file of HANDLERS) {
      const text = await bundleOf(file);
      const called = new Set((await actionsCalledBy(`src/handlers/${file}`)).actions.map((a) => a.slice(a.indexOf(':') + 1)));
      const bundled = IN_REPO_COMMANDS.filter((c) => new RegExp(`\\b${c}\\b`).test(text));
      assert.deepEqual(bundled.filter((c) => !called.has(c.replace(/Command$/, ''))), [], file);
    }
  });

  it('the teardown\'s discovery carries no create or delete command', async () => {
    assert.doesNotMatch(await bundleOf('discover-resources.ts'), /\b(Create|Delete)\w*Command\b/);
  });
});
