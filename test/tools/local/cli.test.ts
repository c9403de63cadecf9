/**
 * The `npm start` CLI against the embedded emulator: happy path, retried faults, terminal faults, the lost-response
 * case and reruns. Most cases call the CLI's `main` in this process (its stdout, stderr and exit code captured);
 * what only a real process shows runs as a user runs it, a child process on the project's Node: the exit code on
 * process exit (0 after EPIPE and when two run at once, 1 for a failed run, 2 for a usage error: the lock), one line
 * on the real stdout (no handler log), a reader that goes away (EPIPE), and the `--state` lock between processes.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PROVISIONED_SERVICES, writeCallsOf } from '../../../tools/local/emulator/index.ts';
import { GENEROUS_CHILD_MS, ownLines } from '../../support/limits.ts';

process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT'; // before the handlers load (the CLI sets it for its child runs)
const { main } = await import('../../../tools/local/cli.ts');

/**
 * The --json world counts: directories, connectors and the CA shares (one per connector run here); the sample names
 * its group by GroupName, so a run that reached the connector turned Directory Data access on first.
 */
const world = (directories: number, connectors: number, more: Partial<Record<string, number>> = {}) => ({
  directories,
  connectors,
  directoryRegistrations: connectors,
  servicePrincipalNames: connectors,
  templates: connectors,
  accessControlEntries: connectors,
  resourceShares: connectors,
  directoryDataAccessEnabled: connectors,
  groupsCreated: 0,
  ...more,
});

const ROOT = new URL('../../..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'adco-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface CliJson {
  status: 'SUCCEEDED' | 'FAILED';
  executionArn: string;
  output?: {
    DirectoryId: string;
    ConnectorArn: string;
    DirectoryAdopted: boolean;
    ConnectorAdopted: boolean;
    Groups: { GroupName: string; SID: string; Created: boolean }[];
  };
  error?: string;
  cause?: string;
  transitions: number;
  apiCalls: Record<string, number>;
  world: Record<string, number>;
  simulatedSeconds: number;
  wallMs: number;
  detections: { resource: string; readyAtSeconds: number | null; detectedAtSeconds: number | null; polls: number }[];
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm start -- ARGS` in this process: main with its stdout and stderr captured. */
async function cli(args: string[]): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, { out: (text) => stdout.push(text), err: (text) => stderr.push(text) });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** `npm start -- ARGS` as a child process on the project's Node (what only a real process shows). */
function cliProcess(args: string[]): CliRun {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'tools/local/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: GENEROUS_CHILD_MS });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function parseJson(res: CliRun): { code: number | null; json: CliJson } {
  const lines = res.stdout.trim().split('\n');
  assert.equal(lines.length, 1, `--json prints exactly one line on stdout, got:\n${res.stdout}\n${res.stderr}`);
  return { code: res.code, json: JSON.parse(lines[0] ?? '') as CliJson };
}

const cliJson = async (args: string[]): Promise<{ code: number | null; json: CliJson }> => parseJson(await cli([...args, '--json']));

const ARN_PREFIX = 'arn:aws:states:us-east-1:000000000000:execution:ad-cert-orchestrator-provision:';

describe('npm start (local world CLI)', () => {
  it('runs the sample input to SUCCEEDED and prints a readable timeline and summary', async () => {
    const res = await cli([]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /▶ ValidateRequest/);
    assert.match(res.stdout, /↻ retry #1 of GetDirectoryStage after DirectoryNotReadyError \(next poll in \d+ s\)/);
    assert.match(res.stdout, /directory d-[0-9a-f]{10} is Creating/);
    assert.match(res.stdout, /directory d-[0-9a-f]{10} is Active/);
    assert.match(res.stdout, /SUCCEEDED/);
    assert.match(res.stdout, /DirectoryId\s+d-[0-9a-f]{10}/);
    assert.match(res.stdout, /ConnectorArn\s+arn:aws:pca-connector-ad:us-east-1:111122223333:connector\//);
  });

  it('--json: one object with the documented keys; the Managed AD took ~37 simulated minutes', async () => {
    const { code, json } = await cliJson([]);
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
    // The Managed AD is Active at 2220 s, seen at the 2250 s poll; Directory Data access (Enabled 60 s after it was asked
    // for, seen at the next poll); the CA share's one retry (5 s), then the registration (ACTIVE 60 s after its
    // creation, seen at the next poll), the connector (120 s) and the SPN (30 s).
    assert.deepEqual(json.detections.map((d) => [d.resource, d.readyAtSeconds]), [
      ['directory', 2220], ['directoryDataAccess', 2310], ['directoryRegistration', 2375], ['connector', 2495], ['servicePrincipalName', 2525],
    ]);
    for (const d of json.detections) assert.ok((d.detectedAtSeconds ?? Infinity) >= (d.readyAtSeconds ?? 0) && d.polls > 1, JSON.stringify(d));
  });

  it('--directory-fails-after: the directory goes Failed then, the execution fails with DirectoryFailed and its StageReason', async () => {
    const { code, json } = await cliJson(['--directory-fails-after', '120']);
    assert.equal(code, 1);
    assert.equal(json.error, 'DirectoryFailed');
    assert.match(json.cause ?? '', /^Directory d-[0-9a-f]{10} is Failed: .*--directory-fails-after/);
    const [directory, ...rest] = json.detections;
    assert.equal(directory?.readyAtSeconds, 120);
    assert.ok((directory?.detectedAtSeconds ?? Infinity) <= 240, JSON.stringify(directory));
    assert.deepEqual(rest, [], 'no connector was waited for');
    assert.equal(json.simulatedSeconds, directory?.detectedAtSeconds, 'reported when seen');
  });

  it('--connector-fails-after: the connector goes FAILED (VPC_ENDPOINT_LIMIT_EXCEEDED), the execution fails with ConnectorFailed', async () => {
    const { code, json } = await cliJson(['--connector-fails-after', '100']);
    assert.equal(code, 1);
    assert.equal(json.error, 'ConnectorFailed');
    assert.match(json.cause ?? '', /is FAILED: VPC_ENDPOINT_LIMIT_EXCEEDED$/);
    const connector = json.detections.find((d) => d.resource === 'connector');
    assert.equal(connector?.readyAtSeconds, 2475, 'created after the poll that saw the Managed AD Active (2250 s), Directory Data access (60 s), the share (5 s) and the registration (60 s), FAILED 100 s later');
    assert.ok((connector?.detectedAtSeconds ?? Infinity) >= 2475);
    assert.deepEqual(json.world, world(1, 1, { servicePrincipalNames: 0, templates: 0, accessControlEntries: 0 }));
  });

  it('--registration-fails-after: the registration goes FAILED, DirectoryRegistrationFailed with its reason, no connector created', async () => {
    const { code, json } = await cliJson(['--registration-fails-after', '40']);
    assert.equal(code, 1);
    assert.equal(json.error, 'DirectoryRegistrationFailed');
    assert.match(json.cause ?? '', /^DirectoryRegistration arn:\S+ is FAILED: DIRECTORY_NOT_REACHABLE$/);
    const registration = json.detections.find((d) => d.resource === 'directoryRegistration');
    assert.ok(registration && (registration.detectedAtSeconds ?? Infinity) - (registration.readyAtSeconds ?? 0) <= 90);
    assert.equal(json.apiCalls['PcaConnectorAd.CreateConnector'] ?? 0, 0);
  });

  it('--spn-fails-after: the SPN goes FAILED, ServicePrincipalNameFailed with its reason, no template created', async () => {
    const { code, json } = await cliJson(['--spn-fails-after', '20']);
    assert.equal(code, 1);
    assert.equal(json.error, 'ServicePrincipalNameFailed');
    assert.match(json.cause ?? '', /is FAILED: SPN_EXISTS_ON_DIFFERENT_AD_OBJECT$/);
    assert.equal(json.apiCalls['PcaConnectorAd.CreateTemplate'] ?? 0, 0);
  });

  it('retries injected throttling and 5xx faults, then succeeds', async () => {
    const { code, json } = await cliJson([
      '--fault', 'CreateConnector:ThrottlingException:2',
      '--fault', 'DescribeDirectories:ServiceException:1',
      '--fault', 'GetConnector:InternalServerException:1',
    ]);
    assert.equal(code, 0, JSON.stringify(json));
    assert.equal(json.status, 'SUCCEEDED');
    assert.deepEqual(json.world, world(1, 1));
    assert.ok((json.apiCalls['PcaConnectorAd.CreateConnector'] ?? 0) >= 3);
  });

  it('a terminal error fails the execution with its name (the process exits 1, one JSON line on its stdout), nothing duplicated', () => {
    const { code, json } = parseJson(cliProcess(['--fault', 'CreateMicrosoftAD:DirectoryLimitExceededException:1', '--json']));
    assert.equal(code, 1);
    assert.equal(json.status, 'FAILED');
    assert.equal(json.error, 'DirectoryLimitExceededException');
    assert.deepEqual(json.world, world(0, 0));
  });

  it('an invalid request fails with InvalidRequestError before any create call', async () => {
    const { code, json } = await cliJson(['--input', join(ROOT, 'events/invalid-name-subnets-password.json')]);
    assert.equal(code, 1);
    assert.equal(json.error, 'InvalidRequestError');
    assert.equal(json.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0, 0);
    assert.equal(json.apiCalls['PcaConnectorAd.CreateConnector'] ?? 0, 0);
  });

  it('a connector security group without inbound TCP 443 from the VPC fails validation (exit 1) naming it; nothing created', async () => {
    const { code, json } = await cliJson(['--input', join(ROOT, 'events/invalid-preflight-https.json')]);
    assert.equal(code, 1);
    assert.equal(json.error, 'InvalidRequestError');
    assert.match(json.cause ?? '', /Connector\.VpcInformation\.SecurityGroupIds\[0\]: security group sg-0a1b2c3d4e5f6a102 does not allow inbound TCP 443 from the VPC \(10\.0\.0\.0\/16\)/);
    const creates = Object.entries(json.apiCalls).filter(([op]) => /\.Create/.test(op));
    assert.deepEqual(creates, [], 'no create call');
    assert.deepEqual(json.world, world(0, 0));
  });

  it('a lost CreateMicrosoftAD response (side effect done, error returned) still leaves exactly one directory', async () => {
    const { code, json } = await cliJson(['--fault', 'CreateMicrosoftAD:ServiceException:1:after']);
    assert.equal(code, 0, JSON.stringify(json));
    assert.deepEqual(json.world, world(1, 1));
    assert.equal(json.apiCalls['DirectoryService.CreateMicrosoftAD'], 1, 'the retry adopted the directory instead of creating');
    assert.equal(json.output?.DirectoryAdopted, true);
  });

  it('a lost CreateConnector response is absorbed by the ClientToken: one connector', async () => {
    const { code, json } = await cliJson(['--fault', 'CreateConnector:InternalServerException:1:after']);
    assert.equal(code, 0, JSON.stringify(json));
    assert.deepEqual(json.world, world(1, 1));
  });

  it('rerun with the same --execution-id and --state (as a redrive would): same ConnectorArn, one of each', async () => {
    const state = join(tmp, 'redrive.json');
    const arn = `${ARN_PREFIX}redrive-1`;
    const first = await cliJson(['--state', state, '--execution-id', arn]);
    assert.equal(first.json.status, 'SUCCEEDED');
    const second = await cliJson(['--state', state, '--execution-id', arn]);
    assert.equal(second.json.status, 'SUCCEEDED');
    assert.equal(second.json.output?.ConnectorArn, first.json.output?.ConnectorArn);
    assert.equal(second.json.output?.DirectoryId, first.json.output?.DirectoryId);
    assert.deepEqual(second.json.world, world(1, 1));
    assert.equal(second.json.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0, 0);
  });

  it('rerun as a new execution with the same input and --state: adopts both, still one of each', async () => {
    const state = join(tmp, 'new-execution.json');
    const first = await cliJson(['--state', state]);
    assert.equal(first.json.status, 'SUCCEEDED');
    const second = await cliJson(['--state', state]);
    assert.equal(second.json.status, 'SUCCEEDED');
    assert.notEqual(second.json.executionArn, first.json.executionArn);
    assert.equal(second.json.output?.DirectoryId, first.json.output?.DirectoryId);
    assert.equal(second.json.output?.ConnectorArn, first.json.output?.ConnectorArn);
    assert.equal(second.json.output?.DirectoryAdopted, true);
    const writes = Object.entries(second.json.apiCalls).filter(([op]) => /\.(Create|Enable)/.test(op));
    assert.deepEqual(writes, [], 'the rerun writes nothing: data access is on, the group found; directory, share, registration, connector, SPN, template and entry are adopted');
    assert.equal(second.json.output?.ConnectorAdopted, true);
    assert.deepEqual(second.json.world, world(1, 1));
    assert.equal(second.json.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0, 0);
    assert.equal(second.json.apiCalls['PcaConnectorAd.CreateConnector'] ?? 0, 0);
  });

  it('rerun under --state with another template definition and access right: both changed in place, nothing created', async () => {
    const state = join(tmp, 'template-changed.json');
    assert.equal((await cliJson(['--state', state])).json.status, 'SUCCEEDED');
    const changed = JSON.parse(readFileSync(join(ROOT, 'events/execution-input.json'), 'utf8')) as {
      Connector: { Templates: { Definition: { TemplateV2: { PrivateKeyAttributes: { MinimalKeyLength: number } } }; AccessControlEntries: { AccessRights: Record<string, string> }[] }[] };
    };
    const [template] = changed.Connector.Templates;
    assert.ok(template?.AccessControlEntries[0]);
    template.Definition.TemplateV2.PrivateKeyAttributes.MinimalKeyLength = 4096;
    template.AccessControlEntries[0].AccessRights['AutoEnroll'] = 'DENY';
    const input = join(tmp, 'template-changed-input.json');
    writeFileSync(input, JSON.stringify(changed));
    const { code, json } = await cliJson(['--state', state, '--input', input]);
    assert.equal(code, 0, json.cause);
    assert.deepEqual(writeCallsOf(json.apiCalls, PROVISIONED_SERVICES), {
      'PcaConnectorAd.UpdateTemplate': 1,
      'PcaConnectorAd.UpdateTemplateGroupAccessControlEntry': 1,
    });
    assert.deepEqual(json.world, world(1, 1));
  });

  it('rerun under --state asking for a Large Simple AD where a Small one exists: PlanConflictError at PlanChanges (exit 1), nothing written', async () => {
    const state = join(tmp, 'directory-conflict.json');
    const small = join(ROOT, 'events/execution-input-simple-ad.json');
    const sample = JSON.parse(readFileSync(small, 'utf8')) as { Directory: Record<string, unknown> };
    sample.Directory['Size'] = 'Large';
    const large = join(tmp, 'simple-ad-large.json');
    writeFileSync(large, JSON.stringify(sample));
    assert.equal((await cliJson(['--state', state, '--input', small])).json.status, 'SUCCEEDED');
    const { code, json } = await cliJson(['--state', state, '--input', large]);
    assert.equal(code, 1);
    assert.equal(json.error, 'PlanConflictError');
    assert.match(json.cause ?? '', /Directory\.Size: requested Large, existing Small/);
    assert.deepEqual(writeCallsOf(json.apiCalls, PROVISIONED_SERVICES), {}, 'nothing written');
    assert.deepEqual(json.world, world(1, 0));
  });

  it('rerun under --state with other security groups: PlanConflictError at PlanChanges (exit 1), no second connector', async () => {
    const state = join(tmp, 'connector-conflict.json');
    const sample = JSON.parse(readFileSync(join(ROOT, 'events/execution-input.json'), 'utf8')) as { Connector: { VpcInformation: { SecurityGroupIds: string[] } } };
    sample.Connector.VpcInformation.SecurityGroupIds = ['sg-0a1b2c3d4e5f6a101', 'sg-0a1b2c3d4e5f6a102'];
    const groups = join(tmp, 'other-groups.json');
    writeFileSync(groups, JSON.stringify(sample));
    // A world where the second group lets the connector's traffic in too (from the first group), so validation passes.
    const seed = JSON.parse(readFileSync(join(ROOT, 'tools/local/seeds/default.json'), 'utf8')) as { securityGroups: { GroupId: string; IngressRules?: unknown[] }[] };
    const second = seed.securityGroups.find((g) => g.GroupId === 'sg-0a1b2c3d4e5f6a102');
    if (second) second.IngressRules = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, ReferencedGroupId: 'sg-0a1b2c3d4e5f6a101' }];
    const seedFile = join(tmp, 'both-groups-open.json');
    writeFileSync(seedFile, JSON.stringify(seed));
    assert.equal((await cliJson(['--state', state, '--seed', seedFile])).json.status, 'SUCCEEDED');
    const { code, json } = await cliJson(['--state', state, '--seed', seedFile, '--input', groups]);
    assert.equal(code, 1);
    assert.equal(json.error, 'PlanConflictError');
    assert.match(json.cause ?? '', /Connector\.VpcInformation\.SecurityGroupIds: requested \[sg-0a1b2c3d4e5f6a101, sg-0a1b2c3d4e5f6a102\], existing \[sg-0a1b2c3d4e5f6a101\]/);
    assert.deepEqual(writeCallsOf(json.apiCalls, PROVISIONED_SERVICES), {}, 'nothing written');
    assert.deepEqual(json.world, world(1, 1));
  });

  it('usage errors exit 2 with one line naming the flag or the file, no stack trace, nothing run', async () => {
    const wrongShape = join(tmp, 'wrong-shape.json');
    writeFileSync(wrongShape, '{"version":1}');
    const empty = join(tmp, 'empty-object.json');
    writeFileSync(empty, '{}');
    const cases = [
      [['--bogus'], /^error: Unknown option '--bogus'/],
      [['--fault', 'nonsense'], /^error: --fault "nonsense": wrong number/],
      [['--fault', 'CreateConector:ThrottlingException'], /^error: --fault "CreateConector:ThrottlingException": unknown operation "CreateConector" \(did you mean CreateConnector\?\)/],
      [['--fault', 'DirectoryService.CreateConnector:ThrottlingException'], /DirectoryService has no operation "CreateConnector"/],
      [['--fault', 'DirectoryLifecycle:Bogus'], /^error: --fault "DirectoryLifecycle:Bogus": DirectoryLifecycle error must be one of Failed, Impaired, Inoperable, got Bogus/],
      [['--input', 'does/not/exist.json'], /^error: --input \S+does\/not\/exist\.json: no such file$/],
      [['--input', join(ROOT, 'package.json'), '--seed', join(tmp, 'nope.json')], /^error: --seed \S+nope\.json: /],
      [['--execution-id', 'not-an-arn'], /^error: --execution-id must be a Step Functions execution ARN/],
      [['--directory-active-after=-5'], /^error: --directory-active-after needs a number/],
      [['--directory-active-after', '-5'], /^error: Option '--directory-active-after' argument is ambiguous\. \(npm start -- --help/],
      [['--directory-fails-after', 'soon'], /^error: --directory-fails-after needs a number of seconds/],
      [['--connector-fails-after=-1'], /^error: --connector-fails-after needs a number of seconds/],
      [['--state', wrongShape], new RegExp(`^error: --state ${wrongShape}: clock must be an object \\(missing\\)$`)],
      [['--state', empty], new RegExp(`^error: --state ${empty}: not a state file of this version`)],
      [['--state', tmp], new RegExp(`^error: --state ${tmp}: is a directory`)],
    ] as const;
    for (const [args, expected] of cases) {
      const res = await cli([...args]);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
      const lines = ownLines(res.stderr);
      assert.equal(lines.length, 1, `${args.join(' ')}: ${res.stderr}`);
      assert.match(lines[0] ?? '', expected);
      assert.equal(res.stdout, '', 'nothing ran');
    }
    assert.equal(readFileSync(wrongShape, 'utf8'), '{"version":1}', 'a wrong state file is left as it was');
  });

  it('--help documents the fault forms: RATE, after, reset, timeout and the lifecycle faults', async () => {
    const res = await cli(['--help']);
    assert.equal(res.code, 0);
    for (const form of [':RATE', ':after', 'OP:reset', 'OP:timeout', 'DirectoryLifecycle:STAGE', 'ConnectorLifecycle:REASON', 'Exit codes']) {
      assert.ok(res.stdout.includes(form), form);
    }
  });
});

describe('npm start: access entries that name their group by GroupName', async () => {
  /** The sample with its one access entry changed, as an input file. */
  const inputWithEntry = (file: string, entry: Record<string, unknown>): string => {
    const input = JSON.parse(readFileSync(join(ROOT, 'events/execution-input.json'), 'utf8')) as { Connector: { Templates: { AccessControlEntries: unknown[] }[] } };
    const [template] = input.Connector.Templates;
    if (template) template.AccessControlEntries = [{ AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' }, ...entry }];
    const path = join(tmp, file);
    writeFileSync(path, JSON.stringify(input));
    return path;
  };
  /** The world a --state file holds (the emulator's snapshot). */
  interface Saved {
    directories: { DomainSid?: string }[];
    connectorAd?: { accessControlEntries: { GroupSecurityIdentifier: string; GroupDisplayName: string }[] };
  }
  const savedWorld = (state: string): Saved => JSON.parse(readFileSync(state, 'utf8')) as Saved;

  it('the default sample: Directory Data access turned on, "Domain Computers" resolved to the emulated domain\'s SID + -515, used by the access entry; a rerun writes nothing', async () => {
    const state = join(tmp, 'groups-sample.json');
    const first = await cliJson(['--state', state]);
    assert.equal(first.code, 0, JSON.stringify(first.json));
    assert.deepEqual([first.json.apiCalls['DirectoryService.EnableDirectoryDataAccess'], first.json.apiCalls['DirectoryServiceData.DescribeGroup']], [1, 1]);
    const saved = savedWorld(state);
    const domainSid = saved.directories[0]?.DomainSid ?? '';
    assert.match(domainSid, /^S-1-5-21-\d+-\d+-\d+$/);
    assert.deepEqual(first.json.output?.Groups, [{ GroupName: 'Domain Computers', SID: `${domainSid}-515`, Created: false }]);
    assert.deepEqual(saved.connectorAd?.accessControlEntries.map((e) => [e.GroupSecurityIdentifier, e.GroupDisplayName]), [[`${domainSid}-515`, 'Domain Computers']]);
    assert.deepEqual(first.json.detections.map((d) => d.resource), ['directory', 'directoryDataAccess', 'directoryRegistration', 'connector', 'servicePrincipalName']);
    const second = await cliJson(['--state', state]);
    assert.equal(second.json.status, 'SUCCEEDED');
    const writes = Object.entries(second.json.apiCalls).filter(([op]) => /\.(Create|Enable)/.test(op));
    assert.deepEqual(writes, [], 'the rerun finds data access on and the group');
    assert.deepEqual(second.json.output?.Groups, first.json.output?.Groups);
  });

  it('a group the directory does not have: GroupNotFoundError naming it and the directory, before the share, the connector and any template', async () => {
    const { code, json } = await cliJson(['--input', inputWithEntry('missing-group.json', { GroupName: 'Domain Computerz' })]);
    assert.equal(code, 1);
    assert.equal(json.error, 'GroupNotFoundError');
    assert.match(json.cause ?? '', /^Directory d-[0-9a-f]{10} has no group named "Domain Computerz" \(Connector\.Templates\[0\]\.AccessControlEntries\[0\]\.GroupName\)/);
    assert.deepEqual(json.world, world(1, 0, { directoryDataAccessEnabled: 1 }));
    assert.equal(json.apiCalls['PcaConnectorAd.CreateTemplate'] ?? 0, 0);
    assert.equal(json.apiCalls['RAM.CreateResourceShare'] ?? 0, 0);
    assert.equal(json.apiCalls['DirectoryServiceData.CreateGroup'] ?? 0, 0);
  });

  it('"CreateGroup": true: the group is created once, through lost responses (the SDK\'s retries, then Step Functions\'), a redrive and a new execution', async () => {
    const input = inputWithEntry('create-group.json', { GroupName: 'PKI Enrollers', CreateGroup: true });
    // One lost response: the SDK's retry carries the same ClientToken and gets the same group.
    const once = await cliJson(['--input', input, '--fault', 'CreateGroup:InternalServerException:1:after']);
    assert.equal(once.code, 0, JSON.stringify(once.json));
    assert.deepEqual(once.json.world, world(1, 1, { groupsCreated: 1 }));
    assert.deepEqual(once.json.output?.Groups.map((g) => [g.GroupName, g.Created]), [['PKI Enrollers', true]]);
    // Every SDK attempt loses its response: Step Functions retries the step, which finds the group first.
    const state = join(tmp, 'create-group-state.json');
    const arn = `${ARN_PREFIX}create-group-1`;
    const lost = await cliJson(['--input', input, '--state', state, '--execution-id', arn, '--fault', 'CreateGroup:InternalServerException:6:after']);
    assert.equal(lost.code, 0, JSON.stringify(lost.json));
    assert.deepEqual(lost.json.world, world(1, 1, { groupsCreated: 1 }));
    const sid = lost.json.output?.Groups[0]?.SID ?? '';
    assert.match(sid, /^S-1-5-21-\d+-\d+-\d+-1105$/);
    // The same execution again (as a redrive would), then a new execution: found, never created again.
    for (const args of [['--execution-id', arn], []]) {
      const again = await cliJson(['--input', input, '--state', state, ...args]);
      assert.equal(again.json.status, 'SUCCEEDED');
      assert.equal(again.json.apiCalls['DirectoryServiceData.CreateGroup'] ?? 0, 0);
      assert.deepEqual(again.json.output?.Groups, [{ GroupName: 'PKI Enrollers', SID: sid, Created: false }]);
      assert.deepEqual(again.json.world, world(1, 1, { groupsCreated: 1 }));
    }
  });

  it('--data-access-fails-after: Directory Data access ends Failed, the execution fails with DirectoryDataAccessFailed before the connector side', async () => {
    const { code, json } = await cliJson(['--data-access-fails-after', '30']);
    assert.equal(code, 1);
    assert.equal(json.error, 'DirectoryDataAccessFailed');
    assert.match(json.cause ?? '', /^DirectoryDataAccess d-[0-9a-f]{10} is Failed$/);
    assert.deepEqual(json.world, world(1, 0));
  });
});

describe('npm start: hostile input and files', () => {
  it('an input file with a UTF-8 BOM is read', async () => {
    const input = join(tmp, 'bom.json');
    writeFileSync(input, `\uFEFF${readFileSync(join(ROOT, 'events/execution-input.json'), 'utf8')}`);
    const { code, json } = await cliJson(['--input', input]);
    assert.equal(code, 0, JSON.stringify(json));
    assert.equal(json.status, 'SUCCEEDED');
  });

  it('an input that is not an object fails with InvalidRequestError naming the request (exit 1)', async () => {
    const texts = ['[]', 'true', 'null'];
    for (const [i, text] of texts.entries()) {
      const input = join(tmp, `not-object-${i}.json`);
      writeFileSync(input, text);
      const { code, json } = await cliJson(['--input', input]);
      assert.equal(code, 1, text);
      assert.equal(json.error, 'InvalidRequestError', `${text}: ${json.error} ${json.cause}`);
      assert.match(json.cause ?? '', /\(request\): must be an object/);
    }
  });

  it('an input nested 2000 levels deep gives the validation error (exit 2), not a RangeError', async () => {
    const input = join(tmp, 'deep.json');
    const sample = JSON.parse(readFileSync(join(ROOT, 'events/execution-input.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(input, JSON.stringify(sample).replace(/}$/, `,"Extra":${'{"a":'.repeat(2000)}{}${'}'.repeat(2000)}}`));
    const res = await cli(['--input', input]);
    assert.equal(res.code, 2, res.stderr);
    assert.match(ownLines(res.stderr)[0] ?? '', /nested 2002 levels deep.*Extra: unknown field/);
    assert.doesNotMatch(res.stderr, /RangeError|\n\s+at /);
  });

  it('bidi and control characters from the input are escaped in the printed error', async () => {
    const input = join(tmp, 'bidi.json');
    const sample = JSON.parse(readFileSync(join(ROOT, 'events/execution-input.json'), 'utf8')) as { Directory: Record<string, unknown> };
    sample.Directory['Name'] = 'co\u202erp.example.com';
    writeFileSync(input, JSON.stringify(sample));
    const res = await cli(['--input', input]);
    assert.equal(res.code, 1, res.stdout);
    assert.doesNotMatch(res.stdout, /\u202e/);
    assert.match(res.stdout, /Directory\.Name: must match .*"co\\u202erp\.example\.com"/);
  });

  it('--state in a directory that does not exist yet: created before the run, the file written', async () => {
    const state = join(tmp, 'fresh', 'clone', 'state.json');
    const { code } = await cliJson(['--state', state]);
    assert.equal(code, 0);
    assert.equal((JSON.parse(readFileSync(state, 'utf8')) as { directories: unknown[] }).directories.length, 1);
  });

  it('--state is replaced atomically (a new file renamed over the old one; no temp or lock file left)', async () => {
    const state = join(tmp, 'atomic', 'state.json');
    assert.equal((await cliJson(['--state', state])).code, 0);
    const before = statSync(state).ino;
    assert.equal((await cliJson(['--state', state])).code, 0);
    assert.notEqual(statSync(state).ino, before, 'written in place would keep the inode');
    assert.deepEqual(readdirSync(join(tmp, 'atomic')), ['state.json']);
  });

  it('--state held by a running npm start: "state file in use", exit 2, the file untouched; a stale lock is taken over', async () => {
    const state = join(tmp, 'locked', 'state.json');
    assert.equal((await cliJson(['--state', state])).code, 0);
    const saved = readFileSync(state, 'utf8');
    writeFileSync(`${state}.lock`, String(process.pid)); // this test process: alive
    const busy = cliProcess(['--state', state]); // another process (this one holds the lock): exit 2, one line on stderr
    assert.equal(busy.code, 2, busy.stderr);
    assert.deepEqual(ownLines(busy.stderr).map((l) => /^error: --state \S+: state file in use by another npm start \(pid \d+\)/.test(l)), [true], busy.stderr);
    assert.equal(busy.stdout, '', 'nothing ran');
    assert.equal(readFileSync(state, 'utf8'), saved);
    writeFileSync(`${state}.lock`, '999999999'); // no such process (e.g. killed with -9)
    const { code, json } = await cliJson(['--state', state]);
    assert.equal(code, 0);
    assert.deepEqual([json.world.directories, json.world.connectors], [1, 1]);
    assert.equal(existsSync(`${state}.lock`), false);
  });

  it('two npm start at once on one --state file: never a lost world (one is refused, or they ran one after the other)', async () => {
    const state = join(tmp, 'concurrent', 'state.json');
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'tools/local/cli.ts', '--state', state, '--json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([run(), run()]);
    for (const r of results) {
      assert.ok(r.code === 0 || (r.code === 2 && /state file in use/.test(r.stderr)), `${r.code}: ${r.stderr}`);
    }
    assert.ok(results.some((r) => r.code === 0));
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { directories: unknown[]; executions: Record<string, string> };
    assert.equal(saved.directories.length, 1, 'one directory, adopted by the second run if both ran');
    assert.equal(Object.keys(saved.executions).length, results.filter((r) => r.code === 0).length, 'every run that ran is in the world');
  });

  it('--execution-id reused with a DIFFERENT input under --state: refused up front, nothing created', async () => {
    const state = join(tmp, 'reuse', 'state.json');
    const arn = `${ARN_PREFIX}reuse-1`;
    assert.equal((await cliJson(['--state', state, '--execution-id', arn])).code, 0);
    const saved = readFileSync(state, 'utf8');
    const other = join(tmp, 'other-input.json');
    const sample = JSON.parse(readFileSync(join(ROOT, 'events/execution-input.json'), 'utf8')) as { Directory: Record<string, unknown> };
    sample.Directory['Name'] = 'other.example.com';
    writeFileSync(other, JSON.stringify(sample));
    const res = await cli(['--state', state, '--execution-id', arn, '--input', other]);
    assert.equal(res.code, 2, res.stderr);
    assert.match(ownLines(res.stderr)[0] ?? '', /--execution-id \S+reuse-1 already ran with a different input/);
    assert.equal(readFileSync(state, 'utf8'), saved, 'nothing ran, nothing was written');
  });

  it('--execution-id reused after a teardown (its connector ClientToken used on the deleted connector): refused up front, nothing recreated', async () => {
    const state = join(tmp, 'reuse-after-teardown', 'state.json');
    const arn = `${ARN_PREFIX}reuse-after-teardown-1`;
    assert.equal((await cliJson(['--state', state, '--execution-id', arn])).code, 0);
    const teardown = await cliJson(['--state', state, '--teardown']);
    assert.equal(teardown.code, 0, JSON.stringify(teardown.json));
    assert.deepEqual([teardown.json.world.directories, teardown.json.world.connectors], [0, 0]);
    const saved = readFileSync(state, 'utf8');
    const res = await cli(['--state', state, '--execution-id', arn]);
    assert.equal(res.code, 2, res.stderr);
    assert.equal(ownLines(res.stderr).length, 1, res.stderr);
    assert.match(ownLines(res.stderr)[0] ?? '', /^error: --execution-id \S+reuse-after-teardown-1: its connector \S+ was deleted since \(a teardown\); .*start a new execution \(omit --execution-id\)/);
    assert.equal(readFileSync(state, 'utf8'), saved, 'nothing ran: no directory recreated');
    const fresh = await cliJson(['--state', state]);
    assert.equal(fresh.code, 0, JSON.stringify(fresh.json));
    assert.deepEqual([fresh.json.world.directories, fresh.json.world.connectors], [1, 1], 'a new execution provisions again');
  });

  it('npm start | head -1: no EPIPE crash, the state is still written, the run\'s own exit code', async () => {
    const state = join(tmp, 'epipe', 'state.json');
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tools/local/cli.ts', '--state', state], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      child.stdout.once('data', () => child.stdout.destroy()); // the reader goes away after the first line
      child.on('exit', (exitCode) => resolve({ code: exitCode, stderr: err }));
    });
    assert.equal(code, 0, stderr);
    assert.deepEqual(ownLines(stderr), []);
    assert.equal((JSON.parse(readFileSync(state, 'utf8')) as { directories: unknown[] }).directories.length, 1);
  });

  it('transport faults: a reset and an unanswered CreateMicrosoftAD that took effect still leave one directory', async () => {
    const faults = ['CreateMicrosoftAD:reset:1:after', 'CreateMicrosoftAD:timeout:1:after'];
    for (const fault of faults) {
      const { code, json } = await cliJson(['--fault', fault]);
      assert.equal(code, 0, `${fault}: ${JSON.stringify(json)}`);
      assert.deepEqual([json.world.directories, json.world.connectors], [1, 1], fault);
      assert.equal(json.apiCalls['DirectoryService.CreateMicrosoftAD'], 1, `${fault}: the retry adopted`);
      assert.equal(json.output?.DirectoryAdopted, true, fault);
    }
  });
});
