/**
 * Where the directory creation leases are kept: the coordination table (src/persistence/lease-table.ts). The rules
 * (key, lease length, when a failed create may release) are pure and live in src/domain/directory-lease.ts; this
 * adapter only turns them into conditional writes.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { leaseItem, leaseKey } from '../domain/directory-lease.ts';
import type { DirectoryIdentity, LeaseItem } from '../domain/directory-lease.ts';
import { DirectoryCreationInProgressError } from '../domain/errors.ts';
import { logger } from '../lib/logger.ts';
import { DynamoDbLeaseTable, leaseUntil } from './lease-table.ts';

export { ACQUIRE_CONDITION, RELEASE_CONDITION } from './lease-table.ts';

export interface DirectoryLeaseStore {
  /** Takes the lease on `identity` for `owner`; DirectoryCreationInProgressError when another execution holds it. */
  acquire(identity: DirectoryIdentity, owner: string, now: Date): Promise<LeaseItem>;
  /** Deletes `owner`'s lease. Never throws: a lease that cannot be released lapses by itself. */
  release(identity: DirectoryIdentity, owner: string): Promise<void>;
}

export class DynamoDbDirectoryLeaseStore implements DirectoryLeaseStore {
  private readonly table: DynamoDbLeaseTable;

  constructor(client: DynamoDBClient, tableName: string) {
    this.table = new DynamoDbLeaseTable(client, tableName);
  }

  async acquire(identity: DirectoryIdentity, owner: string, now: Date): Promise<LeaseItem> {
    const item = leaseItem(identity, owner, now);
    const holder = await this.table.acquire(item, now);
    if (holder) {
      throw new DirectoryCreationInProgressError(
        `Another execution (${holder.owner}) is creating directory ${identity.Name} in ${identity.VpcId}${leaseUntil(holder)}; retried until it appears, then adopted`,
      );
    }
    logger.info('Directory creation lease acquired', { leaseKey: item.pk, expiresAt: item.expiresAt });
    return item;
  }

  async release(identity: DirectoryIdentity, owner: string): Promise<void> {
    const pk = leaseKey(identity);
    const error = await this.table.release(pk, owner);
    if (error === undefined) logger.info('Directory creation lease released (the create certainly failed)', { leaseKey: pk });
    else logger.warn('Could not release the directory creation lease; it lapses by itself', { leaseKey: pk, error });
  }
}
