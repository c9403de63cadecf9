/**
 * The project's own errors. Each sets `name` to its class name, which Lambda reports as `errorType` and Step
 * Functions matches in Retry/Catch; the names are listed in src/workflow/catalog.ts.
 */
import type { FieldDifference } from '../contract.ts';

export type { FieldDifference } from '../contract.ts';

export interface Violation {
  /** Field path in the execution input, e.g. `Directory.VpcSettings.SubnetIds[1]`. */
  path: string;
  message: string;
}

/** Base class: every project error sets `this.name` to its class name (Lambda reports it as errorType). */
export abstract class ProvisioningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request breaks one or more documented constraints or preflight facts. Nothing was created. */
export class InvalidRequestError extends ProvisioningError {
  readonly violations: Violation[];
  /** `kind`: which request it is, for the message (a teardown's says so). */
  constructor(violations: Violation[], kind: 'provisioning' | 'teardown' = 'provisioning') {
    super(
      `Invalid ${kind} request (${violations.length} violation${violations.length === 1 ? '' : 's'}): ` +
        violations.map((v) => `${v.path}: ${v.message}`).join('; '),
    );
    this.violations = violations;
  }
}

/**
 * The CA's AWS RAM share with pca-connector-ad.amazonaws.com exists (or was just created) but its principal
 * association is not ASSOCIATED yet: the ShareCertificateAuthority Task's Retry tries again.
 */
export class ResourceShareNotReadyError extends ProvisioningError {}


/** `field: requested X, existing Y; …` */
export const formatDifferences = (differences: readonly FieldDifference[]): string =>
  differences.map((d) => `${d.field}: requested ${d.requested}, existing ${d.existing}`).join('; ');

/**
 * A directory with the same Name in the same VPC exists but differs from the request in an immutable attribute
 * (type, Size/Edition, ShortName, subnets): it is not adopted and nothing is created.
 */
export class DirectoryConflictError extends ProvisioningError {
  readonly differences: FieldDifference[];
  constructor(message: string, differences: FieldDifference[]) {
    super(message);
    this.differences = differences;
  }
}

/**
 * A live connector for the directory exists but differs from the request (CA, security groups): it is not adopted
 * and nothing is created.
 */
export class ConnectorConflictError extends ProvisioningError {
  readonly differences: FieldDifference[];
  constructor(message: string, differences: FieldDifference[]) {
    super(message);
    this.differences = differences;
  }
}

/**
 * The plan has conflicts: fields of existing resources only a replacement could change (src/domain/diff.ts). The
 * message names every one with its remedy; nothing was written.
 */
export class PlanConflictError extends ProvisioningError {
  readonly differences: FieldDifference[];
  constructor(message: string, differences: FieldDifference[]) {
    super(message);
    this.differences = differences;
  }
}

/** Directory Service ClientException whose message says it was throttled ("Rate exceeded"): retryable. */
export class DirectoryServiceThrottledError extends ProvisioningError {}

/**
 * Another execution holds the creation lease for this directory (same Name and VPC) and is creating it: retried
 * until the directory is listed (then adopted) or the holder's lease lapsed (then this execution creates it).
 */
export class DirectoryCreationInProgressError extends ProvisioningError {}

/**
 * Another execution holds the share creation lease for this CA and is sharing it: retried until its share is listed
 * (then adopted) or the holder's lease lapsed (then this execution creates the share).
 */
export class ResourceShareCreationInProgressError extends ProvisioningError {}

/**
 * The CA is shared with pca-connector-ad.amazonaws.com, but only by shares that grant another permission than
 * AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority: not adopted, nothing created.
 */
export class ResourceShareConflictError extends ProvisioningError {}

/** Every clientToken one attempt tried met a share that no longer exists (see src/domain/ca-share.ts). */
export class ResourceShareTokenExhaustedError extends ProvisioningError {}

/**
 * The directory is still being created (Requested, Creating, Created, …): not a failure. The poll Task's own Retry
 * polls again after the poll interval (src/workflow/retry-policies.ts), one state transition per poll.
 */
export class DirectoryNotReadyError extends ProvisioningError {}

/**
 * The directory reached a terminal stage (Failed, Impaired, …, or one this workflow does not know); the message
 * carries its StageReason. Named without the `Error` suffix: the name users see in the failed execution, the
 * completion event and the runbook is `DirectoryFailed`, as it was when a Choice state produced it.
 */
export class DirectoryFailed extends ProvisioningError {}

/** The directory did not become Active within the configured deadline. */
export class DirectoryActivationTimeoutError extends ProvisioningError {}

/** The connector is still CREATING: polled again by the Task's Retry, as DirectoryNotReadyError. */
export class ConnectorNotReadyError extends ProvisioningError {}

/** The connector reached FAILED or DELETING (or an unknown status); the message carries its StatusReason. */
export class ConnectorFailed extends ProvisioningError {}

/** The connector did not become ACTIVE within the configured deadline. */
export class ConnectorActivationTimeoutError extends ProvisioningError {}

/** The directory registration is still CREATING: polled again by the Task's Retry, as DirectoryNotReadyError. */
export class DirectoryRegistrationNotReadyError extends ProvisioningError {}

/** The directory registration reached FAILED or DELETING; the message carries its StatusReason (e.g. DIRECTORY_TYPE_NOT_SUPPORTED). */
export class DirectoryRegistrationFailed extends ProvisioningError {}

/** The directory registration did not become ACTIVE within the deadline. */
export class DirectoryRegistrationActivationTimeoutError extends ProvisioningError {}

/** The service principal name is still CREATING: polled again by the Task's Retry. */
export class ServicePrincipalNameNotReadyError extends ProvisioningError {}

/** The service principal name reached FAILED or DELETING; the message carries its StatusReason. */
export class ServicePrincipalNameFailed extends ProvisioningError {}

/** The service principal name did not become ACTIVE within the deadline. */
export class ServicePrincipalNameActivationTimeoutError extends ProvisioningError {}

/**
 * Directory Service Data access of the directory is not Enabled yet (Enabling, or Disabled or Disabling just after
 * the request to enable it): polled again by the Task's Retry, as DirectoryNotReadyError.
 */
export class DirectoryDataAccessNotReadyError extends ProvisioningError {}

/** Directory Service Data access of the directory ended Failed (or in a status this workflow does not know). */
export class DirectoryDataAccessFailed extends ProvisioningError {}

/** Directory Service Data access was still not Enabled at the deadline. */
export class DirectoryDataAccessTimeoutError extends ProvisioningError {}

/**
 * A Directory Service Data call answered AccessDeniedException with Reason DATA_DISABLED: access is off (still being
 * turned on, or turned off since). Retried briefly, then caught.
 */
export class DirectoryDataDisabledError extends ProvisioningError {}

/**
 * An access entry names a group by GroupName that the directory does not have, and no entry naming it says
 * `"CreateGroup": true`. Raised before any group or template is created; the message names every such group and the
 * directory.
 */
export class GroupNotFoundError extends ProvisioningError {}

/**
 * A template of the same Name exists on the connector with another definition, or an access control entry of the
 * same group with other rights: it is not adopted (the message lists the differing fields), and nothing is changed.
 */
export class TemplateConflictError extends ProvisioningError {}

/**
 * An AWS call failed at the transport level before any byte could have reached the service (connection refused, DNS
 * failure, host or network unreachable, connection timeout), on its only attempt: safe to resend as it is.
 */
export class TransportNotSentError extends ProvisioningError {}

/**
 * An AWS call failed at the transport level after the request may have reached the service (connection reset,
 * broken pipe, socket or request timeout, a response cut off or unparseable): the call may have taken effect, so a
 * retry must find what it did first (find-or-create, ClientToken).
 */
export class TransportMaybeSentError extends ProvisioningError {}

/**
 * Another execution (a provisioning, an update or a teardown of the same directory: same Name and VPC) holds the
 * directory's change lease and is still running: this one refuses before it changes anything.
 */
export class ConcurrentChangeError extends ProvisioningError {}
