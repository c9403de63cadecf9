/** GetDirectoryStage: one DescribeDirectories for the directory, then the poll schedule decides the next wait. */
import type { DirectoryServiceClient} from '@aws-sdk/client-directory-service';
import { DescribeDirectoriesCommand, EntityDoesNotExistException } from '@aws-sdk/client-directory-service';
import type { DirectoryPollState, GetDirectoryStageInput } from '../contract.ts';
import { directoryService } from '../aws/clients.ts';
import { withDirectoryServiceErrors } from '../domain/ds-errors.ts';
import { nextDirectoryPoll } from '../domain/polling.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface GetDirectoryStageDeps {
  directoryService: DirectoryServiceClient;
}

const defaultDeps = (): GetDirectoryStageDeps => ({ directoryService: directoryService() });

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
  const next = nextDirectoryPoll(state, directory.Stage, directory.StageReason ?? null);
  logger.info('Directory stage', { directoryId: state.DirectoryId, stage: next.Stage, pollRound: next.PollRound, waitSeconds: next.WaitSeconds });
  return next;
};

export const handler = wrapHandler(getDirectoryStageCore, 'GetDirectoryStage');
