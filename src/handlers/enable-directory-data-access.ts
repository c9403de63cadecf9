/**
 * EnableDirectoryDataAccess: make sure Directory Service Data serves the directory (DescribeGroup and CreateGroup
 * answer AccessDeniedException DATA_DISABLED until it does). DescribeDirectoryDataAccess first; Disabled or Failed →
 * EnableDirectoryDataAccess; Enabled, Enabling (and Disabling, which the poll waits out to its deadline) → nothing
 * to ask. Reading first makes a retry after a lost response ask only once. Then the wait window
 * GetDirectoryDataAccessStatus polls against.
 */
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DirectoryInDesiredStateException, EnableDirectoryDataAccessCommand } from '@aws-sdk/client-directory-service';
import type { DirectoryDataAccessPollState, EnableDirectoryDataAccessInput } from '../contract.ts';
import { directoryService } from '../aws/clients.ts';
import { dataAccessStatus } from '../aws/directory-data-access.ts';
import { withDirectoryServiceErrors } from '../domain/ds-errors.ts';
import { startWait } from '../domain/polling.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';
import { DATA_ACCESS_TO_ENABLE } from '../workflow/stages.ts';

export interface EnableDirectoryDataAccessDeps {
  directoryService: DirectoryServiceClient;
  now: () => Date;
}

const defaultDeps = (): EnableDirectoryDataAccessDeps => ({ directoryService: directoryService(), now: clockNow });

const isInDesiredState = (error: unknown): boolean => error instanceof Error && error.name === 'DirectoryInDesiredStateException';

export const enableDirectoryDataAccessCore = async (
  input: EnableDirectoryDataAccessInput,
  deps: EnableDirectoryDataAccessDeps = defaultDeps(),
): Promise<DirectoryDataAccessPollState> => {
  const client = deps.directoryService;
  let status = await dataAccessStatus(client, input.DirectoryId);
  if (DATA_ACCESS_TO_ENABLE.includes(status)) {
    try {
      await withDirectoryServiceErrors(() => client.send(new EnableDirectoryDataAccessCommand({ DirectoryId: input.DirectoryId })));
      logger.info('Directory Data access requested', { directoryId: input.DirectoryId, was: status });
      status = 'Enabling';
    } catch (error) {
      // Already on (or being turned on) since the read: what the status says now decides.
      if (!isInDesiredState(error)) throw error;
      const now = await dataAccessStatus(client, input.DirectoryId);
      if (now !== 'Enabled' && now !== 'Enabling') {
        throw new DirectoryInDesiredStateException({ message: `${(error as Error).message} (DescribeDirectoryDataAccess reports ${now})`, $metadata: {} });
      }
      status = now;
    }
  } else {
    logger.info('Directory Data access', { directoryId: input.DirectoryId, status });
  }
  return { DirectoryId: input.DirectoryId, Status: status, ...startWait(deps.now(), input.TimeoutSeconds) };
};

export const handler = wrapHandler(enableDirectoryDataAccessCore, 'EnableDirectoryDataAccess');
