/**
 * GetDirectoryDataAccessStatus: one DescribeDirectoryDataAccess, then src/domain/polling.ts decides: Enabled → the
 * state document; Enabling (or Disabled/Disabling) → DirectoryDataAccessNotReadyError (the Task's Retry polls again);
 * Failed → DirectoryDataAccessFailed; past the Deadline → DirectoryDataAccessTimeoutError.
 */
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import type { DirectoryDataAccessPollState, GetDirectoryDataAccessStatusInput } from '../contract.ts';
import { directoryService } from '../aws/clients.ts';
import { dataAccessStatus } from '../aws/directory-data-access.ts';
import { afterDataAccessPoll } from '../domain/polling.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface GetDirectoryDataAccessStatusDeps {
  directoryService: DirectoryServiceClient;
  now: () => Date;
}

const defaultDeps = (): GetDirectoryDataAccessStatusDeps => ({ directoryService: directoryService(), now: clockNow });

export const getDirectoryDataAccessStatusCore = async (
  input: GetDirectoryDataAccessStatusInput,
  deps: GetDirectoryDataAccessStatusDeps = defaultDeps(),
): Promise<DirectoryDataAccessPollState> => {
  const state = input.DataAccess;
  const status = await dataAccessStatus(deps.directoryService, state.DirectoryId);
  logger.info('Directory Data access status', { directoryId: state.DirectoryId, status, deadline: state.Deadline });
  return afterDataAccessPoll(state, status, deps.now());
};

export const handler = wrapHandler(getDirectoryDataAccessStatusCore, 'GetDirectoryDataAccessStatus');
