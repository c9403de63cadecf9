/**
 * CreateDirectory: find-or-create. Directory Service CreateDirectory has no idempotency token, so first look for a
 * directory an earlier attempt started (same Name, same VPC, not Deleting/Deleted) and adopt it if it matches the
 * request (DirectoryConflictError otherwise: src/domain/find-or-create.ts), adding the request's tags it lacks
 * (AddTagsToResource: the plan's `update` of a directory, src/domain/diff.ts); otherwise read and
 * check the admin password from Secrets Manager, take the creation lease (a short DynamoDB lease per Name + VPC:
 * src/domain/directory-lease.ts, src/persistence/directory-lease-store.ts), look once more and create a Simple AD (CreateDirectory, the seed), an AWS Managed
 * Microsoft AD (CreateMicrosoftAD) or an AD Connector (ConnectDirectory). A create that certainly failed (rejected or throttled) releases the lease at once.
 * The password lives only inside this function: it is never logged, returned or put in an error.
 *
 * The lease closes the race between two DIFFERENT executions for the same request (an event and an API call): both
 * miss in DescribeDirectories, only one gets the lease; the other fails with DirectoryCreationInProgressError, which
 * Step Functions retries until the directory is listed and adopted (or the lease of a crashed holder lapsed).
 */
import { AddTagsToResourceCommand, ConnectDirectoryCommand, CreateDirectoryCommand, CreateMicrosoftADCommand } from '@aws-sdk/client-directory-service';
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { CreateDirectoryInput, DirectoryPollState, DirectoryRequest, DirectoryType } from '../contract.ts';
import { DirectoryConflictError, InvalidRequestError } from '../domain/errors.ts';
import { directoryService, directoryServiceCreate, dynamoDb, secretsManager } from '../aws/clients.ts';
import { describeAllDirectories, directoryTags as tagsOf } from '../aws/directory-service-lists.ts';
import { createCertainlyFailed } from '../domain/directory-lease.ts';
import { withDirectoryServiceErrors } from '../domain/ds-errors.ts';
import { DEFAULT_EDITION, DEFAULT_SIZE, adoptableDirectories, adoptionWarnings, chooseDirectory, directoryWanted } from '../domain/find-or-create.ts';
import type { DirectoryCandidate } from '../domain/find-or-create.ts';
import { extractPassword } from '../domain/password.ts';
import { secretUnreadable, servicePasswordProblem } from '../domain/preflight.ts';
import { startWait } from '../domain/polling.ts';
import { tagsToApply } from '../domain/diff.ts';
import { directoryTags } from '../domain/tags.ts';
import { now as clockNow } from '../lib/clock.ts';
import { coordinationTableName } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';
import { DynamoDbDirectoryLeaseStore } from '../persistence/directory-lease-store.ts';
import type { DirectoryLeaseStore } from '../persistence/directory-lease-store.ts';

export interface CreateDirectoryDeps {
  /** Reads (DescribeDirectories, ListTagsForResource): SDK retries are fine. */
  directoryService: DirectoryServiceClient;
  /** CreateDirectory / CreateMicrosoftAD: a client without SDK retries (see src/aws/clients.ts). */
  directoryServiceCreate: DirectoryServiceClient;
  secretsManager: SecretsManagerClient;
  /** The creation lease (DynamoDB conditional PutItem / DeleteItem). */
  leases: DirectoryLeaseStore;
  now: () => Date;
}

const defaultDeps = (): CreateDirectoryDeps => ({
  directoryService: directoryService(),
  directoryServiceCreate: directoryServiceCreate(),
  secretsManager: secretsManager(),
  leases: new DynamoDbDirectoryLeaseStore(dynamoDb(), coordinationTableName()),
  now: clockNow,
});

/** The admin (AD Connector: service account) password, checked; failures name the rule, never the value. */
const readPassword = async (sm: SecretsManagerClient, SecretId: string, type: DirectoryType): Promise<string> => {
  let out;
  try {
    out = await sm.send(new GetSecretValueCommand({ SecretId }));
  } catch (err) {
    // Unreadable since the validation (its key policy changed, it was scheduled for deletion): the caller's to fix.
    const name = err instanceof Error ? err.name : '';
    if (name === 'DecryptionFailure' || name === 'InvalidRequestException') {
      throw new InvalidRequestError([{ path: 'Directory.PasswordSecretId', message: secretUnreadable(name) }]);
    }
    throw err;
  }
  const extracted = extractPassword(out.SecretString);
  if (!extracted.ok) throw new InvalidRequestError([{ path: 'Directory.PasswordSecretId', message: extracted.message }]);
  const problem = servicePasswordProblem(type, extracted.password);
  if (problem) throw new InvalidRequestError([{ path: 'Directory.PasswordSecretId', message: problem }]);
  return extracted.password;
};

/** The CreateDirectory / CreateMicrosoftAD request fields shared by both (Description omitted when empty). */
const commonFields = (d: DirectoryRequest) => ({
  Name: d.Name,
  ...(d.ShortName ? { ShortName: d.ShortName } : {}),
  ...(d.Description ? { Description: d.Description } : {}),
  VpcSettings: { VpcId: d.VpcSettings.VpcId, SubnetIds: [...d.VpcSettings.SubnetIds] },
});

/** ConnectDirectory's fields: the VPC side and the on-premises side together as ConnectSettings. */
const connectFields = (d: DirectoryRequest) => {
  const { VpcSettings: vpc, ...fields } = commonFields(d);
  return {
    ...fields,
    ConnectSettings: {
      ...vpc,
      CustomerDnsIps: [...(d.ConnectSettings?.CustomerDnsIps ?? [])],
      CustomerUserName: d.ConnectSettings?.CustomerUserName ?? '',
    },
  };
};

/** The directory to adopt (same Name any case, same VPC, matching the request), or undefined; throws DirectoryConflictError. */
const findAdoptable = async (input: CreateDirectoryInput, ds: DirectoryServiceClient): Promise<{ existing?: DirectoryCandidate; candidates: number }> => {
  const matches = adoptableDirectories(await describeAllDirectories(ds), directoryWanted(input));
  let tagsById = new Map<string, Record<string, string>>();
  if (matches.length > 1) {
    const ids = matches.flatMap((m) => (m.DirectoryId ? [m.DirectoryId] : []));
    tagsById = new Map(await Promise.all(ids.map(async (id) => [id, await tagsOf(ds, id)] as const)));
  }
  const existing = chooseDirectory(matches, tagsById, input.ExecutionId);
  return { ...(existing?.DirectoryId ? { existing } : {}), candidates: matches.length };
};

/**
 * The request's tags the adopted directory lacks or has with another value, added (AddTagsToResource); the others it
 * has stay. Never this tool's ownership tags: an adopted directory someone else created stays theirs. Its tags after.
 */
const applyRequestedTags = async (ds: DirectoryServiceClient, directoryId: string, requested: DirectoryRequest['Tags']): Promise<Record<string, string>> => {
  const have = await tagsOf(ds, directoryId);
  const add = tagsToApply(Object.fromEntries((requested ?? []).map((t) => [t.Key, t.Value])), have);
  if (Object.keys(add).length === 0) return have;
  const Tags = Object.entries(add).map(([Key, Value]) => ({ Key, Value }));
  await withDirectoryServiceErrors(() => ds.send(new AddTagsToResourceCommand({ ResourceId: directoryId, Tags })));
  logger.info('Directory tags added', { directoryId, keys: Object.keys(add) });
  return { ...have, ...add };
};

const adopt = async (input: CreateDirectoryInput, existing: DirectoryCandidate, candidates: number, ds: DirectoryServiceClient, now: Date): Promise<DirectoryPollState> => {
  const stage = existing.Stage ?? 'Requested';
  const since = existing.LaunchTime ? (now.getTime() - existing.LaunchTime.getTime()) / 1000 : undefined;
  logger.info('Adopting existing directory', { directoryId: existing.DirectoryId, stage, candidates, secondsSinceLaunch: since });
  const id = existing.DirectoryId ?? '';
  // Its tags only when the request asks for some (DescribeDirectories does not return them); those it lacks are added.
  const tags = input.Directory.Tags?.length ? await applyRequestedTags(ds, id, input.Directory.Tags) : {};
  const warnings = adoptionWarnings({ DirectoryId: id, Description: existing.Description }, tags, input.Directory);
  if (warnings.length > 0) logger.warn('Adopted directory differs from the request in what adoption does not change', { directoryId: id, warnings });
  // A fresh deadline for this execution: a rerun after a timeout gets the whole timeout again.
  return {
    DirectoryId: existing.DirectoryId ?? '',
    DirectoryType: input.DirectoryType,
    Adopted: true,
    Stage: stage,
    StageReason: existing.StageReason ?? null,
    Warnings: warnings,
    ...startWait(now, input.TimeoutSeconds),
  };
};

export const createDirectoryCore = async (
  input: CreateDirectoryInput,
  deps: CreateDirectoryDeps = defaultDeps(),
): Promise<DirectoryPollState> => {
  const d = input.Directory;
  const type = input.DirectoryType;
  const ds = deps.directoryService;

  // Adopting needs no lease: the directory exists.
  const found = await findAdoptable(input, ds);
  if (found.existing) return adopt(input, found.existing, found.candidates, ds, deps.now());

  // Read and check the password before taking the lease: a bad secret must not hold other executions back.
  const Password = await readPassword(deps.secretsManager, d.PasswordSecretId, type);
  const identity = { VpcId: d.VpcSettings.VpcId, Name: d.Name };
  await deps.leases.acquire(identity, input.ExecutionId, deps.now());
  // A holder may have just finished between our first look and the lease: look once more. A conflict there creates
  // nothing, so the lease is released at once.
  let again;
  try {
    again = await findAdoptable(input, ds);
  } catch (err) {
    if (err instanceof DirectoryConflictError) await deps.leases.release(identity, input.ExecutionId);
    throw err;
  }
  if (again.existing) return adopt(input, again.existing, again.candidates, ds, deps.now());

  const Tags = directoryTags(d.Tags, input.ExecutionId);
  const create = deps.directoryServiceCreate;
  let created;
  try {
    created = await withDirectoryServiceErrors(() => {
      if (type === 'MicrosoftAD') return create.send(new CreateMicrosoftADCommand({ ...commonFields(d), Edition: d.Edition ?? DEFAULT_EDITION, Password, Tags }));
      if (type === 'ADConnector') return create.send(new ConnectDirectoryCommand({ ...connectFields(d), Size: d.Size ?? DEFAULT_SIZE, Password, Tags }));
      return create.send(new CreateDirectoryCommand({ ...commonFields(d), Size: d.Size ?? DEFAULT_SIZE, Password, Tags }));
    });
  } catch (err) {
    if (createCertainlyFailed(err)) await deps.leases.release(identity, input.ExecutionId);
    throw err;
  }
  if (!created.DirectoryId) throw new Error('Directory Service returned no DirectoryId');
  logger.info('Directory creation started', { directoryId: created.DirectoryId, directoryType: type });
  return {
    DirectoryId: created.DirectoryId,
    DirectoryType: type,
    Adopted: false,
    Stage: 'Requested',
    StageReason: null,
    Warnings: [],
    ...startWait(deps.now(), input.TimeoutSeconds),
  };
};

export const handler = wrapHandler(createDirectoryCore, 'CreateDirectory');
