/**
 * No import cycles: none at all under tools/ (type imports included), and none among the value imports of src/ and
 * tools/ together (a runtime cycle makes module evaluation order matter). madge reads the real `.ts` specifiers with
 * the project's tsconfig; a file it could not resolve would hide its imports, so the graph must have none.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const graph = (paths: string[], skipTypeImports: boolean, baseDir = ROOT) =>
  madge(paths, {
    baseDir,
    fileExtensions: ['ts'],
    tsConfig: join(ROOT, 'tsconfig.json'),
    detectiveOptions: { ts: { skipTypeImports }, es6: { skipTypeImports } },
  });

test('the cycle check finds a cycle through .ts specifiers, and a type-only one only when type imports count', async () => {
  // Prepare
  const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  try {
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b.ts';\nexport const a = (): number => b + 1;\nexport interface A { n: number }\n");
    writeFileSync(join(dir, 'b.ts'), "import type { A } from './a.ts';\nexport const b = 1;\nexport const use = (x: A): number => x.n;\n");

    // Act
    const withTypes = (await graph([dir], false, dir)).circular();
    const valuesOnly = (await graph([dir], true, dir)).circular();

    // Assess
    assert.deepEqual(withTypes, [['a.ts', 'b.ts']]);
    assert.deepEqual(valuesOnly, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tools/ has no import cycle, type imports included', async () => {
  // Act
  const result = await graph([join(ROOT, 'tools')], false);

  // Assess
  const files = Object.keys(result.obj());
  assert.ok(files.includes('tools/local/emulator/services.ts') && files.includes('tools/local/emulator/core/server.ts'), 'the graph covers the emulator');
  assert.deepEqual(result.warnings().skipped, []);
  assert.deepEqual(result.circular().filter((cycle) => cycle.some((file) => file.startsWith('tools/'))), []);
});

test('src/ and tools/ have no cycle of value imports', async () => {
  // Act
  const result = await graph([join(ROOT, 'src'), join(ROOT, 'tools')], true);

  // Assess
  const files = Object.keys(result.obj());
  assert.ok(files.includes('src/handlers/registry.ts') && files.includes('tools/local/world.ts'), 'the graph covers src/ and tools/');
  assert.deepEqual(result.warnings().skipped, []);
  assert.deepEqual(result.circular(), []);
});
