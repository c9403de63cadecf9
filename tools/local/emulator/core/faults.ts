import { Rng } from './clock.ts';

/**
 * A fault injected at the wire.
 * - `operation`: bare op (`CreateConnector`), `Service.Op` (`PcaConnectorAd.CreateConnector`), `Service.*` or `*`.
 *   Pseudo-operations change lifecycles instead of responses: `DirectoryLifecycle` (error = the stage the next
 *   created directory lands in: `Failed`, `Impaired` or `Inoperable`), `ConnectorLifecycle` (error = a
 *   ConnectorStatusReason; the next created connector lands in FAILED), and likewise
 *   `DirectoryRegistrationLifecycle` and `ServicePrincipalNameLifecycle` with their models' status reasons. `*` never
 *   matches them. Each service declares its own (`ServiceDef.lifecycles`).
 * - `count`: how many calls fail (default 1). `rate`: fail that fraction of matching calls instead (seeded PRNG).
 * - `after`: perform the call's side effect first, then return the error (the lost-response case).
 * - `message`: optional error message (default: a message naming the injected fault; "Rate exceeded" for throttling).
 * - `error: 'reset'` / `'timeout'` fail the call at the transport level instead of answering with an error:
 *   `reset` drops the connection (the SDK sees "socket hang up"), `timeout` never answers (the client's socket
 *   timeout fires; held responses are dropped on stop). With `after`, the call's side effect happens first.
 */
export interface FaultSpec {
  operation: string;
  error: string;
  count?: number;
  after?: boolean;
  rate?: number;
  message?: string;
}

/** Transport faults: the `error` of a FaultSpec that fails the connection instead of answering. */
export const TRANSPORT_FAULTS = ['reset', 'timeout'] as const;
export type TransportFault = (typeof TRANSPORT_FAULTS)[number];
export const isTransportFault = (error: string): error is TransportFault => (TRANSPORT_FAULTS as readonly string[]).includes(error);

/** Lifecycle pseudo-operation -> the outcomes a fault on it may name (each service declares its own). */
export type LifecycleOutcomes = Readonly<Record<string, readonly string[]>>;

/**
 * `OP:ERROR[:COUNT|:RATE][:after]`, e.g. `CreateDirectory:ServiceException:1:after`, `GetConnector:ThrottlingException:0.3`,
 * `CreateDirectory:reset:1:after` (ERROR `reset` or `timeout`: a transport fault).
 */
export function parseFault(spec: string): FaultSpec {
  const fail = (why: string): never => {
    throw new Error(`Invalid fault spec "${spec}": ${why}. Expected OP:ERROR[:COUNT|:RATE][:after], e.g. CreateDirectory:ServiceException:1:after`);
  };
  const parts = spec.trim().split(':');
  if (parts.length < 2 || parts.length > 4) fail('wrong number of ":"-separated parts');
  const [operation = '', error = '', ...rest] = parts;
  if (!/^(\*|[A-Za-z0-9]+(\.([A-Za-z0-9]+|\*))?)$/.test(operation)) fail(`bad operation "${operation}"`);
  if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(error)) fail(`bad error name "${error}"`);
  const fault: FaultSpec = { operation, error };
  rest.forEach((part, i) => {
    if (part === 'after' && i === rest.length - 1) fault.after = true;
    else if (i === 0 && /^[1-9][0-9]*$/.test(part)) fault.count = Number(part);
    else if (i === 0 && /^0?\.[0-9]+$/.test(part) && Number(part) > 0) fault.rate = Number(part);
    else fail(`bad part "${part}"`);
  });
  return fault;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

/** Decides which calls fail. Deterministic: the rate PRNG has its own seed, independent of resource ids. */
export class FaultBook {
  private faults: ActiveFault[] = [];
  private readonly rng: Rng;
  constructor(
    seed: number,
    initial: FaultSpec[] = [],
    private readonly lifecycles: LifecycleOutcomes = {},
  ) {
    this.rng = new Rng(seed ^ 0x5eed);
    initial.forEach((f) => this.add(f));
  }
  add(spec: FaultSpec): void {
    if (!spec.operation || !spec.error) throw new Error('FaultSpec needs operation and error');
    if (spec.rate !== undefined && !(spec.rate > 0 && spec.rate <= 1)) throw new Error(`FaultSpec rate must be in (0, 1], got ${spec.rate}`);
    if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count >= 1)) throw new Error(`FaultSpec count must be an integer >= 1, got ${spec.count}`);
    const lifecycle = Object.keys(this.lifecycles).find((op) => spec.operation === op || spec.operation.endsWith(`.${op}`));
    const allowed = lifecycle ? this.lifecycles[lifecycle] : undefined;
    if (allowed && !allowed.includes(spec.error)) throw new Error(`FaultSpec ${lifecycle} error must be one of ${allowed.join(', ')}, got ${spec.error}`);
    if (lifecycle && spec.after) throw new Error(`FaultSpec ${lifecycle} takes no "after"`);
    this.faults.push({ spec: { ...spec }, remaining: spec.count ?? 1 });
  }
  clear(): void {
    this.faults = [];
  }
  /** The fault to apply to this call, if any (consumes one count). */
  take(service: string, op: string): FaultSpec | undefined {
    const lifecycle = Object.hasOwn(this.lifecycles, op);
    for (const f of this.faults) {
      const o = f.spec.operation;
      const matches = lifecycle
        ? o === op || o === `${service}.${op}`
        : o === '*' || o === op || o === `${service}.${op}` || o === `${service}.*`;
      if (!matches) continue;
      if (f.spec.rate !== undefined) {
        if (this.rng.next() < f.spec.rate) return f.spec;
        continue;
      }
      if (f.remaining > 0) {
        f.remaining -= 1;
        return f.spec;
      }
    }
    return undefined;
  }
}
