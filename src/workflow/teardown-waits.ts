/**
 * The teardown's waits: each delete Task deletes and then polls until its resources are gone, one attempt per poll;
 * its "still pending" error is retried by the `poll` retry group (retry-policies.ts), like the provisioning's
 * not-ready errors (waits.ts), and its deadline is written by DiscoverResources into the plan.
 */

/** The pending errors of the delete Tasks (polled again, logged at INFO, never a failure by themselves). */
export const DELETION_PENDING_ERRORS: readonly string[] = ['ConnectorDeletionPendingError', 'DirectoryDeletionPendingError'];

/** Seconds between two polls of a deletion (the provisioning's single interval before it had one per wait). */
export const DELETION_POLL_INTERVAL_SECONDS = 75;

/**
 * How long a deletion may take before the teardown gives up (no AWS figure is documented: CloudFormation's delete
 * handler of AWS::DirectoryService::SimpleAD allows 100 min, Terraform's 60 min; a connector's VPC endpoint goes in
 * minutes).
 */
export const CONNECTOR_DELETION_TIMEOUT_SECONDS = 30 * 60;
export const DIRECTORY_DELETION_TIMEOUT_SECONDS = 100 * 60;

/**
 * The longest wait of each delete Task's poll. The deadlines are absolute, from DiscoverResources: the directories'
 * is the connectors' plus the directory timeout, so however the time splits between the two Tasks, together they
 * wait at most the sum of these.
 */
export const TEARDOWN_LONGEST_WAITS = {
  DeleteConnectors: CONNECTOR_DELETION_TIMEOUT_SECONDS,
  DeleteDirectories: DIRECTORY_DELETION_TIMEOUT_SECONDS,
} as const;
