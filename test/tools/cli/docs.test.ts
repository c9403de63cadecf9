import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ARCHITECTURE_DOC, ERRORS_DOC, generatedBlocks, readDefinition, renderDiagram } from '../../../tools/cli/docs.ts';
import { readBlock } from '../../../tools/markdown.ts';
import { ALL_ERROR_NAMES } from '../../../src/workflow/catalog.ts';
import { waitedResource } from '../../../src/workflow/waits.ts';

describe('generated blocks of docs/architecture.md and docs/errors.md (npm run docs)', () => {
  it('the docs/architecture.md diagram and the docs/errors.md error table match what tools/cli/docs.ts generates', () => {
    // Prepare
    const text = { diagram: readFileSync(ARCHITECTURE_DOC, 'utf8'), errors: readFileSync(ERRORS_DOC, 'utf8') };
    // Act
    const blocks = generatedBlocks();
    // Assess
    for (const [name, content] of Object.entries(blocks)) {
      assert.equal(readBlock(text[name as keyof typeof text], name), content, `the ${name} block is stale: run \`npm run docs\``);
    }
  });

  it('the diagram has every state, the Catch edges and the poll loops', () => {
    const def = readDefinition();
    const diagram = renderDiagram(def);
    assert.match(diagram, /^```mermaid\nstateDiagram-v2\n/);
    for (const name of Object.keys(def.States)) assert.match(diagram, new RegExp(`\\b${name}\\b`));
    assert.match(diagram, /GetDirectoryStage --> FailedWithDirectory: Catch DirectoryFailed, /);
    for (const w of [waitedResource('directory'), waitedResource('connector')]) {
      assert.match(diagram, new RegExp(`note right of ${w.pollState} : Poll every ${w.pollIntervalSeconds} s \\(Retry ${w.notReady}\\)`));
    }
    assert.match(diagram, /CreateDirectory --> FailedBeforeDirectory: Catch DirectoryLimitExceededException, InvalidParameterException \+\d+ more\n/);
    assert.match(diagram, /Provisioned --> \[\*\]/);
  });

  it('the error table names every catalog error', () => {
    const table = generatedBlocks().errors;
    for (const name of ALL_ERROR_NAMES) assert.ok(table.includes(`\`${name}\``), name);
    assert.match(table, /\*\*Redrive\*\*/);
    assert.match(table, /\*\*New execution\*\*/);
  });
});
