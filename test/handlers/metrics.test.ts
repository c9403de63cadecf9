/**
 * The business metrics as CloudWatch receives them: EMF lines on stdout from the real handlers, while the real ASL
 * runs in the local world (metrics switched on, as on Lambda), each with the stage dimension; and where each is
 * emitted, against what docs/operations.md says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { captureOutput } from '../support/handlers.ts';
import type { LocalTaskHandler } from '../../tools/local/engine/execution.ts';
import type { FaultSpec } from '../../tools/local/emulator/index.ts';
import { defaultSeed, sampleRequest } from '../fixtures.ts';

process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
process.env['STAGE'] = 'test'; // as serverless.yml sets it: the stage dimension of every metric
const { runInNewWorld } = await import('../../tools/local/world.ts');
const { parseFault } = await import('../../tools/local/emulator/index.ts');
const { METRICS_NAMESPACE } = await import('../../src/lib/metrics.ts');
const { METRIC_NAMES } = await import('../../src/domain/metrics.ts');
const { CALLER_INPUT_ERRORS } = await import('../../src/workflow/catalog.ts');
const { readJson } = await import('../fixtures.ts');
const { TASK_STATES } = await import('../../src/workflow/catalog.ts');

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
    assert.deepEqual(byName.get('DirectoryCreated')?.dimensions, { service: 'ad-cert-orchestrator', stage: 'test', DirectoryType: 'MicrosoftAD' });
    assert.equal(byName.get('DirectoryActiveSeconds')?.unit, 'Seconds');
    assert.ok(Number(byName.get('DirectoryActiveSeconds')?.value) >= 2220, 'the emulator makes a Managed AD Active after 2220 s');
    assert.equal(points.filter((p) => p.name === 'ProvisioningSucceeded').length, 1);

    // Three throttles outlast the SDK's own attempts: the handler throws and the Task's Retry catches it.
    const retried = await emitted(() =>
      runInNewWorld({ seed: defaultSeed(), emulator: { faults: [parseFault('CreateConnector:ThrottlingException:3')] } }, { input: sampleRequest() }),
    );
    assert.deepEqual(retried.find((p) => p.name === 'RetriedErrors')?.dimensions, { service: 'ad-cert-orchestrator', stage: 'test', State: 'CreateConnector', ErrorName: 'ThrottlingException' });
    assert.ok(retried.some((p) => p.name === 'ProvisioningSucceeded'));

    const failed = await emitted(() =>
      runInNewWorld({ seed: defaultSeed(), emulator: { faults: [parseFault('CreateMicrosoftAD:DirectoryLimitExceededException')] } }, { input: sampleRequest() }),
    );
    assert.deepEqual(failed.map((p) => [p.name, p.dimensions['ErrorName']]), [['ProvisioningFailed', 'DirectoryLimitExceededException']]);
  });

  it('a caller\'s bad input (npm start -- --input events/invalid-name-subnets-password.json) emits one ProvisioningFailed by InvalidRequestError and ends in a caller-input error, which pages nobody', async () => {
    const failures: string[] = [];
    const points = await emitted(async () => {
      const run = await runInNewWorld({ seed: defaultSeed() }, { input: readJson('events/invalid-name-subnets-password.json') });
      failures.push(`${run.status} ${run.error ?? ''}`);
    });
    assert.deepEqual(failures, ['FAILED InvalidRequestError']);
    assert.deepEqual(points.map((p) => [p.name, p.dimensions]), [['ProvisioningFailed', { service: 'ad-cert-orchestrator', stage: 'test', ErrorName: 'InvalidRequestError' }]]);
    // ExecutionNotificationsRule excludes exactly CALLER_INPUT_ERRORS (test/packaging/monitoring-template.ts), and no
    // alarm counts ExecutionsFailed or a function's Errors: this failure is counted, and nobody is paged.
    assert.ok((CALLER_INPUT_ERRORS as readonly string[]).includes('InvalidRequestError'));
  });

  it('docs/operations.md says which functions emit each metric, and the local world emits each exactly there', async () => {
    // Prepare: every EMF line attributed to the Task handler running when it was printed (runs are sequential)
    const seen = new Map<string, Set<string>>();
    let current = '(none)';
    const attribute = (state: string, handler: LocalTaskHandler): LocalTaskHandler => async (event, context) => {
      current = state;
      try {
        return await handler(event, context);
      } finally {
        current = '(none)';
      }
    };
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      for (const line of String(chunk).split('\n').filter((l) => l.includes('{"_aws"'))) {
        const doc = JSON.parse(line.slice(line.indexOf('{"_aws"'))) as Emf;
        for (const m of doc._aws.CloudWatchMetrics.flatMap((x) => x.Metrics)) (seen.get(m.Name) ?? seen.set(m.Name, new Set()).get(m.Name))?.add(current);
      }
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
    // Act: a success, its rerun (adopts), a throttle retried, a directory that fails, a caller's bad input, a rejected event
    try {
      const run = (extra: { snapshot?: unknown; faults?: FaultSpec[]; input?: unknown } = {}) =>
        runInNewWorld(
          { seed: defaultSeed(), emulator: { ...(extra.snapshot ? { snapshot: extra.snapshot as never } : {}), faults: extra.faults ?? [] } },
          { input: extra.input ?? sampleRequest(), wrapHandler: attribute },
        );
      const first = await run();
      await run({ snapshot: first.snapshot });
      await run({ faults: [parseFault('CreateConnector:ThrottlingException:3')] });
      await run({ faults: [parseFault('DirectoryLifecycle:Failed')] });
      await run({ input: readJson('events/invalid-name-subnets-password.json') });
      await run({ faults: [parseFault('CreateMicrosoftAD:DirectoryLimitExceededException')] });
      const { startFromEvent } = await import('../../src/handlers/start-from-event.ts');
      const { startTeardownFromEvent } = await import('../../src/handlers/start-teardown-from-event.ts');
      const { startLocalWorld } = await import('../../tools/local/world.ts');
      const world = await startLocalWorld();
      try {
        for (const [name, start] of [['StartFromEvent', startFromEvent], ['StartTeardownFromEvent', startTeardownFromEvent]] as const) {
          current = name;
          await start({ id: `bad-${name}`, detail: { Directory: { Password: 'x' } } });
        }
      } finally {
        current = '(none)';
        await world.stop();
      }
    } finally {
      process.stdout.write = write;
    }
    // Assess
    const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('<!-- metrics:start -->'), doc.indexOf('<!-- metrics:end -->'));
    const rows = [...table.matchAll(/^\| `(\w+)` \|[^|]*\|[^|]*\| ([^|]+) \|/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);
    assert.deepEqual(rows.map(([name]) => name).sort(), [...METRIC_NAMES].sort(), 'one row per metric');
    for (const [name, cell] of rows) {
      const observed = [...(seen.get(name) ?? [])].sort();
      if (/^every provisioning Task function/.test(cell)) {
        assert.ok(observed.length > 0 && observed.every((s) => (TASK_STATES as readonly string[]).includes(s)), `${name}: ${observed.join(', ')}`);
        continue;
      }
      const documented = [...cell.matchAll(/`(\w+)`/g)].map((m) => m[1] ?? '').sort();
      assert.deepEqual(observed, documented, `${name}: emitted by ${observed.join(', ')}; the docs say ${documented.join(', ')}`);
    }
  });
});
