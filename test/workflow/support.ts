/**
 * Stub handlers (contract-shaped outputs, scripted stages/statuses, error injection by state name) and event-log
 * readers for the state-machine tests. The ASL under test is the real statemachine/provision.asl.json.
 */
import type {
  ChangePlan,
  CertificateAuthorityShareState,
  ChangeLeaseState,
  RecordChangeResult,
  ConnectorPollState,
  CreateConnectorInput,
  CreateDirectoryInput,
  CreateDirectoryRegistrationInput,
  CreateServicePrincipalNameInput,
  DirectoryDataAccessPollState,
  DirectoryPollState,
  EnableDirectoryDataAccessInput,
  GetDirectoryDataAccessStatusInput,
  GroupsState,
  DirectoryRegistrationPollState,
  GetDirectoryRegistrationStatusInput,
  GetServicePrincipalNameStatusInput,
  ServicePrincipalNamePollState,
  TemplatesState,
  GetConnectorStatusInput,
  GetDirectoryStageInput,
  PlanChangesInput,
  ProvisioningRequest,
  ValidationResult,
} from '../../src/contract.ts';
import { afterConnectorPoll, afterDataAccessPoll, afterDirectoryPoll, afterRegistrationPoll, afterServicePrincipalNamePoll, startWait } from '../../src/domain/polling.ts';
import type { Definition, State } from '../../src/workflow/asl.ts';
import { executionArnFor } from '../../tools/local/engine/asl.ts';
import { runLocal } from '../../tools/local/engine/run-local.ts';
import type { LocalEvent, LocalHandler, LocalRunResult } from '../../tools/local/engine/run-local.ts';
import { readJson, sampleRequest } from '../fixtures.ts';

/** The execution input of every run (the stubs do not validate it; the tests check it is passed on unchanged). */
export const REQUEST: ProvisioningRequest = sampleRequest();

export const DIRECTORY_ID = 'd-9067a1b2c3';
/** The directory ValidateRequest reports for `existingDirectory`. */
export const EXISTING_DIRECTORY_ID = 'd-4455667788';
export const CONNECTOR_ARN = 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/aaaabbbb-cccc-dddd-eeee-ffff00001111';
export const REGISTRATION_ARN = 'arn:aws:pca-connector-ad:us-east-1:111122223333:directory-registration/d-9067a1b2c3';
export const TEMPLATE_ARN = `${'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/aaaabbbb-cccc-dddd-eeee-ffff00001111'}/template/aaaabbbb-cccc-dddd-eeee-ffff00003333`;
export const SHARE_ARN = 'arn:aws:ram:us-east-1:111122223333:resource-share/aaaabbbb-cccc-dddd-eeee-ffff00002222';
export const WARNING = 'Simple AD directories are not supported by Connector for AD';
/** The SID ResolveGroups reports for the sample's `Domain Computers`. */
export const GROUP_SID = 'S-1-5-21-1111111111-2222222222-3333333333-515';

/**
 * The states a run enters when nothing fails and every poll sees its resource ready, read from the definition: from
 * StartAt along each state's Next, a Choice by its first rule (the sample request asks for a connector).
 */
export const successPath = (def: Definition): string[] => {
  const path: string[] = [];
  for (let name: string | undefined = def.StartAt; name !== undefined; ) {
    const state: State | undefined = def.States[name];
    if (!state || path.includes(name)) throw new Error(`no success path through ${name}`);
    path.push(name);
    const choices = state['Choices'] as { Next: string }[] | undefined;
    name = choices ? choices[0]?.Next : (state['Next'] as string | undefined);
  }
  return path;
};

/** The provisioning's success path (statemachine/provision.asl.json). */
export const SUCCESS_PATH: readonly string[] = successPath(readJson<Definition>('statemachine/provision.asl.json'));

/** When the stubs' waits start; each poll of a resource happens POLL_SECONDS after the previous one. */
export const WAIT_START = new Date('2026-11-23T12:00:00.000Z');
export const POLL_SECONDS = 30;

export interface Scenario {
  /**
   * Stage CreateDirectory reports, then one stage per GetDirectoryStage call (last one repeats). The poll stub
   * decides like the real handler (src/domain/polling.ts): Active returns, in progress throws
   * DirectoryNotReadyError (the Retry polls again), anything else throws DirectoryFailed.
   */
  directoryStages?: string[];
  directoryAdopted?: boolean;
  stageReason?: string | null;
  /** Status CreateConnector reports, then one per GetConnectorStatus call (last one repeats), decided likewise. */
  connectorStatuses?: string[];
  connectorAdopted?: boolean;
  statusReason?: string | null;
  /** Status CreateDirectoryRegistration reports, then one per GetDirectoryRegistrationStatus call, decided likewise. */
  registrationStatuses?: string[];
  /** Status CreateServicePrincipalName reports, then one per GetServicePrincipalNameStatus call, decided likewise. */
  spnStatuses?: string[];
  /** ValidationResult.ConnectorRequested (default true); false: the workflow ends with the directory. */
  connectorRequested?: boolean;
  /** ValidationResult.ExistingDirectory: an Active AD Connector named by DirectoryId (default: none, one is created). */
  existingDirectory?: boolean;
  /** ValidationResult.GroupNamesRequested (default true); false: no group is resolved. */
  groupNamesRequested?: boolean;
  /** Status EnableDirectoryDataAccess reports, then one per GetDirectoryDataAccessStatus call, decided likewise. */
  dataAccessStatuses?: string[];
  /** Make a state's handler throw an Error with this `name` `times` times (Infinity = always), then behave. */
  failures?: { state: string; name: string; times: number }[];
  /** Make the PutEvents integration states fail. */
  publishFails?: boolean;
}

export interface Calls {
  /** Inputs each state's handler received, in order (including the calls that threw). */
  inputs: Record<string, unknown[]>;
}

const nth = <T>(list: readonly T[], i: number): T => {
  const v = list[Math.min(i, list.length - 1)];
  if (v === undefined) throw new Error('empty script');
  return v;
};

export function stubHandlers(s: Scenario = {}): { handlers: Record<string, LocalHandler>; calls: Calls } {
  const stages = s.directoryStages ?? ['Requested', 'Active'];
  const statuses = s.connectorStatuses ?? ['CREATING', 'ACTIVE'];
  const calls: Calls = { inputs: {} };
  let stageCalls = 0;
  let statusCalls = 0;
  let directoryPolls = 0;
  let connectorPolls = 0;
  const registrationStatuses = s.registrationStatuses ?? ['CREATING', 'ACTIVE'];
  const spnStatuses = s.spnStatuses ?? ['CREATING', 'ACTIVE'];
  const dataAccessStatuses = s.dataAccessStatuses ?? ['Enabling', 'Enabled'];
  let registrationCalls = 0;
  let spnCalls = 0;
  let dataAccessCalls = 0;
  const pollTime = (n: number): Date => new Date(WAIT_START.getTime() + n * POLL_SECONDS * 1000);

  const base: Record<string, LocalHandler> = {
    ValidateRequest: (): ValidationResult => ({
      DirectoryType: s.existingDirectory ? 'ADConnector' : 'SimpleAD',
      ExistingDirectory: s.existingDirectory
        ? {
            DirectoryId: EXISTING_DIRECTORY_ID,
            DirectoryType: 'ADConnector',
            Adopted: true,
            Stage: 'Active',
            StageReason: null,
            Warnings: [],
            WaitStartedAt: WAIT_START.toISOString(),
            Deadline: WAIT_START.toISOString(),
            ElapsedSeconds: 0,
          }
        : null,
      ConnectorRequested: s.connectorRequested ?? true,
      GroupNamesRequested: s.groupNamesRequested ?? true,
      Warnings: [WARNING],
      DirectoryTimeoutSeconds: 3600,
      ConnectorTimeoutSeconds: 1800,
    }),
    AcquireChangeLease: (): ChangeLeaseState => ({ ProvisioningId: 'test-provisioning', Kind: 'provisioning', TakenOverFrom: null }),
    PlanChanges: (input): ChangePlan => ({ plan: [], warnings: (input as PlanChangesInput).Warnings }),
    CreateDirectory: (input): DirectoryPollState => {
      const i = input as CreateDirectoryInput;
      const stage = nth(stages, stageCalls++);
      return {
        DirectoryId: DIRECTORY_ID,
        DirectoryType: i.DirectoryType,
        Adopted: s.directoryAdopted ?? false,
        Stage: stage,
        StageReason: null,
        Warnings: [],
        ...startWait(WAIT_START, i.TimeoutSeconds),
      };
    },
    GetDirectoryStage: (input): DirectoryPollState => {
      const prev = (input as GetDirectoryStageInput).Directory;
      const stage = nth(stages, stageCalls++);
      return afterDirectoryPoll(prev, stage, stage === 'Active' ? null : (s.stageReason ?? null), pollTime(++directoryPolls));
    },
    EnableDirectoryDataAccess: (input): DirectoryDataAccessPollState => {
      const i = input as EnableDirectoryDataAccessInput;
      return { DirectoryId: i.DirectoryId, Status: nth(dataAccessStatuses, dataAccessCalls++), ...startWait(WAIT_START, i.TimeoutSeconds) };
    },
    GetDirectoryDataAccessStatus: (input): DirectoryDataAccessPollState => {
      const prev = (input as GetDirectoryDataAccessStatusInput).DataAccess;
      const status = nth(dataAccessStatuses, dataAccessCalls++);
      return afterDataAccessPoll(prev, status, pollTime(dataAccessCalls));
    },
    ResolveGroups: (): GroupsState => ({ Groups: [{ GroupName: 'Domain Computers', SID: GROUP_SID, Created: false }] }),
    ShareCertificateAuthority: (): CertificateAuthorityShareState => ({
      ResourceShareArn: SHARE_ARN,
      CreatedByThisExecution: true,
      PrincipalAssociationStatus: 'ASSOCIATED',
    }),
    CreateConnector: (input): ConnectorPollState => {
      const i = input as CreateConnectorInput;
      return {
        ConnectorArn: CONNECTOR_ARN,
        Adopted: s.connectorAdopted ?? false,
        Status: nth(statuses, statusCalls++),
        StatusReason: null,
        ...startWait(WAIT_START, i.TimeoutSeconds),
      };
    },
    GetConnectorStatus: (input): ConnectorPollState => {
      const prev = (input as GetConnectorStatusInput).Connector;
      const status = nth(statuses, statusCalls++);
      return afterConnectorPoll(prev, status, status === 'ACTIVE' ? null : (s.statusReason ?? null), pollTime(++connectorPolls));
    },
    CreateDirectoryRegistration: (input): DirectoryRegistrationPollState => ({
      DirectoryRegistrationArn: REGISTRATION_ARN,
      Adopted: false,
      Status: nth(registrationStatuses, registrationCalls++),
      StatusReason: null,
      ...startWait(WAIT_START, (input as CreateDirectoryRegistrationInput).TimeoutSeconds),
    }),
    GetDirectoryRegistrationStatus: (input): DirectoryRegistrationPollState => {
      const prev = (input as GetDirectoryRegistrationStatusInput).Registration;
      const status = nth(registrationStatuses, registrationCalls++);
      return afterRegistrationPoll(prev, status, status === 'ACTIVE' ? null : 'DIRECTORY_TYPE_NOT_SUPPORTED', pollTime(registrationCalls));
    },
    CreateServicePrincipalName: (input): ServicePrincipalNamePollState => {
      const i = input as CreateServicePrincipalNameInput;
      return {
        DirectoryRegistrationArn: i.DirectoryRegistrationArn,
        ConnectorArn: i.ConnectorArn,
        Adopted: false,
        Status: nth(spnStatuses, spnCalls++),
        StatusReason: null,
        ...startWait(WAIT_START, i.TimeoutSeconds),
      };
    },
    GetServicePrincipalNameStatus: (input): ServicePrincipalNamePollState => {
      const prev = (input as GetServicePrincipalNameStatusInput).ServicePrincipalName;
      const status = nth(spnStatuses, spnCalls++);
      return afterServicePrincipalNamePoll(prev, status, status === 'ACTIVE' ? null : 'SPN_EXISTS_ON_DIFFERENT_AD_OBJECT', pollTime(spnCalls));
    },
    CreateTemplates: (): TemplatesState => ({
      TemplateArns: [TEMPLATE_ARN],
      Templates: [{
        Name: 'ComputerAutoEnroll', TemplateArn: TEMPLATE_ARN, Adopted: false, Updated: false,
        CreatedAccessControlEntries: [GROUP_SID], AdoptedAccessControlEntries: [], UpdatedAccessControlEntries: [], DeletedAccessControlEntries: [],
      }],
      DeletedTemplateArns: [],
    }),
    RecordProvisioning: (): RecordChangeResult => ({ Recorded: true, ProvisioningId: 'test-provisioning', LeaseReleased: true }),
    PublishSucceededEvent: () => ({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] }),
    PublishFailedEvent: () => ({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-2' }] }),
  };

  const remaining = new Map<string, { name: string; left: number }[]>();
  for (const f of s.failures ?? []) {
    remaining.set(f.state, [...(remaining.get(f.state) ?? []), { name: f.name, left: f.times }]);
  }
  const handlers: Record<string, LocalHandler> = {};
  for (const [state, fn] of Object.entries(base)) {
    handlers[state] = (input) => {
      (calls.inputs[state] ??= []).push(input);
      if (s.publishFails && state.startsWith('Publish')) {
        throw Object.assign(new Error('PutEvents failed for 1 entries'), { name: 'EventBridge.FailedEntry' });
      }
      const pending = remaining.get(state)?.find((f) => f.left > 0);
      if (pending) {
        pending.left -= 1;
        throw Object.assign(new Error(`injected ${pending.name} at ${state}`), { name: pending.name });
      }
      return fn(input);
    };
  }
  return { handlers, calls };
}

let counter = 0;
export async function run(s: Scenario = {}): Promise<LocalRunResult & { calls: Calls }> {
  const { handlers, calls } = stubHandlers(s);
  const executionArn = executionArnFor(`test-${process.pid}-${++counter}`);
  const result = await runLocal(REQUEST, { handlers, executionArn, waitMs: 0, retryMs: 0 });
  return { ...result, calls };
}

/* ---------------- event-log readers ---------------- */

type StateEvent = Extract<LocalEvent, { state: unknown }>;
const isStateEvent = (e: LocalEvent): e is StateEvent => 'state' in e;

export const entered = (events: LocalEvent[]): string[] =>
  events.filter((e) => e.type === 'StateEntered' && isStateEvent(e)).map((e) => (e as StateEvent).state.name);

export const ofType = (events: LocalEvent[], type: string, state?: string): StateEvent[] =>
  events.filter(isStateEvent).filter((e) => e.type === type && (state === undefined || e.state.name === state));

/** StateRetried events for `state` whose retrier matched `name`, each preceded by a StateFailed with that error. */
export function retriesOf(events: LocalEvent[], state: string, name: string): number {
  let count = 0;
  let lastError: string | undefined;
  for (const e of events) {
    if (!isStateEvent(e) || e.state.name !== state) continue;
    if (e.type === 'StateFailed') lastError = (e as unknown as { Error: string }).Error;
    if (e.type === 'StateRetried') {
      const retrier = (e as unknown as { retry: { retrier: { ErrorEquals: string[] } } }).retry.retrier;
      if (lastError === name && retrier.ErrorEquals.includes(name)) count += 1;
    }
  }
  return count;
}

export const enteredInput = (events: LocalEvent[], state: string): unknown[] =>
  ofType(events, 'StateEntered', state).map((e) => e.state.input);

export function executionEnd(events: LocalEvent[]): LocalEvent | undefined {
  return events.find((e) => e.type === 'ExecutionSucceeded' || e.type === 'ExecutionFailed');
}

/* ---------------- rows every Task shares: run once, checked statically elsewhere ---------------- */

interface Retrier {
  ErrorEquals: string[];
  [field: string]: unknown;
}
interface Catcher {
  ErrorEquals: string[];
  Next: string;
  [field: string]: unknown;
}
type TaskStates = Record<string, { Retry?: Retrier[]; Catch?: Catcher[] }>;

/** Whether an ErrorEquals list matches `name` as Step Functions matches it (States.ALL; TaskFailed all but timeouts). */
const matches = (errorEquals: readonly string[], name: string): boolean =>
  errorEquals.includes(name) || errorEquals.includes('States.ALL') || (errorEquals.includes('States.TaskFailed') && name !== 'States.Timeout');

/**
 * How a definition handles `name` at Task `state`: the first retrier and the first catcher that match it (Step
 * Functions uses the first match of each list), the catcher without its Next (which is per state).
 */
export const handlingIn = (def: { States: Record<string, unknown> }, state: string, name: string): { retrier?: Retrier; catcher?: Omit<Catcher, 'Next'> } => {
  const task = (def.States as TaskStates)[state];
  if (!task) throw new Error(`no state ${state}`);
  const retrier = task.Retry?.find((r) => matches(r.ErrorEquals, name));
  const found = task.Catch?.find((c) => matches(c.ErrorEquals, name));
  const catcher = found && Object.fromEntries(Object.entries(found).filter(([field]) => field !== 'Next')) as Omit<Catcher, 'Next'>;
  return { ...(retrier ? { retrier } : {}), ...(catcher ? { catcher } : {}) };
};

/**
 * The names that are a row of every Task with one retrier (the Lambda service's errors and the transport errors):
 * each runs through the real ASL at one Task, taken in turn so that the runs spread over the Tasks. Returns that
 * Task per name; every other Task's row of the name is checked with `handlingIn` to be handled exactly the same.
 */
export const sharedRowRunAt = (names: readonly string[], states: readonly string[]): ReadonlyMap<string, string> =>
  new Map(names.map((name, i) => [name, states[i % states.length] as string]));
