/**
 * Writes statemachine/provision.asl.json from the definition builder (src/workflow/definition.ts), and
 * statemachine/teardown.asl.json from the teardown's (src/workflow/teardown-definition.ts):
 *
 *   npm run gen:asl            # (re)write the checked-in ASL file
 *   npm run gen:asl -- --check # exit 1 when the checked-in file differs (the workflow tests check it too)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TASK_STATES, TEARDOWN_TASK_STATES } from '../../src/workflow/catalog.ts';
import { lambdaTaskStates, renderDefinition } from '../../src/workflow/asl.ts';
import { buildDefinition } from '../../src/workflow/definition.ts';
import { buildTeardownDefinition } from '../../src/workflow/teardown-definition.ts';
import { ASL_PATH, TEARDOWN_ASL_PATH } from '../local/engine/asl.ts';


function main(): void {
  const targets = [
    { file: ASL_PATH, definition: buildDefinition(), states: TASK_STATES },
    { file: TEARDOWN_ASL_PATH, definition: buildTeardownDefinition(), states: TEARDOWN_TASK_STATES },
  ];
  let stale = false;
  for (const { file, definition, states } of targets) {
    const expected = renderDefinition(definition);
    const lambdaTasks = lambdaTaskStates(definition);
    if (lambdaTasks.join() !== states.join()) {
      throw new Error(`Lambda Task states ${lambdaTasks.join()} of ${file} differ from the catalog's ${states.join()}`);
    }
    if (process.argv.includes('--check')) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {
        /* missing file = differs */
      }
      if (current !== expected) {
        console.error(`${file} is out of date: run npm run gen:asl`);
        stale = true;
      } else console.log(`${file} is up to date`);
      continue;
    }
    writeFileSync(file, expected);
    console.log(`wrote ${file}`);
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
