/**
 * The matrix's fault kinds and how each is injected at a row: throttled N times, 5xx N times, a terminal error (the
 * catalog's caught error for that state and service), lost response (the call's side effect happens, then a 5xx),
 * the "Lambda" dying right before the call (Lambda.Unknown) or timing out right after it returned
 * (Sandbox.Timedout), and three transport faults: the connection reset before the call runs, reset after it took
 * effect, and no answer after it took effect (the client's socket timeout fires: the faulted service's clients get
 * a 500 ms one in those cells).
 */
import '../env.ts';
import { ERROR_CATALOG } from '../../../src/workflow/catalog.ts';
import type { Emulator } from '../../local/emulator/index.ts';
import { lambdaError, setLambdaFault } from '../harness.ts';
import type { AttemptHooks } from '../harness.ts';
import { PUBLISH_STATE } from './rows.ts';
import type { Target } from './rows.ts';

export const FAULT_KINDS = [
  'throttled', 'server', 'terminal', 'lost-response', 'lambda-before', 'lambda-after', 'reset', 'reset-after', 'timeout-after',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
const TRANSPORT_KINDS: readonly FaultKind[] = ['reset', 'reset-after', 'timeout-after'];
/** The client socket timeout in the timeout cells (ms): the emulator holds the response until it fires. */
export const MATRIX_SOCKET_TIMEOUT_MS = 500;
/** How many attempts a transient fault hits (below every Retry's MaxAttempts in the ASL). */
export const TRANSIENT_TIMES = 2;

/** What to inject for throttling and for a 5xx, per service (the names those services use on the wire). */
export const SERVICE_FAULTS: Record<string, { throttled: { error: string; message?: string }; server: string; label: string }> = {
  // Directory Service models no throttling error; it is believed to answer ClientException "Rate exceeded".
  DirectoryService: { throttled: { error: 'ClientException', message: 'Rate exceeded' }, server: 'ServiceException', label: 'DS ' },
  PcaConnectorAd: { throttled: { error: 'ThrottlingException' }, server: 'InternalServerException', label: 'PCA Connector AD' },
  DirectoryServiceData: { throttled: { error: 'ThrottlingException' }, server: 'InternalServerException', label: 'Directory Service Data' },
  SecretsManager: { throttled: { error: 'ThrottlingException' }, server: 'InternalServiceError', label: 'Secrets Manager' },
  ACMPCA: { throttled: { error: 'ThrottlingException' }, server: 'InternalFailure', label: 'ACM PCA' },
  EC2: { throttled: { error: 'RequestLimitExceeded' }, server: 'InternalError', label: 'EC2' },
  EventBridge: { throttled: { error: 'ThrottlingException' }, server: 'InternalException', label: 'EventBridge' },
  DynamoDB: { throttled: { error: 'ProvisionedThroughputExceededException' }, server: 'InternalServerError', label: 'DynamoDB' },
  RAM: { throttled: { error: 'ThrottlingException' }, server: 'ServerInternalException', label: 'RAM' },
};

/** The catalog's caught (terminal) error for this state and service: prefer a row naming the operation. */
export const terminalErrorFor = (target: Target): string | undefined => {
  if (target.state === PUBLISH_STATE) return 'AccessDeniedException';
  const label = SERVICE_FAULTS[target.service]?.label ?? target.service;
  const rows = ERROR_CATALOG.filter((r) => r.state === target.state && r.handling === 'catch' && r.source.includes(label));
  return (rows.find((r) => r.source.includes(target.op)) ?? rows[0])?.name;
};

/** PutEvents is a service integration: no Lambda to crash, and no connection of ours to lose. */
export const isApplicable = (target: Target, kind: FaultKind): boolean =>
  !(target.state === PUBLISH_STATE && (kind.startsWith('lambda') || TRANSPORT_KINDS.includes(kind))) &&
  // A teardown call with no caught error in the catalog for its service has no terminal cell.
  !(target.machine === 'teardown' && kind === 'terminal' && target.state !== PUBLISH_STATE && !terminalErrorFor(target));

type Mode = 'transient' | 'persistent';

const wireFault = (target: Target, kind: FaultKind): { error: string; message?: string } => {
  const svc = SERVICE_FAULTS[target.service];
  if (!svc) throw new Error(`no fault names for service ${target.service}`);
  if (kind === 'throttled') return svc.throttled;
  if (kind === 'terminal') {
    const error = terminalErrorFor(target);
    if (!error) throw new Error(`the catalog has no caught error for ${target.state} / ${target.service}`);
    return { error };
  }
  return { error: svc.server };
};

/** Faults for the attempts of the target state (Lambda tasks), or for the whole run (the PutEvents state). */
export const faultHooks = (target: Target, kind: FaultKind, mode: Mode): { hooks: AttemptHooks; arm(e: Emulator): void; disarm(e: Emulator): void } => {
  const once = kind === 'terminal' || kind === 'lost-response' || kind === 'reset-after' || kind === 'timeout-after';
  const times = once ? 1 : TRANSIENT_TIMES;
  // A terminal error is armed until an attempt fails with it: a call that only later attempts make (e.g. once the
  // resource it reads exists) gets it at the first attempt that makes the call.
  let terminalRaised = false;
  const faulted = (attempt: number): boolean =>
    (mode === 'persistent' && kind !== 'terminal') || attempt <= times || (kind === 'terminal' && !terminalRaised);
  const disarm = (e: Emulator): void => {
    e.clearFaults();
    setLambdaFault(undefined);
  };
  if (target.state === PUBLISH_STATE) {
    // Not a Lambda: the only caller of PutEvents; the fault is armed for the whole run.
    const f = wireFault(target, kind);
    return {
      hooks: {},
      arm: (e) => e.addFault({ operation: target.call, ...f, count: mode === 'persistent' || kind === 'terminal' ? 1000 : times, ...(kind === 'lost-response' ? { after: true } : {}) }),
      disarm,
    };
  }
  const hooks: AttemptHooks = {
    before: (state, attempt, e) => {
      if (state !== target.state || !faulted(attempt)) return;
      const first = mode === 'transient' ? attempt <= times : attempt === 1;
      switch (kind) {
        case 'throttled':
        case 'server':
        case 'terminal':
          e.addFault({ operation: target.call, ...wireFault(target, kind), count: 1 });
          return;
        case 'lost-response':
          if (first) e.addFault({ operation: target.call, error: wireFault(target, kind).error, count: 1, after: true });
          // The service stays down for the later attempts (they would otherwise adopt what the lost call created).
          else e.addFault({ operation: `${target.service}.*`, error: wireFault(target, kind).error, count: 1000 });
          return;
        case 'reset':
          e.addFault({ operation: target.call, error: 'reset', count: 1 });
          return;
        case 'reset-after':
        case 'timeout-after':
          if (first) e.addFault({ operation: target.call, error: kind === 'reset-after' ? 'reset' : 'timeout', count: 1, after: true });
          // Unreachable for the later attempts (a reset: the same outcome for the workflow, without the wait).
          else e.addFault({ operation: `${target.service}.*`, error: 'reset', count: 1000 });
          return;
        case 'lambda-before':
        case 'lambda-after': {
          const error = kind === 'lambda-before' ? 'Lambda.Unknown' : 'Sandbox.Timedout';
          if (first) setLambdaFault({ state, call: target.call, when: kind === 'lambda-before' ? 'before' : 'after', error });
          else throw lambdaError(error, `${error}: the function keeps failing`);
        }
      }
    },
    after: (state, _attempt, e, error) => {
      if (state !== target.state) return;
      if (kind === 'terminal' && error instanceof Error && error.name === wireFault(target, kind).error) terminalRaised = true;
      disarm(e);
    },
  };
  return { hooks, arm: () => undefined, disarm };
};
