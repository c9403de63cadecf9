/**
 * `serverless invoke local --stage local -f <fn> -p events/<fn>.json` as a user runs it: the real osls CLI
 * (serverless-esbuild builds the .mjs bundle, serverless/plugins/invoke-local-esm.cjs points the invoker at it),
 * against a local world started here (what `npm run world` starts). With FULL_CHECKS=1 (and in
 * `npm run verify:reliability`) EVERY function of serverless.yml runs; otherwise three representative ones, one per
 * place functions are declared and per kind of event: createDirectory (a Task of serverless.yml, its parameters from
 * the stage), discoverResources (a teardown Task of serverless/teardown.yml, finding what createDirectory created) and
 * apiCreateProvisioning (an API trigger of serverless/triggers.yml: an API Gateway event, a secret stored, an
 * execution started on the local Step Functions endpoint, which then runs to the end in the world). Each function's
 * bundle is also built and loaded by test/packaging/serverless-package.test.ts, and each handler runs in-process in
 * test/handlers/. The provisioning's commands run one after the other in a copy of the service (esbuild's work folder
 * is per service directory), in the order a provisioning takes; the ones whose samples neither create nor depend on
 * anything run beside them in a second copy (osls's start-up is most of each command's time). Each handler's real
 * result is checked.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startLocalWorld } from '../../tools/local/world.ts';
import { fullChecks } from '../../tools/verify/full-checks.ts';
import type { LocalWorld } from '../../tools/local/world.ts';
import { ROOT } from '../support/packaging.ts';
import { readEvent } from '../fixtures.ts';

const SERVERLESS_BIN = join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');
process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT'; // the world's own executions, in this process
const FULL = fullChecks();
/** What runs without FULL_CHECKS=1, in this order: one function per place functions are declared (see above). */
const REPRESENTATIVE = ['createDirectory', 'discoverResources', 'apiCreateProvisioning'];

/** The function keys of serverless.yml's `functions:` block, in order. */
const functionKeys = (): string[] => {
  const lines = readFileSync(join(ROOT, 'serverless.yml'), 'utf8').split('\n');
  const start = lines.indexOf('functions:');
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
  return lines.slice(start + 1, end).flatMap((l) => /^ {2}(\w+):/.exec(l)?.[1] ?? []);
};

/** The handler's result: the last pretty-printed JSON block osls writes (log lines are one-line JSON). */
const resultOf = (stdout: string): Record<string, unknown> => {
  const lines = stdout.split('\n');
  const start = lines.lastIndexOf('{');
  assert.ok(start >= 0, `no result in:\n${stdout}`);
  return JSON.parse(lines.slice(start).join('\n')) as Record<string, unknown>;
};

describe(`serverless invoke local, ${FULL ? 'every function' : `${REPRESENTATIVE.join(', ')} (FULL_CHECKS=1: every function)`}, against the local world`, { timeout: 900_000 }, () => {
  let world: LocalWorld;
  const services: string[] = [];
  before(async () => {
    for (let i = 0; i < 2; i += 1) {
      const service = mkdtempSync(join(tmpdir(), 'invoke-local-'));
      services.push(service);
      for (const entry of ['serverless.yml', 'serverless', 'src', 'statemachine', 'events', 'package.json', 'tsconfig.json']) {
        cpSync(join(ROOT, entry), join(service, entry), { recursive: true });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(service, 'node_modules'));
    }
    // As `npm run world`: resources turn Active at once (nothing advances the simulated clock between invokes).
    world = await startLocalWorld({
      emulator: { directoryActiveAfterSeconds: 0, connectorActiveAfterSeconds: 0, registrationActiveAfterSeconds: 0, spnActiveAfterSeconds: 0, dataAccessEnabledAfterSeconds: 0, shareAssociatedAfterSeconds: 0 },
    });
  });
  after(async () => {
    await world?.stop();
    for (const service of services) rmSync(service, { recursive: true, force: true });
  });

  const invoke = async (fn: string, service: string): Promise<Record<string, unknown>> => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [SERVERLESS_BIN, 'invoke', 'local', '--stage', 'local', '-f', fn, '-p', `events/${fn}.json`],
      {
        cwd: service,
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? tmpdir(),
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
          CI: '1',
          ...world.env,
        },
      },
    );
    return resultOf(stdout);
  };

  it('has a sample event per function, and each command run returns the handler\'s result', async (t) => {
    const keys = functionKeys();
    assert.equal(keys.length, 31, keys.join(', '));
    const results: Record<string, Record<string, unknown>> = {};
    // The order of a provisioning: each Task's sample event refers to what the previous one created (the change lease
    // taken first, released by the record step last).
    const order = ['validateRequest', 'acquireChangeLease', 'planChanges', 'planProvisioning', 'createDirectory', 'getDirectoryStage', 'enableDirectoryDataAccess',
      'getDirectoryDataAccessStatus', 'resolveGroups', 'shareCertificateAuthority', 'createDirectoryRegistration', 'getDirectoryRegistrationStatus', 'createConnector',
      'getConnectorStatus', 'createServicePrincipalName', 'getServicePrincipalNameStatus', 'createTemplates', 'recordProvisioning', 'startFromEvent', 'apiCreateProvisioning',
      'apiGetProvisioning', 'apiUpdateProvisioning', 'recordExecutionStatus',
      // The teardown's: discovery finds what the invokes above created; the delete samples carry a plan with nothing left to delete.
      'discoverResources', 'acquireTeardownLease', 'deleteConnectors', 'deleteDirectories', 'deletePasswordSecret', 'recordTeardown',
      // Its triggers last (they start teardowns in the world).
      'apiDeleteProvisioning', 'startTeardownFromEvent'];
    assert.deepEqual([...order].sort(), [...keys].sort(), 'every function of serverless.yml, once');
    for (const fn of keys) assert.ok(existsSync(join(ROOT, 'events', `${fn}.json`)), `events/${fn}.json`);
    const runs = FULL ? order : REPRESENTATIVE;
    const ran = (fn: string): boolean => runs.includes(fn);
    // Beside the chain: ValidateRequest only reads the seed, the plans only read; the delete samples' plans have nothing to delete (no call).
    const beside = ['validateRequest', 'planChanges', 'planProvisioning', 'deleteConnectors', 'deleteDirectories', 'deletePasswordSecret'];
    // One change of the directory at a time: a start waits until the execution an earlier invoke started has ended.
    const waitsFor: Record<string, string> = {
      apiCreateProvisioning: 'startFromEvent',
      apiUpdateProvisioning: 'apiCreateProvisioning',
      acquireTeardownLease: 'apiUpdateProvisioning',
    };
    const startedBy = (fn: string): string => {
      const r = results[fn] as { executionArn?: string; body?: { executionArn?: string } };
      return String(r.executionArn ?? r.body?.executionArn);
    };
    const lane = async (fns: string[], service: string): Promise<void> => {
      for (const fn of fns) {
        const earlier = waitsFor[fn];
        if (earlier && ran(earlier)) await world.stepFunctions.waitFor(startedBy(earlier));
        results[fn] = await invoke(fn, service);
      }
    };
    await Promise.all([
      lane(runs.filter((fn) => !beside.includes(fn)), services[0] ?? ''),
      lane(runs.filter((fn) => beside.includes(fn)), services[1] ?? ''),
    ]);
    for (const fn of runs) t.diagnostic(`${fn}: ${JSON.stringify(results[fn]).slice(0, 160)}`);
    assert.deepEqual(Object.keys(results).sort(), [...runs].sort(), 'every command run returned a result');

    const directoryId = (readEvent<{ Directory: { DirectoryId: string } }>('getDirectoryStage.json')).Directory.DirectoryId;
    const connectorArn = (readEvent<{ Connector: { ConnectorArn: string } }>('getConnectorStatus.json')).Connector.ConnectorArn;
    const registrationArn = readEvent<{ Registration: { DirectoryRegistrationArn: string } }>('getDirectoryRegistrationStatus.json').Registration.DirectoryRegistrationArn;
    const expectations: Record<string, () => void> = {
      validateRequest: () => assert.equal(results['validateRequest']?.['DirectoryType'], 'MicrosoftAD'),
      planChanges: () => assert.ok(Array.isArray(results['planChanges']?.['plan']), JSON.stringify(results['planChanges'])),
      planProvisioning: () => assert.ok(Array.isArray(results['planProvisioning']?.['plan']), JSON.stringify(results['planProvisioning'])),
      createDirectory: () => {
        assert.equal(results['createDirectory']?.['DirectoryId'], directoryId, 'createDirectory creates the directory the next sample polls');
        assert.equal(results['createDirectory']?.['Adopted'], false);
      },
      getDirectoryStage: () => assert.equal(results['getDirectoryStage']?.['Stage'], 'Active'),
      enableDirectoryDataAccess: () => assert.ok(results['enableDirectoryDataAccess']),
      getDirectoryDataAccessStatus: () => assert.equal(results['getDirectoryDataAccessStatus']?.['Status'], 'Enabled'),
      resolveGroups: () =>
        assert.deepEqual((results['resolveGroups']?.['Groups'] as { GroupName: string; SID: string }[] | undefined)?.map((g) => g.GroupName), ['Domain Computers']),
      shareCertificateAuthority: () => assert.equal(results['shareCertificateAuthority']?.['PrincipalAssociationStatus'], 'ASSOCIATED'),
      // The connector-side steps chain the same way: each sample names what the previous invoke created.
      createDirectoryRegistration: () => assert.equal(results['createDirectoryRegistration']?.['DirectoryRegistrationArn'], registrationArn),
      getDirectoryRegistrationStatus: () => assert.equal(results['getDirectoryRegistrationStatus']?.['Status'], 'ACTIVE'),
      createConnector: () => assert.equal(results['createConnector']?.['ConnectorArn'], connectorArn),
      getConnectorStatus: () => assert.equal(results['getConnectorStatus']?.['Status'], 'ACTIVE'),
      createServicePrincipalName: () => assert.equal(results['createServicePrincipalName']?.['ConnectorArn'], connectorArn),
      getServicePrincipalNameStatus: () => assert.equal(results['getServicePrincipalNameStatus']?.['Status'], 'ACTIVE'),
      createTemplates: () => assert.equal((results['createTemplates']?.['TemplateArns'] as string[] | undefined)?.length, 1),
      startFromEvent: () => {
        assert.equal(results['startFromEvent']?.['executionName'], `evt-${readEvent<{ id: string }>('startFromEvent.json').id}`);
        assert.equal(results['startFromEvent']?.['alreadyStarted'], false);
      },
      apiCreateProvisioning: () => assert.equal(results['apiCreateProvisioning']?.['statusCode'], 202),
      apiGetProvisioning: () => {
        const get = results['apiGetProvisioning'] as { statusCode: number; body: { name: string } };
        assert.equal(get.statusCode, 200);
        assert.equal(get.body.name, 'api-key-invoke-local-1');
      },
      acquireChangeLease: () =>
        // The record the Task invokes started (sample-execution) lists the triggers' executions of the same directory.
        assert.deepEqual(results['acquireChangeLease'], { ProvisioningId: 'sample-execution', Kind: 'provisioning', TakenOverFrom: null }),
      recordProvisioning: () => {
        assert.equal(results['recordProvisioning']?.['Recorded'], true);
        assert.equal(results['recordProvisioning']?.['LeaseReleased'], true);
      },
      apiUpdateProvisioning: () => {
        const put = results['apiUpdateProvisioning'] as { statusCode: number; body: { name: string; provisioning: { id: string } } };
        assert.equal(put.statusCode, 202, JSON.stringify(put));
        assert.match(put.body.name, /^put-[0-9a-f]{60}$/);
        assert.equal(put.body.provisioning.id, 'sample-execution');
      },
      recordExecutionStatus: () =>
        assert.ok(['recorded', 'not-recorded'].includes(String(results['recordExecutionStatus']?.['outcome'])), JSON.stringify(results['recordExecutionStatus'])),
      acquireTeardownLease: () => assert.equal(results['acquireTeardownLease']?.['Kind'], 'teardown'),
      recordTeardown: () => assert.equal(results['recordTeardown']?.['LeaseReleased'], true),
      discoverResources: () => {
        // It finds what the invokes before it created: the connector only when createConnector ran.
        const plan = results['discoverResources'] as { Connectors: string[]; Directories: string[] };
        assert.deepEqual(plan.Connectors, ran('createConnector') ? [connectorArn] : []);
        assert.deepEqual(plan.Directories, [directoryId]);
      },
      deleteConnectors: () => assert.deepEqual(results['deleteConnectors']?.['Deleted'], []),
      deleteDirectories: () => assert.deepEqual(results['deleteDirectories']?.['Deleted'], []),
      deletePasswordSecret: () => assert.deepEqual(results['deletePasswordSecret']?.['Deleted'], []),
      apiDeleteProvisioning: () => {
        const del = results['apiDeleteProvisioning'] as { statusCode: number; body: { name: string; executionArn: string } };
        assert.equal(del.statusCode, 202);
        assert.equal(del.body.name, 'del-api-key-invoke-local-1');
        assert.match(del.body.executionArn, /:execution:ad-cert-orchestrator-teardown:del-api-key-invoke-local-1$/);
      },
      startTeardownFromEvent: () => {
        assert.equal(results['startTeardownFromEvent']?.['executionName'], `evt-${readEvent<{ id: string }>('startTeardownFromEvent.json').id}`);
        assert.match(String(results['startTeardownFromEvent']?.['executionArn']), /:execution:ad-cert-orchestrator-teardown:evt-/);
      },
    };
    assert.deepEqual(Object.keys(expectations).sort(), [...keys].sort(), 'an expectation per function');
    for (const fn of runs) expectations[fn]?.();

    // Offline: every AWS call went to the local world. The executions the triggers started run the real workflow in
    // the world (adopting what the Task invokes created).
    if (ran('startFromEvent')) assert.equal(await world.stepFunctions.waitFor(String(results['startFromEvent']?.['executionArn'])), 'SUCCEEDED');
    if (!FULL) {
      const started = results['apiCreateProvisioning'] as { body: { executionArn: string } };
      assert.equal(await world.stepFunctions.waitFor(started.body.executionArn), 'SUCCEEDED');
    }
    assert.equal(world.emulator.apiCalls['DirectoryService.CreateMicrosoftAD'], 1);
    assert.equal(world.emulator.apiCalls['RAM.CreateResourceShare'], 1);
    assert.equal(world.emulator.apiCalls['PcaConnectorAd.CreateConnector'], 1);
  });
});
