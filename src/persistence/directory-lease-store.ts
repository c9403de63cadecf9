/**
 * Where the directory creation leases are kept: a DynamoDB table (CoordinationTable in serverless.yml, key `pk`,
 * TTL attribute `expiresAt`). The rules (key, lease length, when a failed create may release) are pure and live in
 * src/domain/directory-lease.ts; this adapter only turns them into conditional writes.
 */
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { epochSeconds, leaseItem, leaseKey } from '../domain/directory-lease.ts';
import type { DirectoryIdentity, LeaseItem } from '../domain/directory-lease.ts';
import { DirectoryCreationInProgressError } from '../domain/errors.ts';
import { logger } from '../lib/logger.ts';

/**
 * Acquire when nobody holds the key, the holder's lease has lapsed, or the holder is this execution (a Step Functions
 * retry or redrive after a lost response re-acquires its own lease).
 */
export const ACQUIRE_CONDITION = 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :me';

/** Release only a lease this execution holds (never another execution's). */
export const RELEASE_CONDITION = '#owner = :me';

export interface DirectoryLeaseStore {
  /** Takes the lease on `identity` for `owner`; DirectoryCreationInProgressError when another execution holds it. */
  acquire(identity: DirectoryIdentity, owner: string, now: Date): Promise<LeaseItem>;
  /** Deletes `owner`'s lease. Never throws: a lease that cannot be released lapses by itself. */
  release(identity: DirectoryIdentity, owner: string): Promise<void>;
}

export class DynamoDbDirectoryLeaseStore implements DirectoryLeaseStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async acquire(identity: DirectoryIdentity, owner: string, now: Date): Promise<LeaseItem> {
    const item = leaseItem(identity, owner, now);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { pk: { S: item.pk }, owner: { S: item.owner }, expiresAt: { N: String(item.expiresAt) } },
          ConditionExpression: ACQUIRE_CONDITION,
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':now': { N: String(epochSeconds(now)) }, ':me': { S: item.owner } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      const old = (err as { Item?: Record<string, { S?: string; N?: string }> }).Item;
      const holder = old?.['owner']?.S ?? 'another execution';
      const until = old?.['expiresAt']?.N;
      throw new DirectoryCreationInProgressError(
        `Another execution (${holder}) is creating directory ${identity.Name} in ${identity.VpcId}` +
          `${until ? ` (lease until ${new Date(Number(until) * 1000).toISOString()})` : ''}; retried until it appears, then adopted`,
      );
    }
    logger.info('Directory creation lease acquired', { leaseKey: item.pk, expiresAt: item.expiresAt });
    return item;
  }

  async release(identity: DirectoryIdentity, owner: string): Promise<void> {
    const pk = leaseKey(identity);
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: pk } },
          ConditionExpression: RELEASE_CONDITION,
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':me': { S: owner } },
        }),
      );
      logger.info('Directory creation lease released (the create certainly failed)', { leaseKey: pk });
    } catch (err) {
      logger.warn('Could not release the directory creation lease; it lapses by itself', { leaseKey: pk, error: (err as Error).name });
    }
  }
}
