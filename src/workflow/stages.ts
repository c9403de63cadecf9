/**
 * The directory stages and connector statuses the workflow distinguishes: the ASL's Choice states branch on them
 * (definition.ts) and the poll handlers' domain code (src/domain/polling.ts, find-or-create.ts) uses the same lists.
 */

/** Directory Service `Stage`: Active ends the wait. */
export const DIRECTORY_ACTIVE = 'Active';
/** Stages that mean "keep waiting". */
export const DIRECTORY_PENDING: readonly string[] = ['Requested', 'Creating', 'Created', 'Updating', 'Restoring'];
/** Stages that end the wait with DirectoryFailed. */
export const DIRECTORY_TERMINAL: readonly string[] = ['Failed', 'Impaired', 'Inoperable', 'RestoreFailed', 'Deleting', 'Deleted'];
/** Terminal stages of a directory on its way out: never adopted. */
export const DIRECTORY_GONE: readonly string[] = ['Deleting', 'Deleted'];

/** PCA Connector AD `Status`: ACTIVE ends the wait. */
export const CONNECTOR_ACTIVE = 'ACTIVE';
/** Statuses that mean "keep waiting". */
export const CONNECTOR_PENDING: readonly string[] = ['CREATING'];
/** Statuses that end the wait with ConnectorFailed. */
export const CONNECTOR_TERMINAL: readonly string[] = ['FAILED', 'DELETING'];
/** Connectors find-or-create may adopt. */
export const CONNECTOR_ADOPTABLE: readonly string[] = [...CONNECTOR_PENDING, CONNECTOR_ACTIVE];
