/**
 * Every page of the Directory Service listings the handlers read, through the SDK's paginators, with Directory
 * Service's throttle renamed (src/domain/ds-errors.ts). Read-only on purpose: the teardown's discovery imports it
 * too, and its bundle (from which the IAM check derives its calls) must carry no create call.
 */
import { paginateDescribeDirectories, paginateListTagsForResource } from '@aws-sdk/client-directory-service';
import type { DirectoryDescription, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { withDirectoryServiceErrors } from '../domain/ds-errors.ts';
import { allItems } from './pages.ts';

/** Every directory of the account and Region. */
export const describeAllDirectories = (client: DirectoryServiceClient): Promise<DirectoryDescription[]> =>
  withDirectoryServiceErrors(() => allItems(paginateDescribeDirectories({ client }, {}), (p) => p.DirectoryDescriptions));

/** The directories with these ids (EntityDoesNotExistException when one is unknown). */
export const describeDirectoriesById = (client: DirectoryServiceClient, DirectoryIds: string[]): Promise<DirectoryDescription[]> =>
  withDirectoryServiceErrors(() => allItems(paginateDescribeDirectories({ client }, { DirectoryIds }), (p) => p.DirectoryDescriptions));

/** A directory's tags, as a map. */
export const directoryTags = async (client: DirectoryServiceClient, ResourceId: string): Promise<Record<string, string>> => {
  const tags = await withDirectoryServiceErrors(() => allItems(paginateListTagsForResource({ client }, { ResourceId }), (p) => p.Tags));
  return Object.fromEntries(tags.flatMap((t) => (t.Key !== undefined ? [[t.Key, t.Value ?? '']] : [])));
};
