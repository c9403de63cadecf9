/**
 * The teardown under hostile use (docs/reliability.md, "Hostile use"): a request naming another CA still sees the
 * directory's connector; a spurious "not found" from a delete or a poll is confirmed by a listing before it counts; a
 * directory that never leaves creation can be torn down with Force; an invalid teardown request says it is one.
 * The real handlers and statemachine/teardown.asl.json against the emulator, on the simulated clock.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEFAULT_SEED_PATH, loadSeed } from '../../../tools/local/emulator/index.ts';
import type { EmulatorSnapshot, FaultSpec } from '../../../tools/local/emulator/index.ts';
import type { RunResult } from '../../../tools/local/engine/execution.ts';
import { runExecution } from '../../../tools/local/engine/execution.ts';
import { runInNewWorld, withLocalWorld } from '../../../tools/local/world.ts';
import { sampleRequest } from '../../fixtures.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

const seed = loadSeed(DEFAULT_SEED_PATH);
const request = sampleRequest();
/** Every kind of resource a provisioning creates, but the CA share (kept: docs/teardown.md). */
const EMPTY = { directories: 0, connectors: 0, directoryRegistrations: 0, servicePrincipalNames: 0, templates: 0, accessControlEntries: 0 };
const leftovers = (r: RunResult) => Object.fromEntries(Object.keys(EMPTY).map((k) => [k, (r.world as unknown as Record<string, number>)[k]]));

interface TeardownOutput {
  Deleted: { Resource: string; Id: string }[];
  Kept: { Resource: string; Id: string; Reason: string }[];
}
const deleted = (r: RunResult): string[] => ((r.output as TeardownOutput).Deleted ?? []).map((x) => x.Resource).sort();
const why = (r: RunResult): string => `${r.error ?? ''} ${r.cause ?? ''}`;

/** The request with another CA than the one its connector was created for. */
const withOtherCa = () => {
  const other = structuredClone(request);
  const connector = other['Connector'] as { CertificateAuthorityArn: string };
  connector.CertificateAuthorityArn = connector.CertificateAuthorityArn.replace(/certificate-authority\/.*/, 'certificate-authority/99999999-9999-4999-8999-999999999999');
  return other;
};

const teardown = (snapshot: EmulatorSnapshot, input: unknown, faults: FaultSpec[] = []): Promise<RunResult> =>
  runInNewWorld({ seed, emulator: { snapshot, faults } }, { input, machine: 'teardown' });

describe('teardown: hostile use', () => {
  let provisioned: RunResult;
  before(async () => {
    provisioned = await runInNewWorld({ seed }, { input: request });
    assert.equal(provisioned.status, 'SUCCEEDED', why(provisioned));
  });

  it('a request naming another CA still finds the directory\'s connector: deleted (it is this tool\'s) before the directory', async () => {
    const t = await teardown(provisioned.snapshot, withOtherCa());
    assert.equal(t.status, 'SUCCEEDED', why(t));
    assert.deepEqual(leftovers(t), EMPTY);
    assert.deepEqual(deleted(t), ['connector', 'directory', 'directory-registration', 'service-principal-name', 'template']);
  });

  it('a connector of someone else on the directory (another CA) is kept, and so is the directory, each with its reason', async () => {
    const foreign = structuredClone(provisioned.snapshot);
    for (const c of foreign.connectors) c.Tags = {};
    const t = await teardown(foreign, withOtherCa());
    assert.equal(t.status, 'SUCCEEDED', why(t));
    const kept = (t.output as TeardownOutput).Kept;
    assert.match(kept.find((k) => k.Resource === 'connector')?.Reason ?? '', /not tagged/);
    assert.match(kept.find((k) => k.Resource === 'directory')?.Reason ?? '', /connector \S+, which is kept, uses it/);
    assert.equal(t.apiCalls['DirectoryService.DeleteDirectory'], undefined, 'never deleted under a live connector');
    assert.deepEqual([t.world.directories, t.world.connectors], [1, 1]);
  });

  for (const fault of [
    'DeleteDirectory:EntityDoesNotExistException:1',
    'DeleteDirectoryRegistration:ResourceNotFoundException:1',
    'GetDirectoryRegistration:ResourceNotFoundException:1',
    'DeleteConnector:ResourceNotFoundException:1',
    'GetConnector:ResourceNotFoundException:1',
    'DeleteTemplate:ResourceNotFoundException:1',
    'GetTemplate:ResourceNotFoundException:1',
    'DeleteServicePrincipalName:ResourceNotFoundException:1',
  ]) {
    it(`a spurious "not found" (${fault}) is confirmed by a listing: deleted all the same, 0 leftovers`, async () => {
      const [operation = '', error = ''] = fault.split(':');
      const t = await teardown(provisioned.snapshot, request, [{ operation, error, count: 1 }]);
      assert.equal(t.status, 'SUCCEEDED', why(t));
      assert.deepEqual(leftovers(t), EMPTY, fault);
      assert.deepEqual(deleted(t), ['connector', 'directory', 'directory-registration', 'service-principal-name', 'template']);
    });
  }

  it('a spurious "not found" from the DeleteDirectories poll\'s DescribeDirectories is confirmed by the listing too', async () => {
    // Armed when DeleteDirectories first runs (the discovery lists every directory with the same operation).
    const t = await withLocalWorld({ seed, emulator: { snapshot: provisioned.snapshot } }, ({ emulator }) => {
      let armed = false;
      return runExecution(emulator, {
        input: request,
        machine: 'teardown',
        wrapHandler: (state, handler) => async (event, context) => {
          if (state === 'DeleteDirectories' && !armed) {
            armed = true;
            emulator.addFault({ operation: 'DescribeDirectories', error: 'EntityDoesNotExistException', count: 1 });
          }
          return handler(event, context);
        },
      });
    });
    assert.equal(t.status, 'SUCCEEDED', why(t));
    assert.deepEqual(leftovers(t), EMPTY);
  });

  it('a directory that never leaves creation: Force deletes it at once; without Force it is waited for until the deadline', async () => {
    const stuck = await runInNewWorld({ seed, emulator: { directoryActiveAfterSeconds: 1e10 } }, { input: request });
    assert.equal(stuck.status, 'FAILED');
    assert.equal(stuck.error, 'DirectoryActivationTimeoutError', why(stuck));
    const waited = await teardown(stuck.snapshot, request);
    assert.equal(waited.status, 'FAILED');
    assert.equal(waited.error, 'DirectoryDeletionTimeoutError');
    assert.match(waited.cause ?? '', /still not gone past the deletion deadline .*: directory d-[0-9a-f]{10} is (Requested|Creating)$/);
    const forced = await teardown(stuck.snapshot, { ...request, Force: true });
    assert.equal(forced.status, 'SUCCEEDED', why(forced));
    assert.equal(forced.world.directories, 0);
    assert.equal(forced.apiCalls['DirectoryService.DeleteDirectory'], 1);
  });

  it('with Force, a refusal to delete a directory still being created is waited out (the directory settles, then goes)', async () => {
    const slow = await runInNewWorld({ seed, emulator: { directoryActiveAfterSeconds: 5400 } }, { input: request });
    assert.equal(slow.error, 'DirectoryActivationTimeoutError', why(slow));
    const refused: FaultSpec = { operation: 'DeleteDirectory', error: 'ClientException', count: 3, message: 'Cannot delete a directory while it is being created.' };
    const t = await teardown(slow.snapshot, { ...request, Force: true }, [refused]);
    assert.equal(t.status, 'SUCCEEDED', why(t));
    assert.equal(t.world.directories, 0);
    assert.equal(t.apiCalls['DirectoryService.DeleteDirectory'], 4, 'refused three times, then deleted');
  });

  it('an invalid teardown request says it is a teardown request', async () => {
    const t = await teardown(provisioned.snapshot, { ...request, Force: 'yes' });
    assert.equal(t.status, 'FAILED');
    assert.equal(t.error, 'InvalidRequestError');
    assert.match(t.cause ?? '', /^Invalid teardown request \(1 violation\): Force: must be true or false/);
  });
});
