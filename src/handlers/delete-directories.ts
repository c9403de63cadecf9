/**
 * DeleteDirectories (teardown): one poll per attempt. First the planned directory registrations (Directory Service
 * refuses to delete a directory Connector for AD is still authorized in): GetDirectoryRegistration, then
 * DeleteDirectoryRegistration, waiting until each is gone; a directory waits for its registrations. Then, for each
 * planned directory, DescribeDirectories; then
 * src/domain/teardown.ts decides: gone (or Deleted) -> done; Deleting -> wait; being created -> wait, or with Force
 * DeleteDirectory at once (a refusal then waits for it to settle); otherwise DeleteDirectory, then wait. DS refusing
 * because the directory still has authorized applications becomes DirectoryHasAuthorizedApplicationsError (retried
 * for a bounded time, then caught). A "not found" (from a read or a delete) counts as gone only once the listing of
 * every directory (registration) confirms it: a spurious one leaves it pending, deleted again at the next poll.
 */
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DeleteDirectoryCommand, DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { DeleteDirectoryRegistrationCommand, GetDirectoryRegistrationCommand } from '../aws/pca-connector-ad-sdk.ts';
import { directoryService, pcaConnectorAd } from '../aws/clients.ts';
import { describeAllDirectories } from '../aws/directory-service-lists.ts';
import { listAllRegistrations } from '../aws/pca-connector-ad-lists.ts';
import { withDirectoryServiceErrors } from '../domain/ds-errors.ts';
import { AUTHORIZED_APPLICATIONS_MESSAGE, afterDeletionPoll, classifyDeleteDirectoryError, directoryDeletionStep, partDeletionStep } from '../domain/teardown.ts';
import { DIRECTORY_PENDING } from '../workflow/stages.ts';
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

/** The registration's status as ListDirectoryRegistrations shows it (a listing cannot answer "not found" for it). */
const listedRegistration = async (client: PcaConnectorAdClient, arn: string): Promise<string | undefined> =>
  (await listAllRegistrations(client)).find((r) => r.Arn === arn)?.Status;

/** The registration's status, or undefined when it is gone (a not-found answer confirmed by the listing). */
const registrationStatus = async (client: PcaConnectorAdClient, DirectoryRegistrationArn: string): Promise<string | undefined> => {
  try {
    return (await client.send(new GetDirectoryRegistrationCommand({ DirectoryRegistrationArn }))).DirectoryRegistration?.Status ?? 'UNKNOWN';
  } catch (error) {
    if (!named(error, 'ResourceNotFoundException')) throw error;
  }
  return listedRegistration(client, DirectoryRegistrationArn);
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
        if (!named(error, 'ResourceNotFoundException')) throw error;
        const listed = await listedRegistration(client, arn);
        if (listed === undefined) continue;
        logger.warn('A delete answered not found, but the resource is still listed: deleted again at the next poll', { directoryRegistrationArn: arn, status: listed });
        pending.push(`directory registration ${arn} is ${listed} (DeleteDirectoryRegistration answered ResourceNotFoundException, yet it is still listed)`);
        continue;
      }
    }
    pending.push(`directory registration ${arn} is ${step === 'delete' ? 'DELETING' : status ?? ''}`);
  }
  return pending;
};

const notFound = (error: unknown): boolean => error instanceof Error && error.name === 'EntityDoesNotExistException';

/** The directory's stage as the listing of every directory shows it (it cannot answer "not found" for one). */
const listedStage = async (ds: DirectoryServiceClient, id: string): Promise<string | undefined> =>
  (await describeAllDirectories(ds)).find((d) => d.DirectoryId === id)?.Stage;

/** The directory's stage, or undefined when it is gone (a not-found answer confirmed by the listing). */
const stageOf = async (ds: DirectoryServiceClient, id: string): Promise<string | undefined> => {
  try {
    const out = await withDirectoryServiceErrors(() => ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [id] })));
    return out.DirectoryDescriptions?.find((d) => d.DirectoryId === id)?.Stage;
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  return listedStage(ds, id);
};

export const deleteDirectoriesCore = async (input: DeleteStepInput, deps: DeleteDirectoriesDeps = defaultDeps()): Promise<TeardownPlan> => {
  const ds = deps.directoryService;
  const force = input.Plan.Force;
  const pending = await deleteRegistrations(deps.pcaConnectorAd, input.Plan.Registrations);
  // The directories wait until no registration is left (DeleteDirectory would be refused).
  for (const id of pending.length > 0 ? [] : input.Plan.Directories) {
    const stage = await stageOf(ds, id);
    const step = directoryDeletionStep(stage, force);
    if (step === 'gone') continue;
    if (step === 'wait') {
      pending.push(`directory ${id} is ${stage ?? ''}`);
      continue;
    }
    try {
      await withDirectoryServiceErrors(() => ds.send(new DeleteDirectoryCommand({ DirectoryId: id })));
      logger.info('Directory deletion started', { directoryId: id, stage });
      pending.push(`directory ${id} is Deleting`);
    } catch (error) {
      if (notFound(error)) {
        const listed = await listedStage(ds, id);
        if (listed === undefined || listed === 'Deleted') continue;
        logger.warn('A delete answered not found, but the resource is still listed: deleted again at the next poll', { directoryId: id, stage: listed });
        pending.push(`directory ${id} is ${listed} (DeleteDirectory answered EntityDoesNotExistException, yet it is still listed)`);
        continue;
      }
      const refusedWhileCreating = named(error, 'ClientException') && DIRECTORY_PENDING.includes(stage ?? '') && !AUTHORIZED_APPLICATIONS_MESSAGE.test((error as Error).message);
      if (!refusedWhileCreating) throw classifyDeleteDirectoryError(error);
      // Force on a directory still being created: Directory Service may refuse until it settles; wait for that.
      logger.warn('DeleteDirectory refused while the directory is being created: waiting for it to settle', { directoryId: id, stage });
      pending.push(`directory ${id} is ${stage ?? ''} (DeleteDirectory refused it while it is being created: ${(error as Error).message})`);
    }
  }
  return afterDeletionPoll(input.Plan, 'directory', pending, deps.now());
};

export const handler = wrapHandler(deleteDirectoriesCore, 'DeleteDirectories');
