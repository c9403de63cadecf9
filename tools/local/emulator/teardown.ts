/**
 * What the teardown adds to the emulated services: PCA Connector AD ListTagsForResource (GET /tags/{ResourceArn}) and
 * Secrets Manager DeleteSecret (a recovery window: the secret stays, marked deleted). DeleteConnector and
 * DeleteDirectory (DELETING/Deleting, then gone on the simulated clock) live with their services.
 */
import { ApiError } from './api-error.ts';
import { liveRegistrations, liveTemplates } from './connector-ad-resources.ts';
import { connectorStatus } from './pca-connector-ad.ts';
import { str } from './service.ts';
import type { Json, ServiceContext } from './state.ts';

const ARN = /^arn:[\w-]+:pca-connector-ad:[\w-]+:[0-9]+:(connector|directory-registration)\/[\w/-]+$/;

/** The tags and resource type of the connector, directory registration or template `arn`, while not gone. */
function taggedResource(arn: string, ctx: ServiceContext): { type: string; tags?: Record<string, string> } {
  if (arn.includes(':directory-registration/')) {
    return { type: 'DIRECTORY_REGISTRATION', tags: liveRegistrations(ctx).find((r) => r.Arn === arn)?.Tags };
  }
  if (arn.includes('/template/')) return { type: 'TEMPLATE', tags: liveTemplates(ctx).find((t) => t.Arn === arn)?.Tags };
  return { type: 'CONNECTOR', tags: ctx.state.connectors.find((x) => x.Arn === arn && connectorStatus(x, ctx.clock.now()) !== undefined)?.Tags };
}

/** ListTagsForResource: the tags of a connector, directory registration or template that still exists (DELETING included). */
export function listConnectorAdTags(input: Json, ctx: ServiceContext): Json {
  const arn = str(input, 'ResourceArn');
  if (arn === undefined || !ARN.test(arn)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${arn ?? 'null'}' at 'resourceArn' failed to satisfy constraint: Member must be a valid ARN`, 400, { Reason: 'FIELD_VALIDATION_FAILED' });
  }
  const { type, tags } = taggedResource(arn, ctx);
  if (!tags) throw new ApiError('ResourceNotFoundException', `Resource ${arn} was not found.`, 404, { ResourceId: arn, ResourceType: type });
  return { Tags: { ...tags } };
}

/** restJson1 route of ListTagsForResource. */
export function routeConnectorAdTags(method: string, path: string): { op: string; input: Json; status: number } | undefined {
  const m = /^\/tags\/([^/]+)$/.exec(path);
  if (!m?.[1] || method !== 'GET') return undefined;
  return { op: 'ListTagsForResource', input: { ResourceArn: decodeURIComponent(m[1]) }, status: 200 };
}

/**
 * DeleteSecret, as AWS: RecoveryWindowInDays 7-30 (default 30) or ForceDeleteWithoutRecovery, not both; a secret
 * already marked for deletion is an InvalidRequestException. Only secrets created through the API can be deleted
 * here (the seed's are the user's own).
 */
export function deleteSecret(input: Json, ctx: ServiceContext): Json {
  const id = str(input, 'SecretId');
  const secret = ctx.state.secrets.find((s) => s.Name === id || s.ARN === id);
  if (!secret) throw new ApiError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  const window = input.RecoveryWindowInDays;
  const force = input.ForceDeleteWithoutRecovery === true;
  if (force && window !== undefined) {
    throw new ApiError('InvalidParameterException', 'You can\'t use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.');
  }
  if (window !== undefined && !(Number.isInteger(window) && (window as number) >= 7 && (window as number) <= 30)) {
    throw new ApiError('InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  if (secret.DeletedDateMs !== undefined) {
    throw new ApiError('InvalidRequestException', 'You can\'t perform this operation on the secret because it was already scheduled for deletion.');
  }
  const now = ctx.clock.now();
  if (force) {
    ctx.state.secrets = ctx.state.secrets.filter((s) => s !== secret);
    ctx.state.secretValues.delete(secret.ARN);
  } else {
    secret.DeletedDateMs = now;
  }
  return { ARN: secret.ARN, Name: secret.Name, DeletionDate: (now + (force ? 0 : ((window as number | undefined) ?? 30) * 86_400_000)) / 1000 };
}
