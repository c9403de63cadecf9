/**
 * The request's `Connector.Tags` on an adopted registration, connector or template: the ones it lacks or has with
 * another value are added (TagResource: the plan's `update` of it, src/domain/diff.ts); the others it has stay. Never
 * this tool's ownership tags: what someone else created stays theirs.
 */
import { tagsToApply } from '../domain/diff.ts';
import { logger } from '../lib/logger.ts';
import type { PcaConnectorAdClient } from './pca-connector-ad-sdk.ts';
import { ListTagsForResourceCommand, TagResourceCommand } from './pca-connector-ad-sdk.ts';

/** Adds what is missing of `requested` to `resourceArn`'s tags; true when it wrote. */
export const applyConnectorTags = async (client: PcaConnectorAdClient, resourceArn: string, requested: Readonly<Record<string, string>> | undefined): Promise<boolean> => {
  if (!requested || Object.keys(requested).length === 0) return false;
  const have = (await client.send(new ListTagsForResourceCommand({ ResourceArn: resourceArn }))).Tags ?? {};
  const add = tagsToApply(requested, have);
  if (Object.keys(add).length === 0) return false;
  await client.send(new TagResourceCommand({ ResourceArn: resourceArn, Tags: add }));
  logger.info('Tags added', { resourceArn, keys: Object.keys(add) });
  return true;
};
