import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { README_FILE, generatedBlocks, readBlock, readDefinition, renderDiagram } from '../../../tools/cli/docs.ts';
import { ALL_ERROR_NAMES, STAGE_FAILURES } from '../../../src/workflow/catalog.ts';

describe('README generated blocks (npm run docs)', () => {
  it('the Architecture diagram and the error table match what tools/cli/docs.ts generates', () => {
    // Prepare
    const readme = readFileSync(README_FILE, 'utf8');
    // Act
    const blocks = generatedBlocks();
    // Assess
    for (const [name, content] of Object.entries(blocks)) {
      assert.equal(readBlock(readme, name), content, `README.md ${name} block is stale: run \`npm run docs\``);
    }
  });

  it('the diagram has every state, the Choice branches with Default, and Catch edges', () => {
    const def = readDefinition();
    const diagram = renderDiagram(def);
    assert.match(diagram, /^```mermaid\nstateDiagram-v2\n/);
    for (const name of Object.keys(def.States)) assert.match(diagram, new RegExp(`\\b${name}\\b`));
    assert.match(diagram, /CheckDirectoryStage --> DirectoryFailed: Default/);
    assert.match(diagram, /CheckConnectorStatus --> ConnectorFailed: Default/);
    assert.match(diagram, /CreateDirectory --> FailedBeforeDirectory: Catch .*DirectoryLimitExceededException/);
    assert.match(diagram, /Provisioned --> \[\*\]/);
  });

  it('the error table names every catalog error and stage failure', () => {
    const table = generatedBlocks().errors;
    for (const name of [...ALL_ERROR_NAMES, ...STAGE_FAILURES.map((f) => f.name)]) assert.ok(table.includes(`\`${name}\``), name);
    assert.match(table, /\*\*Redrive\*\*/);
    assert.match(table, /\*\*New execution\*\*/);
  });
});
