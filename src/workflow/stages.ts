/**
 * The directory stages and connector statuses the workflow distinguishes: what one poll decides
 * (src/domain/polling.ts: ready, in progress, anything else a failure) and what find-or-create adopts.
 */

/** Directory Service `Stage`: Active ends the wait. */
export const DIRECTORY_ACTIVE = 'Active';
/** Stages that mean "keep waiting". */
export const DIRECTORY_PENDING: readonly string[] = ['Requested', 'Creating', 'Created', 'Updating', 'Restoring'];
/** Terminal stages: the poll throws DirectoryFailed (so does any stage not listed here). */
export const DIRECTORY_TERMINAL: readonly string[] = ['Failed', 'Impaired', 'Inoperable', 'RestoreFailed', 'Deleting', 'Deleted'];
/** Terminal stages of a directory on its way out: never adopted. */
export const DIRECTORY_GONE: readonly string[] = ['Deleting', 'Deleted'];

/** PCA Connector AD `Status`: ACTIVE ends the wait. */
export const CONNECTOR_ACTIVE = 'ACTIVE';
/** Statuses that mean "keep waiting". */
export const CONNECTOR_PENDING: readonly string[] = ['CREATING'];
/** Terminal statuses: the poll throws ConnectorFailed (so does any status not listed here). */
export const CONNECTOR_TERMINAL: readonly string[] = ['FAILED', 'DELETING'];
/** Connectors find-or-create may adopt. */
export const CONNECTOR_ADOPTABLE: readonly string[] = [...CONNECTOR_PENDING, CONNECTOR_ACTIVE];

/** Directory Service `DataAccessStatus` (DescribeDirectoryDataAccess): Enabled ends the wait. */
export const DATA_ACCESS_ENABLED = 'Enabled';
/**
 * Statuses that mean "keep waiting": Enabling, and Disabled or Disabling, which a poll may still see just after the
 * request to enable (whether AWS reports Enabling at once is not documented); the deadline bounds them.
 */
export const DATA_ACCESS_PENDING: readonly string[] = ['Enabling', 'Disabled', 'Disabling'];
/** Statuses in which EnableDirectoryDataAccess is asked for: off, or failed before (asking again is the retry). */
export const DATA_ACCESS_TO_ENABLE: readonly string[] = ['Disabled', 'Failed'];
