/**
 * Writes statemachine/provision.asl.json from the definition builder (src/workflow/definition.ts):
 *
 *   npm run gen:asl            # (re)write the checked-in ASL file
 *   npm run gen:asl -- --check # exit 1 when the checked-in file differs (the workflow tests check it too)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TASK_STATES } from '../../src/workflow/catalog.ts';
import { buildDefinition, lambdaTaskStates, renderDefinition } from '../../src/workflow/definition.ts';

export const ASL_FILE = fileURLToPath(new URL('../../statemachine/provision.asl.json', import.meta.url));

function main(): void {
  const expected = renderDefinition();
  const lambdaTasks = lambdaTaskStates(buildDefinition());
  if (lambdaTasks.join() !== TASK_STATES.join()) {
    throw new Error(`Lambda Task states ${lambdaTasks.join()} differ from TASK_STATES ${TASK_STATES.join()}`);
  }
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(ASL_FILE, 'utf8');
    } catch {
      /* missing file = differs */
    }
    if (current !== expected) {
      console.error(`${ASL_FILE} is out of date: run npm run gen:asl`);
      process.exit(1);
    }
    console.log(`${ASL_FILE} is up to date`);
    return;
  }
  writeFileSync(ASL_FILE, expected);
  console.log(`wrote ${ASL_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
