/**
 * What a service folder gives the core: a `ServiceDef` (how requests reach it, its operations, its errors, its
 * lifecycle faults and the state slots it saves), registered with one line in ../services.ts. Operations receive a
 * `ServiceContext`: the seed, the simulated clock, the ids, the faults and the state slots.
 */
import { defaultStatus } from './api-error.ts';
import type { ApiError } from './api-error.ts';
import type { Rng, SimClock } from './clock.ts';
import type { ExternalLookups } from './external.ts';
import type { FaultBook } from './faults.ts';
import type { Seed } from './seed.ts';
import type { Json, StateSlot, WorldState } from './state.ts';

export type { Json } from './state.ts';

/** Extra headers of a successful response, under this key of an operation's result (never serialised). */
export const RESPONSE_HEADERS = Symbol('response headers');

/** An operation; asynchronous only when it consults another endpoint (a mixed world) or runs a function. */
export type OpHandler = (input: Json, ctx: ServiceContext) => Json | Promise<Json>;

/** The wire protocol: awsJson (X-Amz-Target), restJson (method + path) or the EC2 query protocol (form in, XML out). */
export type Protocol = 'awsJson' | 'restJson' | 'ec2';

/** A restJson request resolved to an operation: its input from path, query and body, and its success status. */
export interface Route {
  op: string;
  input: Json;
  status: number;
}

export interface ServiceDef {
  /** Key prefix for counters and faults: `DirectoryService`, `PcaConnectorAd`, ... */
  name: string;
  /** The SigV4 signing name (the credential scope's service), which routes a request here: `ds`, `pca-connector-ad`, ... */
  signingName: string;
  /** The SDK's endpoint variable for this service (`AWS_ENDPOINT_URL_DIRECTORY_SERVICE`), set by `emulator.env()`. */
  endpointVariable: string;
  protocol: Protocol;
  /** awsJson: the `X-Amz-Target` prefix, which routes a request without a credential scope. */
  targetPrefix?: string;
  /** restJson: method + path (+ query) -> operation and input. */
  route?(method: string, url: URL, body: Json): Route | undefined;
  /** restJson: paths that route a request without a credential scope here. */
  unsignedPath?: RegExp;
  ops: Record<string, OpHandler>;
  /** HTTP status for an error name (modelled errors of this service, else the generic rule). */
  errorStatus?(code: string): number | undefined;
  /** awsJson protocol version (response content type); default 1.1. */
  awsJsonVersion?: '1.0' | '1.1';
  /** Prefix of `__type` in awsJson error bodies (DynamoDB: `com.amazonaws.dynamodb.v20120810#`). */
  errorTypePrefix?: string;
  /** Extra members of an injected error (e.g. ResourceId), from the request input. */
  faultFields?(code: string, input: Json): Json;
  /**
   * Lifecycle pseudo-operations (`DirectoryLifecycle`, ...): a fault on one changes how the next created resource
   * ends instead of a response; the error must be one of the listed outcomes.
   */
  lifecycles?: Readonly<Record<string, readonly string[]>>;
  /** The slots of this service's state that snapshots keep. */
  state?: readonly StateSlot<unknown>[];
  /**
   * The error names `op` may answer, for checking a fault's ERROR (beside the errors any AWS API answers). Default:
   * the operation's errors in the vendored model (./models/operation-errors.json) when the service's model is there.
   */
  errorNames?(op: string): readonly string[] | Promise<readonly string[]>;
  /** The applications this service has authorized on a directory (Directory Service refuses to delete it meanwhile). */
  directoryApplications?(ctx: ServiceContext, directoryId: string): string[];
}

export interface ServiceContext {
  seed: Seed;
  clock: SimClock;
  ids: Rng;
  faults: FaultBook;
  state: WorldState;
  /** Services on another endpoint (e.g. moto_server): CreateConnector checks the directory, groups and CA there. */
  external?: ExternalLookups;
  /** Every registered service. */
  services: readonly ServiceDef[];
}

export function statusFor(svc: ServiceDef, code: string): number {
  return svc.errorStatus?.(code) ?? defaultStatus(code);
}

export const str = (input: Json, key: string): string | undefined => {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
};

export const strList = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

export const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;

/** Opaque paging token for an offset into a list (base64url, matches the restJson NextToken pattern). */
export const encodeToken = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

export function decodeToken(token: string | undefined, invalid: () => ApiError): number {
  if (token === undefined) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw invalid();
  return Number(m[1]);
}

/** Deterministic JSON (sorted keys) for comparing requests. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter((k) => (v as Json)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Json)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export const epochSeconds = (ms: number): number => ms / 1000;
