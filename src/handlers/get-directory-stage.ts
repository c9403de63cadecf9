/**
 * GetDirectoryStage: one DescribeDirectories for the directory, then src/domain/polling.ts decides: Active → the
 * state document; in progress → DirectoryNotReadyError (the Task's Retry polls again); terminal → DirectoryFailed;
 * past the Deadline → DirectoryActivationTimeoutError.
 */
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DescribeDirectoriesCommand, EntityDoesNotExistException } from '@aws-sdk/client-directory-service';
import type { DirectoryPollState, GetDirectoryStageInput } from '../contract.ts';
import { directoryService } from '../aws/clients.ts';
import { withDirectoryServiceErrors } from '../domain/ds-errors.ts';
import { afterDirectoryPoll } from '../domain/polling.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface GetDirectoryStageDeps {
  directoryService: DirectoryServiceClient;
  now: () => Date;
}

const defaultDeps = (): GetDirectoryStageDeps => ({ directoryService: directoryService(), now: clockNow });

export const getDirectoryStageCore = async (
  input: GetDirectoryStageInput,
  deps: GetDirectoryStageDeps = defaultDeps(),
): Promise<DirectoryPollState> => {
  const state = input.Directory;
  const out = await withDirectoryServiceErrors(() =>
    deps.directoryService.send(new DescribeDirectoriesCommand({ DirectoryIds: [state.DirectoryId] })),
  );
  const directory = out.DirectoryDescriptions?.find((d) => d.DirectoryId === state.DirectoryId);
  if (!directory?.Stage) {
    // DS normally throws this itself for an unknown id; keep the same name when it answers with an empty list.
    throw new EntityDoesNotExistException({ message: `Directory ${state.DirectoryId} does not exist`, $metadata: {} });
  }
  logger.info('Directory stage', { directoryId: state.DirectoryId, stage: directory.Stage, deadline: state.Deadline });
  return afterDirectoryPoll(state, directory.Stage, directory.StageReason ?? null, deps.now());
};

export const handler = wrapHandler(getDirectoryStageCore, 'GetDirectoryStage');
