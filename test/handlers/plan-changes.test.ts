/**
 * PlanChanges against the local world: the real discovery reads a provisioned world (the emulator, real wire
 * protocols) and the diff plans; a plan writes nothing (the emulator's call counts), a conflict is refused naming its
 * fields.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ChangePlan, ProvisioningRequest, TemplateRequest } from '../../src/contract.ts';
import { isExistingDirectory } from '../../src/contract.ts';
import { PlanConflictError } from '../../src/domain/errors.ts';
import { planChangesCore } from '../../src/handlers/plan-changes.ts';
import { DEFAULT_SEED_PATH, loadSeed, writeCallsOf } from '../../tools/local/emulator/index.ts';
import type { EmulatorSnapshot } from '../../tools/local/emulator/index.ts';
import { runInNewWorld, withLocalWorld } from '../../tools/local/world.ts';
import { sampleRequest } from '../fixtures.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

const seed = loadSeed(DEFAULT_SEED_PATH);
const ARN = 'arn:aws:states:us-east-1:000000000000:execution:ad-cert-orchestrator-provision:plan-test';

/** The sample with its template valid for two years and a second template (the day-two change). */
export const dayTwoRequest = (): ProvisioningRequest & { Connector: NonNullable<ProvisioningRequest['Connector']> } => {
  const r = sampleRequest();
  const [first] = r.Connector.Templates ?? [];
  assert.ok(first);
  const changed = structuredClone(first);
  (changed.Definition as { TemplateV2: { CertificateValidity: { ValidityPeriod: { Period: number } } } }).TemplateV2.CertificateValidity.ValidityPeriod.Period = 2;
  const second: TemplateRequest = { ...structuredClone(first), Name: 'WebServer' };
  return { ...r, Connector: { ...r.Connector, Templates: [changed, second] } };
};

/** The plan of `request` in a world started from `snapshot`, and the write calls it made. */
const planIn = (snapshot: EmulatorSnapshot, request: unknown) =>
  withLocalWorld({ seed, emulator: { snapshot } }, async ({ emulator }) => {
    const outcome: { plan?: ChangePlan; error?: unknown } = await planChangesCore({ ExecutionId: ARN, Request: request, Warnings: ['from validation'] }).then(
      (plan) => ({ plan }),
      (error: unknown) => ({ error }),
    );
    return { ...outcome, writes: writeCallsOf(emulator.apiCalls), calls: { ...emulator.apiCalls } };
  });

const lines = (plan: ChangePlan | undefined): string[] => (plan?.plan ?? []).map((e) => `${e.resource} ${e.action}`);

describe('PlanChanges (real discovery against the emulator)', () => {
  let provisioned: EmulatorSnapshot;
  before(async () => {
    const run = await runInNewWorld({ seed }, { input: sampleRequest() });
    assert.equal(run.status, 'SUCCEEDED', `${run.error ?? ''} ${run.cause ?? ''}`);
    provisioned = run.snapshot;
  });

  it('the request that provisioned the world: every resource keep, no write call', async () => {
    const { plan, error, writes, calls } = await planIn(provisioned, sampleRequest());
    assert.equal(error, undefined);
    assert.deepEqual(lines(plan), [
      'ca-share keep', 'directory keep', 'directory-data-access keep', 'group keep', 'directory-registration keep', 'connector keep', 'service-principal-name keep',
      'template keep', 'access-entry keep',
    ]);
    // Domain Computers, named by GroupName, is compared by the SID the directory resolves it to.
    const sid = plan?.plan.find((e) => e.resource === 'group')?.id ?? '';
    assert.match(sid, /^S-1-5-21-\d+-\d+-\d+-515$/);
    assert.equal(plan?.plan.find((e) => e.resource === 'access-entry')?.id, `ComputerAutoEnroll/${sid}`);
    assert.deepEqual(plan?.warnings, ['from validation']);
    assert.deepEqual(writes, {});
    assert.ok((calls['DirectoryService.DescribeDirectories'] ?? 0) > 0 && (calls['PcaConnectorAd.ListTemplates'] ?? 0) > 0, 'it did read');
  });

  it('a day-two change: the template update, the new template and its entry; the rest keep; no write call', async () => {
    const { plan, error, writes } = await planIn(provisioned, dayTwoRequest());
    assert.equal(error, undefined);
    const changed = (plan?.plan ?? []).filter((e) => e.action !== 'keep');
    const sid = plan?.plan.find((e) => e.resource === 'group')?.id ?? '';
    assert.deepEqual(changed.map((e) => `${e.resource} ${e.id} ${e.action}`), [
      'template ComputerAutoEnroll update',
      'template WebServer create',
      `access-entry WebServer/${sid} create`,
    ]);
    assert.deepEqual(changed[0]?.fields, [
      { field: 'Connector.Templates[0].Definition.TemplateV2.CertificateValidity.ValidityPeriod.Period', requested: '2', existing: '1' },
    ]);
    assert.deepEqual(writes, {});
  });

  it('the edition changed too: PlanConflictError naming Directory.Edition and its remedy; still no write call', async () => {
    const r = dayTwoRequest();
    assert.ok(!isExistingDirectory(r.Directory));
    r.Directory.Edition = 'Enterprise';
    const { error, writes } = await planIn(provisioned, r);
    assert.ok(error instanceof PlanConflictError, String(error));
    assert.match(error.message, /^Nothing was written: 1 resource\(s\) differ/);
    assert.match(error.message, /Directory\.Edition: requested Enterprise, existing Standard/);
    assert.match(error.message, /put the existing values back in the request, or remove the directory/);
    assert.deepEqual(error.differences.map((d) => d.field), ['Directory.Edition']);
    assert.deepEqual(writes, {});
  });

  it('before anything exists: every resource create, and nothing is written', async () => {
    const { plan, writes } = await withLocalWorld({ seed }, async ({ emulator }) => ({
      plan: await planChangesCore({ ExecutionId: ARN, Request: sampleRequest(), Warnings: [] }),
      writes: writeCallsOf(emulator.apiCalls),
    }));
    // Domain Computers cannot be looked up before the directory exists: a built-in group is expected there (keep).
    assert.deepEqual(lines(plan).filter((l) => !l.endsWith(' create')), ['group keep']);
    assert.deepEqual(writes, {});
  });
});
