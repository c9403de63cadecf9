/** PCA Connector for AD tagging: ListTagsForResource (GET /tags/{ResourceArn}) of a connector, registration or template. */
import { ApiError } from '../core/api-error.ts';
import { str } from '../core/service.ts';
import type { Json, Route, ServiceContext } from '../core/service.ts';
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

/** ListTagsForResource: the tags of a connector, directory registration or template that still exists (DELETING included). */
export function listTagsForResource(input: Json, ctx: ServiceContext): Json {
  const arn = str(input, 'ResourceArn');
  if (arn === undefined || !ARN.test(arn)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${arn ?? 'null'}' at 'resourceArn' failed to satisfy constraint: Member must be a valid ARN`, 400, { Reason: 'FIELD_VALIDATION_FAILED' });
  }
  const { type, tags } = taggedResource(arn, ctx);
  if (!tags) throw new ApiError('ResourceNotFoundException', `Resource ${arn} was not found.`, 404, { ResourceId: arn, ResourceType: type });
  return { Tags: { ...tags } };
}

/** restJson1 route of ListTagsForResource. */
export function routeTags(method: string, url: URL): Route | undefined {
  const m = /^\/tags\/([^/]+)$/.exec(url.pathname.replace(/\/+$/, ''));
  if (!m?.[1] || method !== 'GET') return undefined;
  return { op: 'ListTagsForResource', input: { ResourceArn: decodeURIComponent(m[1]) }, status: 200 };
}
