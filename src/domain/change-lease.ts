/**
 * One change at a time per directory: the change lease. Every execution that changes a directory (a provisioning,
 * an update, a teardown; whichever trigger started it) takes the lease of the directory's identity (VPC + lowercased
 * Name, as the creation lease and adoption) before its first write and releases it at its end, so two of them never
 * run at once. Held for the whole execution, not for a fixed time: a holder that is no longer running (it failed,
 * was stopped, timed out, or its history is gone) no longer holds it, so the next execution takes it over after one
 * DescribeExecution. Pure: the key, the item and the rules; the store (src/persistence/change-lease-store.ts) makes
 * the calls.
 */
import { epochSeconds } from './directory-lease.ts';
import type { DirectoryIdentity } from './directory-lease.ts';

/** The coordination table key of a directory's change lease (the creation lease's is `dir#…`). */
export const changeLeaseKey = (identity: DirectoryIdentity): string => `change#${identity.VpcId}#${identity.Name.toLowerCase()}`;

/** Statuses of a holder that still holds the lease: running, or failed and about to run again (a redrive). */
export const ACTIVE_EXECUTION_STATUSES: readonly string[] = ['RUNNING', 'PENDING_REDRIVE'];

export const isActiveStatus = (status: string | undefined): boolean => status !== undefined && ACTIVE_EXECUTION_STATUSES.includes(status);

/**
 * The item's time to live, only so that leases of directories nobody changes again are swept: longer than any
 * execution holds one (the machines' TimeoutSeconds) and than the redrive window (14 days), after which a redriven
 * execution re-asserts its lease. The rules never read it: whether a lease is held is the holder's status.
 */
export const CHANGE_LEASE_TTL_SECONDS = 15 * 24 * 3600;

export interface ChangeLeaseItem {
  pk: string;
  /** The execution ARN holding the lease. */
  owner: string;
  /** When it was taken (ISO 8601). */
  takenAt: string;
  expiresAt: number;
}

export const changeLeaseItem = (identity: DirectoryIdentity, owner: string, now: Date): ChangeLeaseItem => ({
  pk: changeLeaseKey(identity),
  owner,
  takenAt: now.toISOString(),
  expiresAt: epochSeconds(now) + CHANGE_LEASE_TTL_SECONDS,
});

/** The holder of a lease as the API and the workflow report it. */
export interface LeaseHolder {
  executionArn: string;
  /** Its status from DescribeExecution; undefined when Step Functions no longer knows it. */
  status?: string;
}

/** The ConcurrentChangeError message: the directory, the holder and what to do. */
export const concurrentChangeMessage = (identity: DirectoryIdentity, holder: LeaseHolder): string =>
  `Another change of directory ${identity.Name} in ${identity.VpcId} is running: ${holder.executionArn} (${holder.status ?? 'RUNNING'}). ` +
  'Nothing was changed; start this again once that execution has ended.';
