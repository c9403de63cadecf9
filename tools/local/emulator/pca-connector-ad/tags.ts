/**
 * PCA Connector for AD tagging of a connector, registration or template: ListTagsForResource (GET /tags/{ResourceArn})
 * and TagResource (POST, 204: the tags given are added, a key already there gets the new value).
 */
import { ApiError } from '../core/api-error.ts';
import { str } from '../core/service.ts';
import type { Json, Route, ServiceContext } from '../core/service.ts';
import { check, tagsOf } from './requests.ts';
import { existingConnectors, liveRegistrations, liveTemplates } from './state.ts';

const ARN = /^arn:[\w-]+:pca-connector-ad:[\w-]+:[0-9]+:(connector|directory-registration)\/[\w/-]+$/;

/** The tags and resource type of the connector, directory registration or template `arn`, while not gone. */
function taggedResource(arn: string, ctx: ServiceContext): { type: string; tags?: Record<string, string> } {
  if (arn.includes(':directory-registration/')) {
    return { type: 'DIRECTORY_REGISTRATION', tags: liveRegistrations(ctx).find((r) => r.Arn === arn)?.Tags };
  }
  if (arn.includes('/template/')) return { type: 'TEMPLATE', tags: liveTemplates(ctx).find((t) => t.Arn === arn)?.Tags };
  return { type: 'CONNECTOR', tags: existingConnectors(ctx).find((x) => x.Arn === arn)?.Tags };
}

/** The tags of the resource `ResourceArn` names, while it exists (DELETING included). */
function tagsFor(input: Json, ctx: ServiceContext): Record<string, string> {
  const arn = str(input, 'ResourceArn');
  if (arn === undefined || !ARN.test(arn)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${arn ?? 'null'}' at 'resourceArn' failed to satisfy constraint: Member must be a valid ARN`, 400, { Reason: 'FIELD_VALIDATION_FAILED' });
  }
  const { type, tags } = taggedResource(arn, ctx);
  if (!tags) throw new ApiError('ResourceNotFoundException', `Resource ${arn} was not found.`, 404, { ResourceId: arn, ResourceType: type });
  return tags;
}

/** ListTagsForResource: the tags of a connector, directory registration or template that still exists (DELETING included). */
export function listTagsForResource(input: Json, ctx: ServiceContext): Json {
  return { Tags: { ...tagsFor(input, ctx) } };
}

/** TagResource: adds the tags given (the record's own map, so the resource keeps them). */
export function tagResource(input: Json, ctx: ServiceContext): Json {
  check('TagResource', input);
  Object.assign(tagsFor(input, ctx), tagsOf(input));
  return {};
}

/** restJson1 routes of ListTagsForResource and TagResource. */
export function routeTags(method: string, url: URL, body: Json): Route | undefined {
  const m = /^\/tags\/([^/]+)$/.exec(url.pathname.replace(/\/+$/, ''));
  if (!m?.[1]) return undefined;
  const ResourceArn = decodeURIComponent(m[1]);
  if (method === 'GET') return { op: 'ListTagsForResource', input: { ResourceArn }, status: 200 };
  if (method === 'POST') return { op: 'TagResource', input: { ...body, ResourceArn }, status: 204 };
  return undefined;
}
