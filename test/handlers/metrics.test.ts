/**
 * The business metrics as CloudWatch receives them: EMF lines on stdout from the real handlers, while the real ASL
 * runs in the local world (metrics switched on, as on Lambda).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureOutput } from '../support/handlers.ts';
import { defaultSeed, sampleRequest } from '../fixtures.ts';

process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
const { runInNewWorld } = await import('../../tools/local/world.ts');
const { parseFault } = await import('../../tools/local/emulator/index.ts');
const { METRICS_NAMESPACE } = await import('../../src/lib/metrics.ts');

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

/** Every EMF document printed while `fn` ran: `{name, value, dimensions}`. */
const emitted = async (fn: () => Promise<unknown>) => {
  const { output } = await captureOutput(fn);
  // An EMF document is one line; the test reporter's own output may share a captured chunk with it.
  return output
    .split('\n')
    .filter((l) => l.includes('{"_aws"'))
    .map((l) => JSON.parse(l.slice(l.indexOf('{"_aws"'))) as Emf)
    .flatMap((doc) =>
      doc._aws.CloudWatchMetrics.flatMap((m) => {
        assert.equal(m.Namespace, METRICS_NAMESPACE);
        const dims = Object.fromEntries((m.Dimensions[0] ?? []).map((d) => [d, String(doc[d])]));
        return m.Metrics.map((x) => ({ name: x.Name, unit: x.Unit, value: doc[x.Name], dimensions: dims }));
      }),
    );
};

describe('business metrics of a provisioning (EMF, real ASL, local world)', () => {
  it('success (created, phase durations, succeeded), a retried throttle, a caught failure', async () => {
    const points = await emitted(() => runInNewWorld({ seed: defaultSeed() }, { input: sampleRequest() }));
    const byName = new Map(points.map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()].sort(), ['ConnectorActiveSeconds', 'ConnectorCreated', 'DirectoryActiveSeconds', 'DirectoryCreated', 'ProvisioningSucceeded']);
    assert.deepEqual(byName.get('DirectoryCreated')?.dimensions, { service: 'ad-cert-orchestrator', DirectoryType: 'MicrosoftAD' });
    assert.equal(byName.get('DirectoryActiveSeconds')?.unit, 'Seconds');
    assert.ok(Number(byName.get('DirectoryActiveSeconds')?.value) >= 2220, 'the emulator makes a Managed AD Active after 2220 s');
    assert.equal(points.filter((p) => p.name === 'ProvisioningSucceeded').length, 1);

    // Three throttles outlast the SDK's own attempts: the handler throws and the Task's Retry catches it.
    const retried = await emitted(() =>
      runInNewWorld({ seed: defaultSeed(), emulator: { faults: [parseFault('CreateConnector:ThrottlingException:3')] } }, { input: sampleRequest() }),
    );
    assert.deepEqual(retried.find((p) => p.name === 'RetriedErrors')?.dimensions, { service: 'ad-cert-orchestrator', State: 'CreateConnector', ErrorName: 'ThrottlingException' });
    assert.ok(retried.some((p) => p.name === 'ProvisioningSucceeded'));

    const failed = await emitted(() =>
      runInNewWorld({ seed: defaultSeed(), emulator: { faults: [parseFault('CreateMicrosoftAD:DirectoryLimitExceededException')] } }, { input: sampleRequest() }),
    );
    assert.deepEqual(failed.map((p) => [p.name, p.dimensions['ErrorName']]), [['ProvisioningFailed', 'DirectoryLimitExceededException']]);
  });
});
