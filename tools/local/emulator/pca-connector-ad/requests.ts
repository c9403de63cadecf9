/**
 * What every PCA Connector for AD operation beyond the connector itself shares: checking a request against the
 * service model's shapes (./models/pca-connector-ad-shapes.json, vendored from pca-connector-ad-2018-05-10.json), the
 * errors with their members, ClientToken replay and paging.
 */
import { ApiError } from '../core/api-error.ts';
import { loadShapeModel, validateShape } from '../core/model-validate.ts';
import { canonical, decodeToken, encodeToken, obj, str } from '../core/service.ts';
import type { Json, ServiceContext } from '../core/service.ts';
import { CONNECTOR_AD_RESOURCES } from './state.ts';

const MODEL = loadShapeModel(new URL('./models/pca-connector-ad-shapes.json', import.meta.url));

export const invalid = (message: string, reason = 'FIELD_VALIDATION_FAILED'): ApiError => new ApiError('ValidationException', message, 400, { Reason: reason });
export const notFound = (type: string, id: string, message: string): ApiError =>
  new ApiError('ResourceNotFoundException', message, 404, { ResourceId: id, ResourceType: type });
export const conflict = (type: string, id: string, message: string): ApiError => new ApiError('ConflictException', message, 409, { ResourceId: id, ResourceType: type });

/** Checks `input` against the request shape of `op` (the model's `<op>Request`). */
export function check(op: string, input: Json): void {
  const problem = validateShape(MODEL, `${op}Request`, input);
  if (problem) throw invalid(problem);
}

export const tagsOf = (input: Json): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(input['Tags']) ?? {}).map(([k, v]) => [k, String(v)]));

/** Same ClientToken + same request: the first result again. Same token + another request: ConflictException. */
export function replay(ctx: ServiceContext, op: string, input: Json): Json | undefined {
  const token = str(input, 'ClientToken');
  if (token === undefined) return undefined;
  const { ClientToken: _t, ...rest } = input;
  const seen = ctx.state.get(CONNECTOR_AD_RESOURCES).tokens.find((t) => t.op === op && t.token === token);
  if (!seen) return undefined;
  if (seen.fingerprint === canonical(rest)) return seen.result;
  throw conflict('CLIENT_TOKEN', token, 'The ClientToken was already used with a different request.');
}
export function remember(ctx: ServiceContext, op: string, input: Json, result: Json): Json {
  const token = str(input, 'ClientToken');
  if (token !== undefined) {
    const { ClientToken: _t, ...rest } = input;
    ctx.state.get(CONNECTOR_AD_RESOURCES).tokens.push({ op, token, fingerprint: canonical(rest), result });
  }
  return result;
}

/** One page of `all` by MaxResults (1-1000, default 100) and NextToken. */
export const page = <T>(input: Json, all: T[]): { items: T[]; next?: string } => {
  const maxRaw = input['MaxResults'];
  const max = maxRaw === undefined ? 100 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw invalid(`1 validation error detected: Value '${String(maxRaw)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  const start = decodeToken(str(input, 'NextToken'), () => invalid('The NextToken is not valid.'));
  const end = start + max;
  return { items: all.slice(start, end), ...(end < all.length ? { next: encodeToken(end) } : {}) };
};

/** MaxResults, NextToken and ConnectorArn from the query string into a List input. */
export const paging = (url: URL, input: Json): Json => {
  for (const key of ['MaxResults', 'NextToken', 'ConnectorArn']) {
    const v = url.searchParams.get(key);
    if (v !== null) input[key] = v;
  }
  return input;
};
