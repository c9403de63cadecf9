/**
 * Retry timings: one retrier per group, in RETRY_GROUP_ORDER; every retried catalog row joins one group by rule
 * (retryGroupOf), so a new catalog row needs no change here.
 */
import { LAMBDA_TRANSIENT_ERRORS, TRANSPORT_ERRORS } from './catalog.ts';
import type { ErrorRow } from './catalog.ts';
import { DELETION_PENDING_ERRORS, DELETION_POLL_INTERVAL_SECONDS } from './teardown-waits.ts';
import { NOT_READY_ERRORS, WAITED_RESOURCES } from './waits.ts';

export type RetryGroup = 'lambda' | 'transport' | 'throttling' | 'server' | 'lease' | 'consistency' | 'poll' | 'deauthorization';

/** The longest deadline a request can set for any waited resource, in seconds. */
export const LONGEST_DEADLINE_SECONDS = Math.max(...WAITED_RESOURCES.map((w) => w.longestWaitSeconds));
/**
 * A poll retrier's MaxAttempts at `intervalSeconds`: a backstop only. The poll handler throws its timeout error at the
 * first poll past the deadline, which comes at most LONGEST_DEADLINE_SECONDS / intervalSeconds polls after the first;
 * the margin covers the rounding. Exhausting it leaves the not-ready error uncaught (redrive).
 */
export const pollMaxAttempts = (intervalSeconds: number): number => Math.ceil(LONGEST_DEADLINE_SECONDS / intervalSeconds) + 5;

/** How long the teardown keeps trying a DeleteDirectory refused for authorized applications, and how often. */
export const DEAUTHORIZATION_WAIT_SECONDS = 60 * 60;
export const DEAUTHORIZATION_INTERVAL_SECONDS = 60;

export interface RetryPolicy {
  IntervalSeconds: number;
  MaxAttempts: number;
  BackoffRate: number;
  MaxDelaySeconds: number;
  JitterStrategy: 'FULL' | 'NONE';
  Comment: string;
}

/**
 * One retrier per group, in this order. Wait before retry n ≈ min(IntervalSeconds * BackoffRate^(n-1), MaxDelay),
 * randomised by FULL jitter so concurrent executions do not retry in lock-step.
 */
export const RETRY_POLICIES: Record<RetryGroup, RetryPolicy> = {
  lambda: {
    IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL',
    Comment: 'Lambda service errors and task timeouts (transient)',
  },
  /**
   * TransportNotSentError / TransportMaybeSentError: waits 10, 20, 40, 60 s. No jitter on purpose: the first retry of
   * a maybe-sent create must come after the lost call has settled on the service side (the SDK gives up on a silent
   * socket after 8 s, src/aws/clients.ts), so that find-or-create sees what it created.
   */
  transport: {
    IntervalSeconds: 10, MaxAttempts: 4, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'NONE',
    Comment: 'Network failures of the handler\'s AWS calls: a few spaced retries; the retried step finds what a lost call did',
  },
  throttling: {
    IntervalSeconds: 5, MaxAttempts: 8, BackoffRate: 2, MaxDelaySeconds: 120, JitterStrategy: 'FULL',
    Comment: 'Throttling: back off long (up to ~8 min in total)',
  },
  server: {
    IntervalSeconds: 5, MaxAttempts: 5, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL',
    Comment: 'Service-side (5xx) and paging errors (transient)',
  },
  /**
   * DirectoryCreationInProgressError, ResourceShareCreationInProgressError: another execution holds the creation lease
   * (the directory's, or the CA share's). Waits 20, 30, 45, 67.5, 101.25,
   * then 120 s (capped) x7: the 12th retry comes ~1104 s (18.4 min) after the first refusal. A live holder's create
   * call returns within seconds (its Lambda times out at 30 s), so normally the 1st or 2nd retry adopts the directory;
   * a holder that crashed before creating leaves a 900 s lease (src/domain/directory-lease.ts), which has lapsed by
   * the 11th and 12th retries (~984 s and ~1104 s), so they take the lease and create. No jitter on purpose: FULL
   * jitter draws each wait from [0, nominal], which would make that bound a mere expectation; the contenders are the
   * few executions of one request, so retrying in step costs nothing.
   */
  lease: {
    IntervalSeconds: 20, MaxAttempts: 12, BackoffRate: 1.5, MaxDelaySeconds: 120, JitterStrategy: 'NONE',
    Comment: 'Another execution is creating the same directory or CA share: wait it out (outlasts a crashed holder\'s 15-min lease)',
  },
  consistency: {
    IntervalSeconds: 10, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'NONE',
    Comment: 'Eventual consistency right after a resource turns Active: a few retries, then caught',
  },
  /**
   * A resource is still being created or deleted: poll again after a fixed interval, the waited resource's own
   * (waits.ts pollIntervalSeconds, through pollPolicy) or, for a deletion, DELETION_POLL_INTERVAL_SECONDS. No backoff
   * (a fixed interval bounds the detection latency at any activation time) and no jitter (FULL jitter would make the
   * latency random and double the polls for the same bound).
   */
  poll: {
    IntervalSeconds: DELETION_POLL_INTERVAL_SECONDS,
    MaxAttempts: pollMaxAttempts(DELETION_POLL_INTERVAL_SECONDS),
    BackoffRate: 1,
    MaxDelaySeconds: DELETION_POLL_INTERVAL_SECONDS,
    JitterStrategy: 'NONE',
    Comment: 'The resource is still being created: poll again (one transition per poll) until ready, failed or past the deadline',
  },
  /**
   * DeleteDirectory refused because the directory still has authorized applications: after the directory
   * registration is gone, AWS advises to "wait 30 to 60 minutes before trying again" (Directory Service
   * Administration Guide, "Deleting your AWS Managed Microsoft AD"). Every minute for DEAUTHORIZATION_WAIT_SECONDS,
   * then caught.
   */
  deauthorization: {
    IntervalSeconds: DEAUTHORIZATION_INTERVAL_SECONDS,
    MaxAttempts: DEAUTHORIZATION_WAIT_SECONDS / DEAUTHORIZATION_INTERVAL_SECONDS,
    BackoffRate: 1,
    MaxDelaySeconds: DEAUTHORIZATION_INTERVAL_SECONDS,
    JitterStrategy: 'NONE',
    Comment: 'The directory still has authorized applications: try again every minute for up to 60 minutes (AWS: wait 30 to 60 minutes), then give up',
  },
};
export const RETRY_GROUP_ORDER: readonly RetryGroup[] = ['lambda', 'transport', 'throttling', 'server', 'lease', 'consistency', 'poll', 'deauthorization'];

const POLL_NAMES: ReadonlySet<string> = new Set([...NOT_READY_ERRORS, ...DELETION_PENDING_ERRORS]);

const LAMBDA_NAMES: ReadonlySet<string> = new Set(LAMBDA_TRANSIENT_ERRORS);
const TRANSPORT_NAMES: ReadonlySet<string> = new Set(TRANSPORT_ERRORS);
/** Another execution holds a creation lease (the directory's, the CA share's). */
const LEASE_NAMES: ReadonlySet<string> = new Set(['DirectoryCreationInProgressError', 'ResourceShareCreationInProgressError']);

/** The poll policy at `intervalSeconds` (the poll group's, backstop rescaled). */
export const pollPolicy = (intervalSeconds: number): RetryPolicy => ({
  ...RETRY_POLICIES.poll,
  IntervalSeconds: intervalSeconds,
  MaxAttempts: pollMaxAttempts(intervalSeconds),
  MaxDelaySeconds: intervalSeconds,
});

const WAITED_BY_NOT_READY: ReadonlyMap<string, number> = new Map(WAITED_RESOURCES.map((w) => [w.notReady, w.pollIntervalSeconds]));

/** The retry policy of a retried row: its group's, or for a waited resource's not-ready error, its own interval's. */
export function retryPolicyOf(row: ErrorRow): RetryPolicy {
  const group = retryGroupOf(row);
  const interval = group === 'poll' ? WAITED_BY_NOT_READY.get(row.name) : undefined;
  return interval === undefined ? RETRY_POLICIES[group] : pollPolicy(interval);
}

/** The retrier a retried row belongs to (rule-based, so a new catalog row needs no change here). */
export function retryGroupOf(row: ErrorRow): RetryGroup {
  if (row.handling === 'catch') throw new Error(`${row.state}/${row.name} is catch-only`);
  if (row.name === 'DirectoryHasAuthorizedApplicationsError') return 'deauthorization';
  if (row.handling === 'retry-then-catch') return 'consistency';
  if (LAMBDA_NAMES.has(row.name)) return 'lambda';
  if (POLL_NAMES.has(row.name)) return 'poll';
  if (TRANSPORT_NAMES.has(row.name)) return 'transport';
  if (LEASE_NAMES.has(row.name)) return 'lease';
  if (/Throttl|RequestLimitExceeded|TooManyRequests|RateExceeded|ProvisionedThroughputExceeded/i.test(row.name)) return 'throttling';
  return 'server';
}
