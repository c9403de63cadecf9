/**
 * The teardown's own errors (src/workflow/catalog.ts, TEARDOWN_ROWS). Like every project error, `name` is the class
 * name, which Lambda reports as errorType and the teardown state machine matches in Retry/Catch.
 */
import { ProvisioningError } from './errors.ts';

/** A connector to delete is still CREATING (waited for first) or DELETING: polled again by the Task's Retry. */
export class ConnectorDeletionPendingError extends ProvisioningError {}

/** A connector was still there at the deletion deadline. */
export class ConnectorDeletionTimeoutError extends ProvisioningError {}

/** A directory to delete is still being created (waited for first) or Deleting: polled again by the Task's Retry. */
export class DirectoryDeletionPendingError extends ProvisioningError {}

/** A directory was still there at the deletion deadline. */
export class DirectoryDeletionTimeoutError extends ProvisioningError {}

/**
 * Directory Service refused DeleteDirectory with ClientException "Cannot delete the directory because it still has
 * authorized applications." (a directory registration, or its deregistration not yet propagated): retried for up to
 * 60 minutes (AWS: "wait 30 to 60 minutes before trying again"), then caught with the remedy.
 */
export class DirectoryHasAuthorizedApplicationsError extends ProvisioningError {}
