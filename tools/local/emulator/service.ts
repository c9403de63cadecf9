import { defaultStatus } from './api-error.ts';
import type { ApiError } from './api-error.ts';
import type { Json, ServiceContext } from './state.ts';

/** An operation; asynchronous only when it consults another endpoint (a mixed world). */
export type OpHandler = (input: Json, ctx: ServiceContext) => Json | Promise<Json>;

export interface ServiceDef {
  /** Key prefix for counters and faults: `DirectoryService`, `PcaConnectorAd`, ... */
  name: string;
  ops: Record<string, OpHandler>;
  /** HTTP status for an error name (modelled errors of this service, else the generic rule). */
  errorStatus?(code: string): number | undefined;
  /** awsJson protocol version (response content type); default 1.1. */
  awsJsonVersion?: '1.0' | '1.1';
  /** Prefix of `__type` in awsJson error bodies (DynamoDB: `com.amazonaws.dynamodb.v20120810#`). */
  errorTypePrefix?: string;
  /** Extra members of an injected error (e.g. ResourceId), from the request input. */
  faultFields?(code: string, input: Json): Json;
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
