/**
 * DeleteDirectories (teardown): one poll per attempt. For each planned directory, DescribeDirectories; then
 * src/domain/teardown.ts decides: gone (or Deleted) -> done; being created or Deleting -> wait; otherwise
 * DeleteDirectory, then wait. DS refusing because the directory still has authorized applications becomes
 * DirectoryHasAuthorizedApplicationsError (retried for a bounded time, then caught).
 */
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DeleteDirectoryCommand, DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import { directoryService } from '../aws/clients.ts';
import { withDirectoryServiceErrors } from '../domain/ds-errors.ts';
import { afterDeletionPoll, classifyDeleteDirectoryError, directoryDeletionStep } from '../domain/teardown.ts';
import type { DeleteStepInput, TeardownPlan } from '../domain/teardown.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface DeleteDirectoriesDeps {
  directoryService: DirectoryServiceClient;
  now: () => Date;
}

const defaultDeps = (): DeleteDirectoriesDeps => ({ directoryService: directoryService(), now: clockNow });

const notFound = (error: unknown): boolean => error instanceof Error && error.name === 'EntityDoesNotExistException';

/** The directory's stage, or undefined when it is gone. */
const stageOf = async (ds: DirectoryServiceClient, id: string): Promise<string | undefined> => {
  try {
    const out = await withDirectoryServiceErrors(() => ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [id] })));
    return out.DirectoryDescriptions?.find((d) => d.DirectoryId === id)?.Stage;
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
};

export const deleteDirectoriesCore = async (input: DeleteStepInput, deps: DeleteDirectoriesDeps = defaultDeps()): Promise<TeardownPlan> => {
  const ds = deps.directoryService;
  const pending: string[] = [];
  for (const id of input.Plan.Directories) {
    const stage = await stageOf(ds, id);
    const step = directoryDeletionStep(stage);
    if (step === 'gone') continue;
    if (step === 'delete') {
      try {
        await withDirectoryServiceErrors(() => ds.send(new DeleteDirectoryCommand({ DirectoryId: id })));
        logger.info('Directory deletion started', { directoryId: id, stage });
      } catch (error) {
        if (notFound(error)) continue;
        throw classifyDeleteDirectoryError(error);
      }
    }
    pending.push(`directory ${id} is ${step === 'delete' ? 'Deleting' : stage ?? ''}`);
  }
  return afterDeletionPoll(input.Plan, 'directory', pending, deps.now());
};

export const handler = wrapHandler(deleteDirectoriesCore, 'DeleteDirectories');
