/**
 * The share creation lease: one execution at a time per CA creates its AWS RAM share (src/domain/ca-share.ts), on the
 * coordination table like the directory creation lease, for as long (LEASE_SECONDS: the Lambda maximum, so a lapsed
 * holder is certainly no longer running).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { shareLeaseKey } from '../domain/ca-share.ts';
import { LEASE_SECONDS, epochSeconds } from '../domain/directory-lease.ts';
import { ResourceShareCreationInProgressError } from '../domain/errors.ts';
import { logger } from '../lib/logger.ts';
import { DynamoDbLeaseTable, leaseUntil } from './lease-table.ts';

export interface ShareLeaseStore {
  /** Takes the lease on the CA's share for `owner`; ResourceShareCreationInProgressError when another execution holds it. */
  acquire(caArn: string, owner: string, now: Date): Promise<void>;
  /** Deletes `owner`'s lease if it holds it. Never throws: a lease that cannot be released lapses by itself. */
  release(caArn: string, owner: string): Promise<void>;
}

export class DynamoDbShareLeaseStore implements ShareLeaseStore {
  private readonly table: DynamoDbLeaseTable;

  constructor(client: DynamoDBClient, tableName: string) {
    this.table = new DynamoDbLeaseTable(client, tableName);
  }

  async acquire(caArn: string, owner: string, now: Date): Promise<void> {
    const item = { pk: shareLeaseKey(caArn), owner, expiresAt: epochSeconds(now) + LEASE_SECONDS };
    const holder = await this.table.acquire(item, now);
    if (holder) {
      throw new ResourceShareCreationInProgressError(
        `Another execution (${holder.owner}) is sharing ${caArn} with Connector for AD${leaseUntil(holder)}; retried until its share appears, then adopted`,
      );
    }
    logger.info('Share creation lease acquired', { leaseKey: item.pk, expiresAt: item.expiresAt });
  }

  async release(caArn: string, owner: string): Promise<void> {
    const pk = shareLeaseKey(caArn);
    const error = await this.table.release(pk, owner);
    if (error === undefined) logger.info('Share creation lease released', { leaseKey: pk });
    // ConditionalCheckFailedException: this execution does not hold it (any more).
    else if (error !== 'ConditionalCheckFailedException') logger.warn('Could not release the share creation lease; it lapses by itself', { leaseKey: pk, error });
  }
}
