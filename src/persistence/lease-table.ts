/**
 * Creation leases on the coordination table (CoordinationTable in serverless.yml, key `pk`, TTL attribute
 * `expiresAt`): a conditional PutItem takes a lease, a conditional DeleteItem gives it back. The leases of each kind
 * (their key and when to release) are in their own stores: directory-lease-store.ts, share-lease-store.ts.
 */
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { epochSeconds } from '../domain/directory-lease.ts';
import type { LeaseItem } from '../domain/directory-lease.ts';

/**
 * Acquire when nobody holds the key, the holder's lease has lapsed, or the holder is this execution (a Step Functions
 * retry or redrive after a lost response re-acquires its own lease).
 */
export const ACQUIRE_CONDITION = 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :me';

/** Release only a lease this execution holds (never another execution's). */
export const RELEASE_CONDITION = '#owner = :me';

/** Who holds a lease another execution asked for, and until when (epoch seconds), as far as the table says. */
export interface LeaseHolder {
  owner: string;
  until: number | undefined;
}

export class DynamoDbLeaseTable {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Puts `item` unless another execution holds its key: then that holder. */
  async acquire(item: LeaseItem, now: Date): Promise<LeaseHolder | undefined> {
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
      return undefined;
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      const old = (err as { Item?: Record<string, { S?: string; N?: string }> }).Item;
      const until = old?.['expiresAt']?.N;
      return { owner: old?.['owner']?.S ?? 'another execution', until: until === undefined ? undefined : Number(until) };
    }
  }

  /** Deletes `owner`'s lease on `pk`; when it could not (it lapses by itself then), the error's name. Never throws. */
  async release(pk: string, owner: string): Promise<string | undefined> {
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
      return undefined;
    } catch (err) {
      return (err as Error).name;
    }
  }
}

/** " (lease until <ISO time>)" for a holder's message, or nothing. */
export const leaseUntil = (holder: LeaseHolder): string =>
  holder.until === undefined ? '' : ` (lease until ${new Date(holder.until * 1000).toISOString()})`;
