/**
 * Bad-input corpus (tools/verify/corpus.ts): fast-check, fixed seed, bounded runs. Differential against the
 * constraints restated from the service models: every invalid request is rejected with the violated field's path,
 * every valid one accepted — by the domain validator, by the ValidateRequest handler (preflight reads against the
 * emulator), and as whole executions (InvalidRequestError before any create call).
 */
import '../../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CORPUS_SEED, RULES, corpusSeed, runCorpus, runHandlerSample, runWorkflowSample } from '../../../tools/verify/corpus.ts';
import { Harness, defaultSeed } from '../../../tools/verify/harness.ts';

describe('bad-input corpus: domain validator', () => {
  it(`every rule, ${300} runs each (seed ${CORPUS_SEED}): invalid rejected with the field named, valid accepted`, (t) => {
    // Act
    const result = runCorpus({ seed: CORPUS_SEED, numRuns: 300 });
    t.diagnostic(`${result.cases} cases: ${result.rejected} rejected, ${result.accepted} accepted (${RULES.length} rules)`);
    // Assess
    assert.deepEqual(result.failures, []);
    assert.equal(result.rejected, result.invalid);
    assert.equal(result.accepted, result.valid);
    assert.equal(result.cases, RULES.length * 300);
    // The string rules generate both sides of each constraint.
    for (const rule of result.perRule.filter((r) => /^(Directory|Connector)\./.test(r.name))) {
      assert.ok(rule.invalid > 0 && rule.valid > 0, `${rule.name}: ${rule.invalid} invalid, ${rule.valid} valid`);
    }
  });
});

describe('bad-input corpus: through the handler and the workflow', () => {
  let harness: Harness;
  before(async () => {
    harness = await Harness.start({ seed: corpusSeed(defaultSeed()) });
  });
  after(async () => harness.stop());

  it('the ValidateRequest handler core with preflight against the emulator rejects with the field named', async (t) => {
    // Act
    const result = await runHandlerSample({ seed: CORPUS_SEED });
    t.diagnostic(`${result.cases} cases: ${result.rejected} rejected, ${result.accepted} accepted`);
    // Assess
    assert.deepEqual(result.failures, []);
    assert.equal(result.rejected, result.invalid);
    assert.equal(result.accepted, result.valid);
    assert.ok(result.invalid > 100 && result.valid > 5);
  });

  it('whole executions fail with InvalidRequestError naming the field, before any create call', async () => {
    // Act
    const result = await runWorkflowSample((input) => harness.execute(input), { seed: CORPUS_SEED });
    // Assess
    assert.deepEqual(result.failures, []);
    assert.equal(result.rejected, result.cases);
    assert.ok(result.cases >= 20);
    assert.equal(harness.emulator.apiCalls['DirectoryService.CreateDirectory'] ?? 0, 0);
    assert.equal(harness.emulator.apiCalls['PcaConnectorAd.CreateConnector'] ?? 0, 0);
  });
});
