/**
 * DeleteDirectories (teardown): one poll per attempt. First the planned directory registrations (Directory Service
 * refuses to delete a directory Connector for AD is still authorized in): GetDirectoryRegistration, then
 * DeleteDirectoryRegistration, waiting until each is gone; a directory waits for its registrations. Then, for each
 * planned directory, DescribeDirectories; then
 * src/domain/teardown.ts decides: gone (or Deleted) -> done; being created or Deleting -> wait; otherwise
 * DeleteDirectory, then wait. DS refusing because the directory still has authorized applications becomes
 * DirectoryHasAuthorizedApplicationsError (retried for a bounded time, then caught).
 */
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DeleteDirectoryCommand, DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { DeleteDirectoryRegistrationCommand, GetDirectoryRegistrationCommand } from '../aws/pca-connector-ad-sdk.ts';
import { directoryService, pcaConnectorAd } from '../aws/clients.ts';
import { withDirectoryServiceErrors } from '../domain/ds-errors.ts';
import { afterDeletionPoll, classifyDeleteDirectoryError, directoryDeletionStep, partDeletionStep } from '../domain/teardown.ts';
import type { DeleteStepInput, TeardownPlan } from '../contract.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface DeleteDirectoriesDeps {
  directoryService: DirectoryServiceClient;
  pcaConnectorAd: PcaConnectorAdClient;
  now: () => Date;
}

const defaultDeps = (): DeleteDirectoriesDeps => ({ directoryService: directoryService(), pcaConnectorAd: pcaConnectorAd(), now: clockNow });

const named = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/** The registration's status, or undefined when it is gone. */
const registrationStatus = async (client: PcaConnectorAdClient, DirectoryRegistrationArn: string): Promise<string | undefined> => {
  try {
    return (await client.send(new GetDirectoryRegistrationCommand({ DirectoryRegistrationArn }))).DirectoryRegistration?.Status ?? 'UNKNOWN';
  } catch (error) {
    if (named(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
};

/** One poll of the registrations: starts the deletions it can; what is still there. */
const deleteRegistrations = async (client: PcaConnectorAdClient, arns: readonly string[]): Promise<string[]> => {
  const pending: string[] = [];
  for (const arn of arns) {
    const status = await registrationStatus(client, arn);
    const step = partDeletionStep(status);
    if (step === 'gone') continue;
    if (step === 'delete') {
      try {
        await client.send(new DeleteDirectoryRegistrationCommand({ DirectoryRegistrationArn: arn }));
        logger.info('Directory registration deletion started', { directoryRegistrationArn: arn, status });
      } catch (error) {
        if (named(error, 'ResourceNotFoundException')) continue;
        throw error;
      }
    }
    pending.push(`directory registration ${arn} is ${step === 'delete' ? 'DELETING' : status ?? ''}`);
  }
  return pending;
};

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
  const pending = await deleteRegistrations(deps.pcaConnectorAd, input.Plan.Registrations);
  // The directories wait until no registration is left (DeleteDirectory would be refused).
  for (const id of pending.length > 0 ? [] : input.Plan.Directories) {
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
