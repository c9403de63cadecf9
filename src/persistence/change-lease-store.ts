/**
 * Where the change leases are kept: the coordination table (CoordinationTable in serverless.yml, key `pk`), one item
 * per directory identity naming the execution that holds it. The rules are in src/domain/change-lease.ts; this
 * adapter turns them into conditional writes. Taking over compares and swaps the holder it saw not running, so two
 * executions taking over the same stale lease at once cannot both succeed. One function per use, so a function's
 * bundle (and so its IAM) holds only the calls it makes.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { changeLeaseItem, changeLeaseKey, concurrentChangeMessage, isActiveStatus } from '../domain/change-lease.ts';
import type { ChangeLeaseItem, LeaseHolder } from '../domain/change-lease.ts';
import type { DirectoryIdentity } from '../domain/directory-lease.ts';
import { ConcurrentChangeError } from '../domain/errors.ts';
import { logger } from '../lib/logger.ts';

/** The status of an execution (DescribeExecution), undefined when Step Functions no longer knows it. */
export type ExecutionStatusReader = (executionArn: string) => Promise<string | undefined>;

/** Take when nobody holds it or this execution already does (a retry of the step). */
export const TAKE_CONDITION = 'attribute_not_exists(pk) OR #owner = :me';
/** Take over from the holder that was seen not running, only if it still is that holder. */
export const TAKE_OVER_CONDITION = '#owner = :stale';
/** Release only a lease this execution holds. */
export const RELEASE_CONDITION = '#owner = :me';

/** How many times a take-over that loses to another take-over looks again before giving up. */
const TAKE_ATTEMPTS = 3;

export interface Acquired {
  item: ChangeLeaseItem;
  /** The holder it took over from (no longer running), if any. */
  takenOver?: LeaseHolder;
}

/** The coordination table, as the functions below reach it. */
export interface LeaseTable {
  client: DynamoDBClient;
  tableName: string;
}

type Wire = Record<string, { S?: string; N?: string }>;

/** A conditional PutItem of the lease item: 'taken', or the item that failed the condition (`{}` when none). */
const put = async (t: LeaseTable, item: ChangeLeaseItem, condition: string, values: Record<string, string>): Promise<Wire | 'taken'> => {
  try {
    await t.client.send(
      new PutItemCommand({
        TableName: t.tableName,
        Item: { pk: { S: item.pk }, owner: { S: item.owner }, takenAt: { S: item.takenAt }, expiresAt: { N: String(item.expiresAt) } },
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { S: v }])),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'taken';
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    return (err as { Item?: Wire }).Item ?? {};
  }
};

/**
 * Takes the lease of `identity` for `owner`: free, already its own, or held by an execution that is no longer
 * running. ConcurrentChangeError when a running (or redrive-pending) execution holds it.
 */
export const acquireChangeLease = async (
  t: LeaseTable,
  statusOf: ExecutionStatusReader,
  identity: DirectoryIdentity,
  owner: string,
  now: Date,
): Promise<Acquired> => {
  const item = changeLeaseItem(identity, owner, now);
  let holder: LeaseHolder = { executionArn: 'another execution' };
  for (let attempt = 0; attempt < TAKE_ATTEMPTS; attempt += 1) {
    const first = await put(t, item, TAKE_CONDITION, { ':me': owner });
    if (first === 'taken') {
      logger.info('Change lease taken', { leaseKey: item.pk });
      return { item };
    }
    const stale = first['owner']?.S;
    if (stale === undefined) continue; // released in between: take it again
    holder = { executionArn: stale, status: await statusOf(stale) };
    if (isActiveStatus(holder.status)) throw new ConcurrentChangeError(concurrentChangeMessage(identity, holder));
    if ((await put(t, item, TAKE_OVER_CONDITION, { ':stale': stale })) === 'taken') {
      logger.info('Change lease taken over from an execution that is no longer running', { leaseKey: item.pk, holder: stale, holderStatus: holder.status ?? 'unknown' });
      return { item, takenOver: holder };
    }
  }
  throw new ConcurrentChangeError(concurrentChangeMessage(identity, holder));
};

/** Deletes `owner`'s lease; a lease another execution took over stays. Never throws: a stale lease is taken over. */
export const releaseChangeLease = async (t: LeaseTable, identity: DirectoryIdentity, owner: string): Promise<boolean> => {
  const pk = changeLeaseKey(identity);
  try {
    await t.client.send(
      new DeleteItemCommand({
        TableName: t.tableName,
        Key: { pk: { S: pk } },
        ConditionExpression: RELEASE_CONDITION,
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':me': { S: owner } },
      }),
    );
    logger.info('Change lease released', { leaseKey: pk });
    return true;
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') {
      logger.warn('Could not release the change lease; the next change takes it over', { leaseKey: pk, error: (err as Error).name });
    }
    return false;
  }
};

/** The execution changing the directory now (holding the lease and running), if any: what the API answers 409 with. */
export const runningLeaseHolder = async (t: LeaseTable, statusOf: ExecutionStatusReader, identity: DirectoryIdentity): Promise<LeaseHolder | undefined> => {
  const res = await t.client.send(new GetItemCommand({ TableName: t.tableName, Key: { pk: { S: changeLeaseKey(identity) } }, ConsistentRead: true }));
  const owner = (res.Item as Wire | undefined)?.['owner']?.S;
  if (owner === undefined) return undefined;
  const status = await statusOf(owner);
  return isActiveStatus(status) ? { executionArn: owner, status } : undefined;
};
