/**
 * The embedded AWS emulator: one in-process HTTP server on 127.0.0.1 speaking the real wire protocols of the services
 * registered in ./services.ts (Directory Service, Directory Service Data, PCA Connector AD, RAM, Secrets Manager, ACM PCA, EC2, EventBridge,
 * DynamoDB for the coordination table, SQS for the triggers' dead-letter queue), so unmodified AWS SDK v3 clients reach it through the standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables (see `env()`). Each service is a folder (operations, state, lifecycles,
 * tagging); ./core/ holds what they share (HTTP server and routing, clock, faults, model validation, state slots, seed).
 *
 * Time is simulated (`clock.advance`): directories go Requested -> Creating -> Created -> Active, connectors
 * CREATING -> ACTIVE. To make them fail instead:
 *  - `directoryOutcome: { stage: 'Failed', reason: '...' }` / `connectorOutcome: { statusReason: 'VPC_ACCESS_DENIED' }`
 *    apply to every directory/connector created while set (also `setOutcomes()` at run time), or
 *  - lifecycle faults, for the next N created ones: `{ operation: 'DirectoryLifecycle', error: 'Failed' }`,
 *    `{ operation: 'ConnectorLifecycle', error: 'INTERNAL_FAILURE' }` (also as `parseFault('DirectoryLifecycle:Failed:2')`);
 *    likewise `DirectoryRegistrationLifecycle` and `ServicePrincipalNameLifecycle` with a status reason of the model.
 * Directory registrations (60 s) and SPNs (30 s) go CREATING -> ACTIVE; a Simple AD registration ends FAILED with
 * DIRECTORY_TYPE_NOT_SUPPORTED. RAM principal associations are ASSOCIATING for 5 s. Directory Service Data access is
 * Enabling for 60 s after EnableDirectoryDataAccess (`DirectoryDataAccessLifecycle:Failed` ends the next one Failed).
 * These durations are assumptions. Every Managed AD gets a domain SID from the seeded RNG and its built-in groups.
 */
import type { AddressInfo } from 'node:net';
import { createSimClock, Rng } from './core/clock.ts';
import type { SimClock } from './core/clock.ts';
import { countExternalConnectors, countExternalDirectories, externalLookups } from './core/external.ts';
import type { ExternalEndpoints } from './core/external.ts';
import { COMMON_ERRORS, modelledErrors } from './core/fault-errors.ts';
import { FaultBook, TRANSPORT_FAULTS, isTransportFault } from './core/faults.ts';
import type { FaultSpec, LifecycleOutcomes } from './core/faults.ts';
import { validateSeed } from './core/seed.ts';
import { integer, object, time } from './core/shape.ts';
import type { Seed } from './core/seed.ts';
import { startServer } from './core/server.ts';
import type { ServiceContext } from './core/service.ts';
import { WorldState } from './core/state.ts';
import type { Json } from './core/state.ts';
import { DIRECTORY_SETTINGS, allDirectories, dataAccessSettledAtMs, dataAccessStatus, directorySettledAtMs, existingDirectories } from './directory-service/state.ts';
import { createdGroups } from './directory-service-data/index.ts';
import type { DirectoryOutcome, DirectoryRecord } from './directory-service/state.ts';
import type { DynamoItem } from './dynamodb/index.ts';
import { EVENTS } from './eventbridge/index.ts';
import { FUNCTIONS } from './lambda/index.ts';
import type { LambdaFunction } from './lambda/index.ts';
import type { EmittedEvent } from './eventbridge/index.ts';
import { CONNECTORS, CONNECTOR_AD_RESOURCES, CONNECTOR_AD_SETTINGS, connectorSettledAtMs, existingConnectors, settledAtMs } from './pca-connector-ad/state.ts';
import type { ClientTokenRecord, ConnectorAdState, ConnectorOutcome, ConnectorRecord, FailedOutcome, RegistrationStatusReason, SpnStatusReason } from './pca-connector-ad/state.ts';
import { RAM_SETTINGS, RESOURCE_SHARES } from './ram/index.ts';
import type { ResourceShareRecord } from './ram/index.ts';
import type { CreatedSecret } from './secrets-manager/index.ts';
import type { WaitedResourceName } from '../../../src/workflow/waits.ts';
import { SERVICES } from './services.ts';
import { LOCAL_DEAD_LETTER_QUEUE_NAME, QUEUES, queueUrlFor } from './sqs/index.ts';
import type { QueuedMessage } from './sqs/index.ts';

export { createSimClock } from './core/clock.ts';
export type { SimClock } from './core/clock.ts';
export { TRANSPORT_FAULTS, parseFault } from './core/faults.ts';
export type { FaultSpec } from './core/faults.ts';
export { externalEndpointsFrom } from './core/external.ts';
export type { ExternalEndpoints } from './core/external.ts';
export { DEFAULT_SEED_PATH, loadSeed } from './core/seed.ts';
export type { Seed } from './core/seed.ts';
export { DIRECTORY_FAIL_STAGES } from './directory-service/state.ts';
export type { DirectoryOutcome } from './directory-service/state.ts';
export { CONNECTOR_STATUS_REASONS } from './pca-connector-ad/state.ts';
export type { ConnectorOutcome, ConnectorStatusReason } from './pca-connector-ad/state.ts';

/** JSON-serialisable emulator state. Never contains a directory password or a secret value. */
export interface EmulatorSnapshot {
  version: 1;
  clock: { startMs: number; nowMs: number };
  rngState: number;
  /** Created through the API. */
  directories: DirectoryRecord[];
  /** The seed's, once used (absent in snapshots from before them). */
  seededDirectories?: DirectoryRecord[];
  connectors: ConnectorRecord[];
  clientTokens: ClientTokenRecord[];
  secrets: CreatedSecret[];
  events: EmittedEvent[];
  /** DynamoDB items by table, then by partition key value (absent in snapshots from before the coordination table). */
  dynamoDb?: Record<string, Record<string, DynamoItem>>;
  /** Registrations, SPNs, templates, access entries and RAM shares (absent in older snapshots). */
  connectorAd?: ConnectorAdState & { resourceShares: ResourceShareRecord[] };
  /** The state of the other services (each folder's saved slots). */
  [member: string]: unknown;
}

/** Lifecycle pseudo-operations of every service, with the outcomes a fault may name. */
const LIFECYCLES: LifecycleOutcomes = Object.assign({}, ...SERVICES.map((svc) => svc.lifecycles ?? {})) as LifecycleOutcomes;

/** The operations a fault can name: `Op` and `Service.Op` for every emulated operation, plus the lifecycle ones. */
export const faultOperations = (): { services: string[]; operations: string[]; qualified: string[] } => ({
  services: SERVICES.map((svc) => svc.name),
  operations: [...new Set([...SERVICES.flatMap((svc) => Object.keys(svc.ops)), ...Object.keys(LIFECYCLES)])],
  qualified: SERVICES.flatMap((svc) => Object.keys(svc.ops).map((op) => `${svc.name}.${op}`)),
});

/**
 * The error names a fault on `operation` (as a fault names it) may give: the errors of every matching operation
 * (./core/fault-errors.ts) and those any AWS API answers; undefined when a matching service has no list to check by.
 */
export const faultErrorNames = async (operation: string): Promise<string[] | undefined> => {
  const [service, op] = operation.includes('.') ? (operation.split('.') as [string, string]) : [undefined, operation];
  const names = new Set<string>(COMMON_ERRORS);
  for (const svc of SERVICES) {
    if (service !== undefined && svc.name !== service) continue;
    const ops = op === '*' ? Object.keys(svc.ops) : Object.hasOwn(svc.ops, op) ? [op] : [];
    for (const o of ops) {
      const listed = svc.errorNames ? await svc.errorNames(o) : modelledErrors(svc.name, o);
      if (listed === undefined) return undefined;
      for (const name of listed) names.add(name);
    }
  }
  return [...names].sort();
};

/**
 * Why a fault can never fire or is malformed (an operation the emulator does not have, an error the operation cannot
 * answer, a lifecycle outcome that does not exist, a bad count or rate), or undefined when it is fine. `suggest`
 * proposes the closest name.
 */
export const faultProblem = async (spec: FaultSpec, suggest: (word: string, names: readonly string[]) => string | undefined = () => undefined): Promise<string | undefined> => {
  const { services, operations, qualified } = faultOperations();
  const o = spec.operation;
  const hint = (word: string, names: readonly string[]) => {
    const near = suggest(word, names);
    return near ? ` (did you mean ${near}?)` : '';
  };
  const [service, op] = o.includes('.') ? (o.split('.') as [string, string]) : [undefined, o];
  if (o !== '*') {
    if (service !== undefined && !services.includes(service)) return `unknown service "${service}"${hint(service, services)}; services: ${services.join(', ')}`;
    if (service !== undefined && op !== '*' && !qualified.includes(o) && !Object.hasOwn(LIFECYCLES, op)) {
      return `${service} has no operation "${op}"${hint(op, operations)}`;
    }
    if (service === undefined && !operations.includes(op)) return `unknown operation "${op}"${hint(op, operations)}; operations: ${operations.join(', ')}`;
  }
  if (!Object.hasOwn(LIFECYCLES, op) && !isTransportFault(spec.error)) {
    const names = await faultErrorNames(o);
    if (names && !names.includes(spec.error)) {
      const near = suggest(spec.error, [...names, ...TRANSPORT_FAULTS]);
      const modelled = names.filter((n) => !COMMON_ERRORS.includes(n));
      return `${o === '*' ? 'no operation' : o} cannot answer "${spec.error}"${near ? ` (did you mean ${near}?)` : ''}; ` +
        `its errors: ${modelled.join(', ') || '(none modelled)'}, the errors of every AWS API (${COMMON_ERRORS.join(', ')}), or ${TRANSPORT_FAULTS.join(' or ')}`;
    }
  }
  try {
    new FaultBook(1, [spec], LIFECYCLES);
  } catch (err) {
    return (err as Error).message.replace(/^FaultSpec /, '');
  }
  return undefined;
};

export interface EmulatorOptions {
  seed: Seed;
  /** Resume from a snapshot (resources, idempotency tokens, created secrets' metadata, events, clock time). */
  snapshot?: EmulatorSnapshot;
  faults?: FaultSpec[];
  /** Seconds until Active. A number applies to both types; default SimpleAD 600, MicrosoftAD 2220. */
  directoryActiveAfterSeconds?: number | { SimpleAD?: number; MicrosoftAD?: number; ADConnector?: number };
  /** Seconds until ACTIVE (default 120). */
  connectorActiveAfterSeconds?: number;
  /** Seeds the PRNG of resource ids and fault rates (default 1). */
  randomSeed?: number;
  /** Default: a new SimClock (at the snapshot's time when resuming). */
  clock?: SimClock;
  /** Every directory created while set lands in this stage with this StageReason instead of Active. */
  directoryOutcome?: DirectoryOutcome;
  /** Every connector created while set lands in FAILED with this StatusReason instead of ACTIVE. */
  connectorOutcome?: ConnectorOutcome;
  /**
   * Services the workflow reaches on another endpoint (e.g. moto_server): CreateConnector then checks the directory,
   * the security groups and the CA there (SDK calls), and `worldCounts()` counts directories (connectors) there.
   */
  external?: ExternalEndpoints;
  /** Seconds until a directory registration is ACTIVE (default 60) / an SPN is ACTIVE (default 30). */
  registrationActiveAfterSeconds?: number;
  spnActiveAfterSeconds?: number;
  /** Every registration / SPN created while set ends FAILED with this reason. */
  registrationOutcome?: FailedOutcome<RegistrationStatusReason>;
  spnOutcome?: FailedOutcome<SpnStatusReason>;
  /** Seconds a RAM principal association stays ASSOCIATING (default 5). */
  shareAssociatedAfterSeconds?: number;
  /** Seconds Directory Service Data access stays Enabling after EnableDirectoryDataAccess (default 60). */
  dataAccessEnabledAfterSeconds?: number;
  /** Every enabling of Directory Service Data access asked for while set ends Failed at this many seconds. */
  dataAccessFailsAfterSeconds?: number;
  /** Seconds DeleteDirectory still sees a deleted directory registration as an authorized application (default 0). */
  deauthorizationSeconds?: number;
  /** The functions Lambda's Invoke runs, by name (the local world registers the dry-run function). */
  functions?: Readonly<Record<string, LambdaFunction>>;
}

/** What the emulator holds, live (not deleted). */
export interface WorldCounts {
  /** Directories created through the API (the seed's pre-existing ones are not counted). */
  directories: number;
  connectors: number;
  directoryRegistrations: number;
  servicePrincipalNames: number;
  templates: number;
  accessControlEntries: number;
  resourceShares: number;
  /** Directories whose Directory Service Data access is Enabled. */
  directoryDataAccessEnabled: number;
  /** Groups CreateGroup made (in directories not deleted). */
  groupsCreated: number;
}

export interface Emulator {
  readonly endpoint: string;
  /** The URL of the triggers' dead-letter queue (DEAD_LETTER_QUEUE_URL of the start functions). */
  readonly deadLetterQueueUrl: string;
  /** What the triggers' dead-letter queue holds, oldest first. */
  deadLetters(): QueuedMessage[];
  readonly clock: SimClock;
  readonly apiCalls: Record<string, number>;
  readonly events: EmittedEvent[];
  env(): Record<string, string>;
  counts(): WorldCounts;
  /**
   * When the creation lifecycle of a directory (by id) or connector (by ARN) ended or will end, in simulated epoch
   * ms: Active/ACTIVE, or the failure outcome. Undefined for a resource this emulator does not hold.
   */
  settledAtMs(resource: WaitedResourceName, id: string): number | undefined;
  /** What the world holds: the emulator's counts, with directories (connectors) from the external service where one is configured. */
  worldCounts(): Promise<WorldCounts>;
  readonly external: ExternalEndpoints;
  snapshot(): EmulatorSnapshot;
  addFault(f: FaultSpec): void;
  clearFaults(): void;
  /** Change the failure outcomes for resources created from now on (undefined = succeed). */
  setOutcomes(o: { directory?: DirectoryOutcome; connector?: ConnectorOutcome }): void;
  stop(): Promise<void>;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const checkSnapshotCore = object({
  version: (v, path) => (v === 1 ? undefined : `${path} must be 1 (got ${JSON.stringify(v) ?? 'nothing'})`),
  clock: object({ startMs: time, nowMs: time }),
  rngState: integer(0, 0xffffffff),
});

/**
 * What is wrong with a snapshot (a `--state` file may have been edited by hand), naming the field, or undefined:
 * its version, clock and PRNG state, then each service's saved members.
 */
export const snapshotProblem = (snapshot: unknown): string | undefined => {
  const core = checkSnapshotCore(snapshot, '');
  if (core) return core;
  const { clock } = snapshot as EmulatorSnapshot;
  if (clock.nowMs < clock.startMs) return `clock.nowMs must not be before clock.startMs (${clock.nowMs} < ${clock.startMs})`;
  for (const slot of SERVICES.flatMap((svc) => svc.state ?? [])) {
    const problem = slot.check?.(snapshot, '');
    if (problem) return problem;
  }
  return undefined;
};

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const seed = validateSeed(opts.seed);
  const snap = opts.snapshot;
  const problem = snap === undefined ? undefined : snapshotProblem(snap);
  if (problem) throw new Error(`Invalid emulator snapshot: ${problem}`);
  let clock = opts.clock;
  if (!clock) {
    clock = createSimClock(snap?.clock.startMs);
    if (snap) clock.advance((snap.clock.nowMs - snap.clock.startMs) / 1000);
  }
  const randomSeed = opts.randomSeed ?? 1;
  const ids = new Rng(randomSeed);
  if (snap) ids.state = snap.rngState;
  const state = new WorldState(snap ? clone(snap as Json) : undefined);
  const d = opts.directoryActiveAfterSeconds;
  const directorySettings = state.get(DIRECTORY_SETTINGS);
  directorySettings.activeAfterSeconds = {
    SimpleAD: (typeof d === 'number' ? d : d?.SimpleAD) ?? directorySettings.activeAfterSeconds.SimpleAD,
    MicrosoftAD: (typeof d === 'number' ? d : d?.MicrosoftAD) ?? directorySettings.activeAfterSeconds.MicrosoftAD,
    ADConnector: (typeof d === 'number' ? d : d?.ADConnector) ?? directorySettings.activeAfterSeconds.ADConnector,
  };
  if (opts.directoryOutcome) directorySettings.outcome = opts.directoryOutcome;
  if (opts.dataAccessEnabledAfterSeconds !== undefined) directorySettings.dataAccessEnabledAfterSeconds = opts.dataAccessEnabledAfterSeconds;
  if (opts.dataAccessFailsAfterSeconds !== undefined) directorySettings.dataAccessFailsAfterSeconds = opts.dataAccessFailsAfterSeconds;
  const connectorSettings = state.get(CONNECTOR_AD_SETTINGS);
  if (opts.connectorActiveAfterSeconds !== undefined) connectorSettings.connectorActiveAfterSeconds = opts.connectorActiveAfterSeconds;
  if (opts.registrationActiveAfterSeconds !== undefined) connectorSettings.registrationActiveAfterSeconds = opts.registrationActiveAfterSeconds;
  if (opts.spnActiveAfterSeconds !== undefined) connectorSettings.spnActiveAfterSeconds = opts.spnActiveAfterSeconds;
  if (opts.deauthorizationSeconds !== undefined) connectorSettings.deauthorizationSeconds = opts.deauthorizationSeconds;
  if (opts.connectorOutcome) connectorSettings.connectorOutcome = opts.connectorOutcome;
  if (opts.registrationOutcome) connectorSettings.registrationOutcome = opts.registrationOutcome;
  if (opts.spnOutcome) connectorSettings.spnOutcome = opts.spnOutcome;
  if (opts.shareAssociatedAfterSeconds !== undefined) state.get(RAM_SETTINGS).shareAssociatedAfterSeconds = opts.shareAssociatedAfterSeconds;
  for (const [name, fn] of Object.entries(opts.functions ?? {})) state.get(FUNCTIONS).set(name, fn);
  const ctx: ServiceContext = {
    seed,
    state,
    clock,
    ids,
    faults: new FaultBook(randomSeed, opts.faults, LIFECYCLES),
    services: SERVICES,
  };
  const external = opts.external ?? {};
  const lookups = externalLookups(external, seed.region);
  if (lookups) ctx.external = lookups;
  const apiCalls: Record<string, number> = {};
  const server = startServer(ctx, apiCalls);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const simClock = clock;
  const counts = (): WorldCounts => {
    const c = state.get(CONNECTOR_AD_RESOURCES);
    return {
      directories: existingDirectories(ctx).filter((x) => x.deletedAtMs === undefined && x.Seeded !== true).length,
      connectors: existingConnectors(ctx).filter((x) => x.deletedAtMs === undefined).length,
      directoryRegistrations: c.registrations.filter((x) => x.deletedAtMs === undefined).length,
      servicePrincipalNames: c.servicePrincipalNames.filter((x) => x.deletedAtMs === undefined).length,
      templates: c.templates.filter((x) => x.deletedAtMs === undefined).length,
      accessControlEntries: c.accessControlEntries.length,
      resourceShares: state.get(RESOURCE_SHARES).filter((x) => x.deletedAtMs === undefined).length,
      directoryDataAccessEnabled: existingDirectories(ctx).filter((x) => x.deletedAtMs === undefined && dataAccessStatus(x, clock.now()) === 'Enabled').length,
      groupsCreated: createdGroups(ctx).length,
    };
  };

  return {
    endpoint,
    deadLetterQueueUrl: queueUrlFor(endpoint, LOCAL_DEAD_LETTER_QUEUE_NAME),
    deadLetters: () => [...(state.get(QUEUES).get(LOCAL_DEAD_LETTER_QUEUE_NAME) ?? [])],
    clock: simClock,
    apiCalls,
    events: state.get(EVENTS),
    env: () => ({
      ...Object.fromEntries(SERVICES.map((svc) => [svc.endpointVariable, endpoint])),
      AWS_REGION: seed.region,
      AWS_ACCESS_KEY_ID: 'AKIAEMULATOR00000000',
      AWS_SECRET_ACCESS_KEY: 'emulator-dummy-secret-key',
    }),
    counts,
    external,
    worldCounts: async () => ({
      ...counts(),
      directories: external.directoryService ? await countExternalDirectories(external.directoryService, seed.region) : counts().directories,
      connectors: external.pcaConnectorAd ? await countExternalConnectors(external.pcaConnectorAd, seed.region) : counts().connectors,
    }),
    settledAtMs: (resource, id) => {
      if (resource === 'directoryRegistration') {
        // The latest record: a directory registered again after a delete keeps its ARN.
        const r = state.get(CONNECTOR_AD_RESOURCES).registrations.findLast((x) => x.Arn === id);
        return r ? settledAtMs(r) : undefined;
      }
      if (resource === 'servicePrincipalName') {
        // id: the connector ARN (a connector serves one directory, so it has one SPN); the newest record
        const s = state.get(CONNECTOR_AD_RESOURCES).servicePrincipalNames.findLast((x) => x.ConnectorArn === id);
        return s ? settledAtMs(s) : undefined;
      }
      if (resource === 'directory') {
        const d = allDirectories(ctx).find((x) => x.DirectoryId === id);
        return d ? directorySettledAtMs(d) : undefined;
      }
      if (resource === 'directoryDataAccess') {
        // id: the directory; the latest enabling asked for (none: access was on before, or never asked for)
        const access = allDirectories(ctx).find((x) => x.DirectoryId === id)?.DataAccess;
        return access ? dataAccessSettledAtMs(access) : undefined;
      }
      const c = state.get(CONNECTORS).find((x) => x.Arn === id);
      return c ? connectorSettledAtMs(c) : undefined;
    },
    snapshot: (): EmulatorSnapshot => {
      const nowMs = simClock.now();
      return clone({
        version: 1,
        clock: { startMs: nowMs - simClock.elapsedSeconds() * 1000, nowMs },
        rngState: ids.state,
        ...state.save(SERVICES.flatMap((svc) => svc.state ?? [])),
      }) as EmulatorSnapshot;
    },
    addFault: (f) => ctx.faults.add(f),
    clearFaults: () => ctx.faults.clear(),
    setOutcomes(o) {
      if (o.directory) directorySettings.outcome = o.directory;
      else delete directorySettings.outcome;
      if (o.connector) connectorSettings.connectorOutcome = o.connector;
      else delete connectorSettings.connectorOutcome;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        lookups?.close();
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** Operations that change something, by the verb the AWS APIs start their names with. */
export const WRITE_OPERATION = /^(Create|Update|Delete|Put|Tag|Untag|Add|Remove|Associate|Disassociate|Enable|Disable|Start|Stop|Send|Authorize|Unauthorize|Accept|Reject|Reset|Restore|Register|Deregister|Redrive|Cancel|Modify|Replace|Share|Unshare)/;

/** The write calls among `apiCalls` (`Service.Operation` → count), optionally only those of `services`. */
export const writeCallsOf = (apiCalls: Readonly<Record<string, number>>, services?: readonly string[]): Record<string, number> =>
  Object.fromEntries(
    Object.entries(apiCalls).filter(([key]) => {
      const [service = '', op = ''] = key.split('.');
      return WRITE_OPERATION.test(op) && (services === undefined || services.includes(service));
    }),
  );

/** The services that hold what a provisioning creates (the completion events and the coordination table are not it). */
export const PROVISIONED_SERVICES: readonly string[] = ['DirectoryService', 'DirectoryServiceData', 'PcaConnectorAd', 'RAM', 'SecretsManager'];
