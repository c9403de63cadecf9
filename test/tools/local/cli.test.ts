/**
 * The `npm start` CLI, run as a user runs it (a child process on the project's Node), against the embedded
 * emulator: happy path, retried faults, terminal faults, the lost-response case and reruns.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

/** The --json world counts: directories, connectors and the CA shares (one per connector run here). */
const world = (directories: number, connectors: number, resourceShares = connectors) => ({
  directories, connectors, directoryRegistrations: 0, servicePrincipalNames: 0, templates: 0, accessControlEntries: 0, resourceShares,
});

const ROOT = new URL('../../..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'adco-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface CliJson {
  status: 'SUCCEEDED' | 'FAILED';
  executionArn: string;
  output?: { DirectoryId: string; ConnectorArn: string; DirectoryAdopted: boolean; ConnectorAdopted: boolean };
  error?: string;
  cause?: string;
  transitions: number;
  apiCalls: Record<string, number>;
  world: Record<string, number>;
  simulatedSeconds: number;
  wallMs: number;
  detections: { resource: string; readyAtSeconds: number | null; detectedAtSeconds: number | null; polls: number }[];
}

function cli(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'tools/local/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function cliJson(args: string[], env: Record<string, string> = {}): { code: number | null; json: CliJson } {
  const res = cli([...args, '--json'], env);
  const lines = res.stdout.trim().split('\n');
  assert.equal(lines.length, 1, `--json prints exactly one line on stdout, got:\n${res.stdout}\n${res.stderr}`);
  return { code: res.code, json: JSON.parse(lines[0] ?? '') as CliJson };
}

const ARN_PREFIX = 'arn:aws:states:us-east-1:000000000000:execution:ad-cert-orchestrator-provision:';

describe('npm start (local world CLI)', () => {
  it('runs the sample input to SUCCEEDED and prints a readable timeline and summary', () => {
    const res = cli([]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /▶ ValidateRequest/);
    assert.match(res.stdout, /↻ retry #1 of GetDirectoryStage after DirectoryNotReadyError \(next poll in \d+ s\)/);
    assert.match(res.stdout, /directory d-[0-9a-f]{10} is Creating/);
    assert.match(res.stdout, /directory d-[0-9a-f]{10} is Active/);
    assert.match(res.stdout, /SUCCEEDED/);
    assert.match(res.stdout, /DirectoryId\s+d-[0-9a-f]{10}/);
    assert.match(res.stdout, /ConnectorArn\s+arn:aws:pca-connector-ad:us-east-1:111122223333:connector\//);
  });

  it('--json: one object with the documented keys; the Managed AD took ~37 simulated minutes', () => {
    const { code, json } = cliJson([]);
    assert.equal(code, 0);
    assert.equal(json.status, 'SUCCEEDED');
    assert.match(json.output?.DirectoryId ?? '', /^d-[0-9a-f]{10}$/);
    assert.match(json.output?.ConnectorArn ?? '', /^arn:aws:pca-connector-ad:/);
    assert.ok(json.simulatedSeconds >= 2220, `simulated ${json.simulatedSeconds}s`);
    assert.deepEqual(json.world, world(1, 1));
    assert.equal(json.apiCalls['DirectoryService.CreateMicrosoftAD'], 1);
    assert.equal(json.apiCalls['PcaConnectorAd.CreateConnector'], 1);
    assert.ok(json.transitions > 8);
    for (const key of ['status', 'executionArn', 'output', 'transitions', 'apiCalls', 'world', 'simulatedSeconds', 'wallMs', 'detections']) {
      assert.ok(key in json, key);
    }
    // The Managed AD is Active at 2220 s, seen at the 2250 s poll; the CA share's one retry (5 s) precedes the connector.
    assert.deepEqual(json.detections.map((d) => [d.resource, d.readyAtSeconds]), [['directory', 2220], ['connector', 2375]]);
    for (const d of json.detections) assert.ok((d.detectedAtSeconds ?? Infinity) >= (d.readyAtSeconds ?? 0) && d.polls > 1, JSON.stringify(d));
  });

  it('--directory-fails-after: the directory goes Failed then, the execution fails with DirectoryFailed and its StageReason', () => {
    const { code, json } = cliJson(['--directory-fails-after', '120']);
    assert.equal(code, 1);
    assert.equal(json.error, 'DirectoryFailed');
    assert.match(json.cause ?? '', /^Directory d-[0-9a-f]{10} is Failed: .*--directory-fails-after/);
    const [directory, ...rest] = json.detections;
    assert.equal(directory?.readyAtSeconds, 120);
    assert.ok((directory?.detectedAtSeconds ?? Infinity) <= 240, JSON.stringify(directory));
    assert.deepEqual(rest, [], 'no connector was waited for');
    assert.equal(json.simulatedSeconds, directory?.detectedAtSeconds, 'reported when seen');
  });

  it('--connector-fails-after: the connector goes FAILED (VPC_ENDPOINT_LIMIT_EXCEEDED), the execution fails with ConnectorFailed', () => {
    const { code, json } = cliJson(['--connector-fails-after', '100']);
    assert.equal(code, 1);
    assert.equal(json.error, 'ConnectorFailed');
    assert.match(json.cause ?? '', /is FAILED: VPC_ENDPOINT_LIMIT_EXCEEDED$/);
    const connector = json.detections.find((d) => d.resource === 'connector');
    assert.equal(connector?.readyAtSeconds, 2355, 'created after the poll that saw the Managed AD Active (2250 s) and the share (5 s), FAILED 100 s later');
    assert.ok((connector?.detectedAtSeconds ?? Infinity) >= 2355);
  });

  it('retries injected throttling and 5xx faults, then succeeds', () => {
    const { code, json } = cliJson([
      '--fault', 'CreateConnector:ThrottlingException:2',
      '--fault', 'DescribeDirectories:ServiceException:1',
      '--fault', 'GetConnector:InternalServerException:1',
    ]);
    assert.equal(code, 0, JSON.stringify(json));
    assert.equal(json.status, 'SUCCEEDED');
    assert.deepEqual(json.world, world(1, 1));
    assert.ok((json.apiCalls['PcaConnectorAd.CreateConnector'] ?? 0) >= 3);
  });

  it('a terminal error fails the execution with its name (exit 1), nothing duplicated', () => {
    const { code, json } = cliJson(['--fault', 'CreateMicrosoftAD:DirectoryLimitExceededException:1']);
    assert.equal(code, 1);
    assert.equal(json.status, 'FAILED');
    assert.equal(json.error, 'DirectoryLimitExceededException');
    assert.deepEqual(json.world, world(0, 0));
  });

  it('an invalid request fails with InvalidRequestError before any create call', () => {
    const { code, json } = cliJson(['--input', 'events/invalid-name-subnets-password.json']);
    assert.equal(code, 1);
    assert.equal(json.error, 'InvalidRequestError');
    assert.equal(json.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0, 0);
    assert.equal(json.apiCalls['PcaConnectorAd.CreateConnector'] ?? 0, 0);
  });

  it('a lost CreateMicrosoftAD response (side effect done, error returned) still leaves exactly one directory', () => {
    const { code, json } = cliJson(['--fault', 'CreateMicrosoftAD:ServiceException:1:after']);
    assert.equal(code, 0, JSON.stringify(json));
    assert.deepEqual(json.world, world(1, 1));
    assert.equal(json.apiCalls['DirectoryService.CreateMicrosoftAD'], 1, 'the retry adopted the directory instead of creating');
    assert.equal(json.output?.DirectoryAdopted, true);
  });

  it('a lost CreateConnector response is absorbed by the ClientToken: one connector', () => {
    const { code, json } = cliJson(['--fault', 'CreateConnector:InternalServerException:1:after']);
    assert.equal(code, 0, JSON.stringify(json));
    assert.deepEqual(json.world, world(1, 1));
  });

  it('rerun with the same --execution-id and --state (as a redrive would): same ConnectorArn, one of each', () => {
    const state = join(tmp, 'redrive.json');
    const arn = `${ARN_PREFIX}redrive-1`;
    const first = cliJson(['--state', state, '--execution-id', arn]);
    assert.equal(first.json.status, 'SUCCEEDED');
    const second = cliJson(['--state', state, '--execution-id', arn]);
    assert.equal(second.json.status, 'SUCCEEDED');
    assert.equal(second.json.output?.ConnectorArn, first.json.output?.ConnectorArn);
    assert.equal(second.json.output?.DirectoryId, first.json.output?.DirectoryId);
    assert.deepEqual(second.json.world, world(1, 1));
    assert.equal(second.json.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0, 0);
  });

  it('rerun as a new execution with the same input and --state: adopts both, still one of each', () => {
    const state = join(tmp, 'new-execution.json');
    const first = cliJson(['--state', state]);
    assert.equal(first.json.status, 'SUCCEEDED');
    const second = cliJson(['--state', state]);
    assert.equal(second.json.status, 'SUCCEEDED');
    assert.notEqual(second.json.executionArn, first.json.executionArn);
    assert.equal(second.json.output?.DirectoryId, first.json.output?.DirectoryId);
    assert.equal(second.json.output?.ConnectorArn, first.json.output?.ConnectorArn);
    assert.equal(second.json.output?.DirectoryAdopted, true);
    assert.equal(second.json.output?.ConnectorAdopted, true);
    assert.deepEqual(second.json.world, world(1, 1));
    assert.equal(second.json.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0, 0);
    assert.equal(second.json.apiCalls['PcaConnectorAd.CreateConnector'] ?? 0, 0);
  });

  it('usage errors exit 2 with a message', () => {
    assert.equal(cli(['--bogus']).code, 2);
    assert.equal(cli(['--fault', 'nonsense']).code, 2);
    assert.equal(cli(['--input', 'does/not/exist.json']).code, 2);
    assert.equal(cli(['--execution-id', 'not-an-arn']).code, 2);
    assert.equal(cli(['--directory-active-after', '-5']).code, 2);
    const fails = cli(['--directory-fails-after', 'soon']);
    assert.equal(fails.code, 2);
    assert.match(fails.stderr, /--directory-fails-after needs a number of seconds/);
    assert.match(cli(['--connector-fails-after=-1']).stderr, /--connector-fails-after needs a number of seconds/);
  });
});
