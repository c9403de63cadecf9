/**
 * ResolveGroups: the SID of every group an access entry names by GroupName, through Directory Service Data (its
 * access is Enabled by now). DescribeGroup for each name (case-insensitive, once per group); when some group is
 * missing and no entry naming it says `"CreateGroup": true`, GroupNotFoundError names them all before anything is
 * created. Then CreateGroup (a global security group, ClientToken from the execution ARN and the name) for the
 * missing ones an entry asks to create: found first, so a rerun, a redrive or a retry after a lost response never
 * creates one twice; a ConflictException means it exists, so it is read again. Two entries of one template that name
 * the same group (a name and its SID) are refused here, before any template exists.
 */
import type { DirectoryServiceDataClient } from '../aws/directory-service-data-sdk.ts';
import { CreateGroupCommand, DescribeGroupCommand } from '../aws/directory-service-data-sdk.ts';
import type { GroupsState, ResolveGroupsInput, ResolvedGroup } from '../contract.ts';
import { directoryServiceData } from '../aws/clients.ts';
import { stepClientToken } from '../domain/client-token.ts';
import { DirectoryDataDisabledError, GroupNotFoundError, InvalidRequestError } from '../domain/errors.ts';
import { groupKey, groupsNotFoundMessage, groupsToResolve, isDataDisabled, sameGroupViolations } from '../domain/groups.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface ResolveGroupsDeps {
  directoryServiceData: DirectoryServiceDataClient;
}

const defaultDeps = (): ResolveGroupsDeps => ({ directoryServiceData: directoryServiceData() });

const named = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/** One Directory Service Data call; DATA_DISABLED becomes DirectoryDataDisabledError (retried briefly, then caught). */
const call = async <T>(directoryId: string, send: () => Promise<T>): Promise<T> => {
  try {
    return await send();
  } catch (error) {
    if (!isDataDisabled(error)) throw error;
    const disabled = new DirectoryDataDisabledError(`Directory Data access of directory ${directoryId} is off (DATA_DISABLED): ${(error as Error).message}`);
    disabled.cause = error;
    throw disabled;
  }
};

/** The group's SID (DescribeGroup; ResourceNotFoundException when the directory has no group of that name). */
const describe = async (client: DirectoryServiceDataClient, directoryId: string, name: string): Promise<string> => {
  const out = await call(directoryId, () => client.send(new DescribeGroupCommand({ DirectoryId: directoryId, SAMAccountName: name })));
  if (!out.SID) throw new Error(`DescribeGroup returned no SID for ${name} in ${directoryId}`);
  return out.SID;
};

/** The group's SID, or undefined when the directory has no group of that name. */
const find = async (client: DirectoryServiceDataClient, directoryId: string, name: string): Promise<string | undefined> => {
  try {
    return await describe(client, directoryId, name);
  } catch (error) {
    if (named(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
};

/** Creates the group; one that exists already (ConflictException) is read instead. */
const create = async (client: DirectoryServiceDataClient, input: ResolveGroupsInput, name: string): Promise<{ sid: string; created: boolean }> => {
  try {
    const out = await call(input.DirectoryId, () =>
      client.send(
        new CreateGroupCommand({
          DirectoryId: input.DirectoryId,
          SAMAccountName: name,
          GroupType: 'Security',
          GroupScope: 'Global',
          ClientToken: stepClientToken(input.ExecutionId, 'CreateGroup', groupKey(name)),
        }),
      ),
    );
    if (!out.SID) throw new Error(`CreateGroup returned no SID for ${name} in ${input.DirectoryId}`);
    logger.info('Group created', { directoryId: input.DirectoryId, groupName: name, sid: out.SID });
    return { sid: out.SID, created: true };
  } catch (error) {
    if (!named(error, 'ConflictException')) throw error;
    // It exists (created meanwhile): its SID, or ResourceNotFoundException while it is not readable yet (retried).
    return { sid: await describe(client, input.DirectoryId, name), created: false };
  }
};

export const resolveGroupsCore = async (input: ResolveGroupsInput, deps: ResolveGroupsDeps = defaultDeps()): Promise<GroupsState> => {
  const client = deps.directoryServiceData;
  const templates = input.Connector.Templates ?? [];
  const wanted = groupsToResolve(templates);
  const found = new Map<string, string>();
  for (const g of wanted) {
    const sid = await find(client, input.DirectoryId, g.GroupName);
    if (sid !== undefined) found.set(groupKey(g.GroupName), sid);
  }
  const missing = wanted.filter((g) => !found.has(groupKey(g.GroupName)));
  const notFound = missing.filter((g) => !g.CreateGroup).map((g) => g.GroupName);
  if (notFound.length > 0) throw new GroupNotFoundError(groupsNotFoundMessage(notFound, templates, input.DirectoryId));
  // A group still to be created cannot have the SID of another entry: the existing ones decide.
  const violations = sameGroupViolations(templates, (name) => found.get(groupKey(name)));
  if (violations.length > 0) throw new InvalidRequestError(violations);

  const groups: ResolvedGroup[] = [];
  for (const g of wanted) {
    const sid = found.get(groupKey(g.GroupName));
    if (sid !== undefined) {
      groups.push({ GroupName: g.GroupName, SID: sid, Created: false });
      continue;
    }
    const made = await create(client, input, g.GroupName);
    groups.push({ GroupName: g.GroupName, SID: made.sid, Created: made.created });
  }
  logger.info('Groups resolved', { directoryId: input.DirectoryId, groups: groups.length, created: groups.filter((g) => g.Created).length });
  return { Groups: groups };
};

export const handler = wrapHandler(resolveGroupsCore, 'ResolveGroups');
