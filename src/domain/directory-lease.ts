/**
 * The directory creation lease: a short lease around find-or-create's create step, so two DIFFERENT executions for
 * the same request (an event and an API call, a console "New execution" while the first runs) cannot both miss in
 * DescribeDirectories and both create. Pure: the key, the lease item and when a failed create may release it; the
 * store (src/persistence/directory-lease-store.ts) makes the calls.
 */

/**
 * 15 minutes: the Lambda maximum timeout (this function's is 30 s), so when a lease has expired its holder is
 * certainly no longer running (it created the directory, which is listed from then on, or it died before); far longer
 * than a create call (seconds), short enough that a crashed holder blocks the others only briefly (they retry).
 */
export const LEASE_SECONDS = 15 * 60;

/** What adoption matches on, and so what the lease is taken on. */
export interface DirectoryIdentity {
  VpcId: string;
  Name: string;
}

/** The lease key of a directory identity: adoption matches Name case-insensitively within one VPC, and so does the lease. */
export const leaseKey = (identity: DirectoryIdentity): string => `dir#${identity.VpcId}#${identity.Name.toLowerCase()}`;

export interface LeaseItem {
  pk: string;
  /** The execution ARN holding the lease. */
  owner: string;
  /** Epoch seconds when the lease lapses (also the table's TTL attribute, so stale items are swept). */
  expiresAt: number;
}

export const epochSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

export const leaseItem = (identity: DirectoryIdentity, owner: string, now: Date, leaseSeconds = LEASE_SECONDS): LeaseItem => ({
  pk: leaseKey(identity),
  owner,
  expiresAt: epochSeconds(now) + leaseSeconds,
});

/**
 * Whether a failed create call certainly created nothing, so the lease can be released at once and a corrected
 * rerun need not wait for it to lapse: Directory Service rejected the request (a client fault: limit, invalid
 * parameter, validation, unsupported, access) or throttled it. A server fault or a lost connection may have created
 * the directory: keep the lease then (a retry of this execution re-acquires it and adopts).
 */
export const createCertainlyFailed = (err: unknown): boolean => {
  const e = err as { name?: string; $fault?: string };
  return e.$fault === 'client' || e.name === 'DirectoryServiceThrottledError';
};
