/**
 * Directory Service Data access of a directory as Directory Service reports it (DescribeDirectoryDataAccess), for the
 * step that turns it on and the poll that waits for it. Read-only, so the poll's bundle carries no enable call.
 */
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DescribeDirectoryDataAccessCommand } from '@aws-sdk/client-directory-service';
import { withDirectoryServiceErrors } from '../domain/ds-errors.ts';

/** The DataAccessStatus DescribeDirectoryDataAccess reports: Disabled, Enabling, Enabled, Disabling or Failed. */
export const dataAccessStatus = async (client: DirectoryServiceClient, directoryId: string): Promise<string> => {
  const out = await withDirectoryServiceErrors(() => client.send(new DescribeDirectoryDataAccessCommand({ DirectoryId: directoryId })));
  if (!out.DataAccessStatus) throw new Error(`DescribeDirectoryDataAccess returned no DataAccessStatus for ${directoryId}`);
  return out.DataAccessStatus;
};
