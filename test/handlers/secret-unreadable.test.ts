/**
 * A password secret that exists but cannot be read is reported as what it is, with its remedy, never as "secret not
 * found": KMS refusing to decrypt it (DecryptionFailure) or its state (InvalidRequestException, e.g. scheduled for
 * deletion) — at ValidateRequest's preflight, and at CreateDirectory when it became unreadable after the validation.
 * Whole executions of the real ASL against the emulator; nothing is created.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SEED_PATH, loadSeed } from '../../tools/local/emulator/index.ts';
import { runExecution } from '../../tools/local/engine/execution.ts';
import { runInNewWorld, withLocalWorld } from '../../tools/local/world.ts';
import { sampleRequest } from '../fixtures.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
const seed = loadSeed(DEFAULT_SEED_PATH);

const EXPECTED = {
  DecryptionFailure: /^Invalid provisioning request \(1 violation\): Directory\.PasswordSecretId: the secret cannot be decrypted \(DecryptionFailure\): .*allow the role kms:Decrypt on that key/,
  InvalidRequestException: /^Invalid provisioning request \(1 violation\): Directory\.PasswordSecretId: the secret cannot be read in its current state \(InvalidRequestException\).*restore it/,
} as const;

describe('an unreadable password secret is named with its remedy', () => {
  for (const [error, expected] of Object.entries(EXPECTED)) {
    it(`${error} at ValidateRequest: InvalidRequestError naming it, not "secret not found"; nothing created`, async () => {
      const r = await runInNewWorld({ seed, emulator: { faults: [{ operation: 'GetSecretValue', error, count: 1 }] } }, { input: sampleRequest() });
      assert.equal(r.status, 'FAILED');
      assert.equal(r.error, 'InvalidRequestError');
      assert.match(r.cause ?? '', expected);
      assert.doesNotMatch(r.cause ?? '', /not found/);
      assert.equal(r.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0, 0);
    });

    it(`${error} at CreateDirectory (after the validation): the same violation, caught; no directory`, async () => {
      const r = await withLocalWorld({ seed }, ({ emulator }) =>
        runExecution(emulator, {
          input: sampleRequest(),
          wrapHandler: (state, handler) => async (event, context) => {
            if (state === 'CreateDirectory') emulator.addFault({ operation: 'GetSecretValue', error, count: 1 });
            return handler(event, context);
          },
        }),
      );
      assert.equal(r.status, 'FAILED');
      assert.equal(r.error, 'InvalidRequestError', r.cause);
      assert.match(r.cause ?? '', expected);
      assert.equal(r.world.directories, 0);
    });
  }
});
