/** The tags this tool puts on what it creates, merged with the user's (validation reserves our prefix). */
import type { DirectoryTag } from '../contract.ts';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY, MANAGED_BY_TAG_VALUE } from '../contract.ts';

export const ownTags = (executionId: string): Record<string, string> => ({
  [MANAGED_BY_TAG_KEY]: MANAGED_BY_TAG_VALUE,
  [EXECUTION_TAG_KEY]: executionId,
});

/** Directory Service form: a list of {Key, Value}, user tags first. */
export const directoryTags = (userTags: DirectoryTag[] | undefined, executionId: string): DirectoryTag[] => [
  ...(userTags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
  ...Object.entries(ownTags(executionId)).map(([Key, Value]) => ({ Key, Value })),
];

/** PCA Connector AD form: a map. */
export const connectorTags = (userTags: Record<string, string> | undefined, executionId: string): Record<string, string> => ({
  ...(userTags ?? {}),
  ...ownTags(executionId),
});

/** A resource is this tool's when it carries the ownership tag every create of this tool sets. */
export const isOwned = (tags: Readonly<Record<string, string>>): boolean => tags[MANAGED_BY_TAG_KEY] === MANAGED_BY_TAG_VALUE;
