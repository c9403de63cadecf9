/**
 * Contract v1 of both state machines: the execution input, the per-step state documents, the Task inputs, the
 * completion events and (for the teardown) the execution output. The provisioning's come first, then the teardown's.
 * Field names follow the AWS APIs (Directory Service CreateDirectory/CreateMicrosoftAD, PCA Connector AD
 * CreateConnector) so users can copy from the API docs. The admin password is never part of any of these:
 * the request carries a Secrets Manager reference (`PasswordSecretId`).
 */

/** What CreateDirectory can create: ADConnector connects to an on-premises domain (Directory Service ConnectDirectory). */
export type DirectoryType = 'SimpleAD' | 'MicrosoftAD' | 'ADConnector';
/** A directory's type as Directory Service reports it (DescribeDirectories `Type`), for one named by DirectoryId. */
export type ExistingDirectoryType = DirectoryType;
export type DirectorySize = 'Small' | 'Large';
export type DirectoryEdition = 'Standard' | 'Enterprise';

export interface DirectoryTag {
  Key: string;
  Value: string;
}

export interface DirectoryRequest {
  /** Defaults to SimpleAD (the seed API). */
  Type?: DirectoryType;
  Name: string;
  ShortName?: string;
  Description?: string;
  /** SimpleAD and ADConnector only (required there). */
  Size?: DirectorySize;
  /** MicrosoftAD only (defaults to Enterprise, as AWS does). */
  Edition?: DirectoryEdition;
  /**
   * Secrets Manager secret id or ARN holding the admin password (raw string, or JSON with a `password` key); for
   * ADConnector, the on-premises service account's password.
   */
  PasswordSecretId: string;
  /** The VPC side, for every type (ConnectDirectory's ConnectSettings.VpcId/SubnetIds for ADConnector). */
  VpcSettings: { VpcId: string; SubnetIds: string[] };
  /** ADConnector only (required there): the on-premises side of ConnectDirectory's ConnectSettings. */
  ConnectSettings?: { CustomerDnsIps: string[]; CustomerUserName: string };
  Tags?: DirectoryTag[];
}

/**
 * An existing directory, by id: AWS Managed Microsoft AD or AD Connector, Active. Nothing is created for it, no
 * password is asked for, and the teardown never deletes it.
 */
export interface ExistingDirectoryRequest {
  DirectoryId: string;
}

/** Whether the request names an existing directory rather than one to create. */
export const isExistingDirectory = (d: DirectoryRequest | ExistingDirectoryRequest): d is ExistingDirectoryRequest =>
  Object.hasOwn(d, 'DirectoryId');

export type AccessRight = 'ALLOW' | 'DENY';

export interface AccessRights {
  Enroll?: AccessRight;
  AutoEnroll?: AccessRight;
}

/**
 * A group's rights on a template (CreateTemplateGroupAccessControlEntry, AWS field names). The group is named by
 * exactly one of `GroupName` (its sAMAccountName, resolved to its SID through Directory Service Data once the
 * directory exists) or `GroupSecurityIdentifier`.
 */
export interface AccessControlEntryRequest {
  /** The group's sAMAccountName, e.g. `Domain Computers` (case-insensitive, as in Active Directory). */
  GroupName?: string;
  /** The group's SID, e.g. S-1-5-21-…-515 (Domain Computers of an existing domain). */
  GroupSecurityIdentifier?: string;
  /** Required with GroupSecurityIdentifier; defaults to GroupName. */
  GroupDisplayName?: string;
  /** With GroupName only: create the group (global security group) when the directory has none of that name. */
  CreateGroup?: boolean;
  AccessRights: AccessRights;
}

/** A certificate template of the connector (CreateTemplate, AWS field names); Definition as the service model's. */
export interface TemplateRequest {
  Name: string;
  /** Exactly one of TemplateV2, TemplateV3, TemplateV4 (checked against the service model's shapes). */
  Definition: Record<string, unknown>;
  AccessControlEntries?: AccessControlEntryRequest[];
  /**
   * When this request changes the template's Definition: UpdateTemplate's ReenrollAllCertificateHolders (every
   * holder gets a new certificate; the major revision goes up). Default false. Not used when the template is created.
   */
  ReenrollAllCertificateHolders?: boolean;
}

/** An access entry as CreateTemplateGroupAccessControlEntry takes it: the group by SID, its display name set. */
export interface ResolvedAccessControlEntry {
  GroupDisplayName: string;
  GroupSecurityIdentifier: string;
  AccessRights: AccessRights;
}

/** A template whose access entries name their groups by SID. */
export interface ResolvedTemplateRequest {
  Name: string;
  Definition: Record<string, unknown>;
  AccessControlEntries?: ResolvedAccessControlEntry[];
  ReenrollAllCertificateHolders?: boolean;
}

export interface ConnectorRequest {
  CertificateAuthorityArn: string;
  VpcInformation: { IpAddressType?: 'IPV4' | 'DUALSTACK'; SecurityGroupIds: string[] };
  Tags?: Record<string, string>;
  /** Templates created on the connector, each with its group access control entries. */
  Templates?: TemplateRequest[];
  /**
   * true: this tool's own templates (and their access entries) on the connector that Templates no longer lists are
   * deleted, and so are the entries a listed template of this tool's no longer lists. Default false: they are kept
   * (`orphaned` in the plan).
   */
  PruneTemplates?: boolean;
}

export interface ProvisioningOptions {
  /** Total time to wait for the directory to become Active (default 60). */
  DirectoryTimeoutMinutes?: number;
  /** Total time to wait for the connector to become ACTIVE (default 30). */
  ConnectorTimeoutMinutes?: number;
}

/** The execution input. */
export interface ProvisioningRequest {
  /** The directory to create, or an existing one by DirectoryId. */
  Directory: DirectoryRequest | ExistingDirectoryRequest;
  /** Without it only the directory is created (required-absent for Simple AD, which Connector for AD does not support). */
  Connector?: ConnectorRequest;
  Options?: ProvisioningOptions;
}

/* ---------------- the plan: what a request changes (src/domain/diff.ts, docs/plan.md) ---------------- */

/** What the plan lists, in the order the workflow applies it. */
export type PlanResource =
  | 'ca-share'
  | 'directory'
  | 'directory-data-access'
  | 'group'
  | 'directory-registration'
  | 'connector'
  | 'service-principal-name'
  | 'template'
  | 'access-entry';

/**
 * What applying the request does to one resource: `create`; `keep` (exists and matches); `update` (changed in place);
 * `delete` (this tool's, no longer requested, with `PruneTemplates`); `orphaned` (the same without it: kept);
 * `conflict` (only a replacement could change it: the run refuses before any write); `warning` (differs, and no API
 * changes it: kept as it is, and said).
 */
export type PlanAction = 'create' | 'keep' | 'update' | 'delete' | 'orphaned' | 'conflict' | 'warning';

/** One field in which what exists differs from the request (a path of the request, e.g. `Directory.Edition`). */
export interface FieldDifference {
  field: string;
  requested: string;
  existing: string;
}

export interface PlanEntry {
  resource: PlanResource;
  /** Its AWS id once it exists (DirectoryId, ARN), else what the request names it by; templates by Name. */
  id: string;
  action: PlanAction;
  /** The differences behind an `update`, `conflict` or `warning`; empty otherwise. */
  fields: FieldDifference[];
  /** What to do about a `conflict`, `orphaned` or `warning`. */
  remedy?: string;
  /** Why a `keep` is kept whatever the request says (a directory named by DirectoryId). */
  reason?: string;
}

/**
 * The plan of one request against what exists: `npm start -- --plan --json`, `POST /provisionings?dryRun=true`, and
 * the PlanChanges Task's output (stored at `$.plan`). `warnings` are the request's (ValidateRequest's) and the plan's.
 */
export interface ChangePlan {
  plan: PlanEntry[];
  warnings: string[];
}

/** ValidateRequest output, stored at `$.validation`. Normalised so later states never read optional fields. */
export interface ValidationResult {
  DirectoryType: ExistingDirectoryType;
  /**
   * For a request by DirectoryId: the directory's state document (Active, found at validation), which the workflow
   * uses instead of creating and polling one; null when the request creates its directory.
   */
  ExistingDirectory: DirectoryPollState | null;
  /** Whether the request has a Connector: the workflow skips the connector states when it does not. */
  ConnectorRequested: boolean;
  /** Whether an access entry names its group by GroupName: the workflow then resolves the names in the directory. */
  GroupNamesRequested: boolean;
  Warnings: string[];
  DirectoryTimeoutSeconds: number;
  ConnectorTimeoutSeconds: number;
}

/**
 * The wait for a resource, set by its create step: the poll Task is retried with this same input, so the deadline
 * is an absolute time rather than a sum of waits.
 */
export interface WaitWindow {
  /** When this execution started waiting for the resource (ISO 8601): its creation, or its adoption. */
  WaitStartedAt: string;
  /** The poll that sees the resource still in progress at or after this time (ISO 8601) fails with a timeout error. */
  Deadline: string;
  /** Seconds from WaitStartedAt to the poll that saw the resource ready (0 until then). */
  ElapsedSeconds: number;
}

/** CreateDirectory output, stored at `$.directory`; GetDirectoryStage returns it again once the directory is Active. */
export interface DirectoryPollState extends WaitWindow {
  DirectoryId: string;
  DirectoryType: ExistingDirectoryType;
  /**
   * true when an existing directory was used: one the request names by DirectoryId, or one with the same Name in the
   * same VPC, not Deleting/Deleted, matching the request.
   */
  Adopted: boolean;
  Stage: string;
  StageReason: string | null;
  /**
   * What the request asks of an adopted directory that was not applied (a Description or Tags that differ), one
   * sentence each; empty when created or when nothing differs.
   */
  Warnings: string[];
}

/** CreateConnector output, stored at `$.connector`; GetConnectorStatus returns it again once the connector is ACTIVE. */
export interface ConnectorPollState extends WaitWindow {
  ConnectorArn: string;
  Adopted: boolean;
  Status: string;
  StatusReason: string | null;
}

/** CreateDirectoryRegistration output, stored at `$.registration`; GetDirectoryRegistrationStatus returns it once ACTIVE. */
export interface DirectoryRegistrationPollState extends WaitWindow {
  DirectoryRegistrationArn: string;
  Adopted: boolean;
  Status: string;
  StatusReason: string | null;
}

/** CreateServicePrincipalName output, stored at `$.spn`; GetServicePrincipalNameStatus returns it once ACTIVE. */
export interface ServicePrincipalNamePollState extends WaitWindow {
  DirectoryRegistrationArn: string;
  ConnectorArn: string;
  Adopted: boolean;
  Status: string;
  StatusReason: string | null;
}

/** One template CreateTemplates found or created, with its access control entries. */
export interface TemplateState {
  Name: string;
  TemplateArn: string;
  Adopted: boolean;
  /** true when this execution changed its Definition in place (UpdateTemplate). */
  Updated: boolean;
  /** Group SIDs of the entries this execution created (the others were found in place). */
  CreatedAccessControlEntries: string[];
  AdoptedAccessControlEntries: string[];
  /** Group SIDs of the entries whose rights or display name this execution changed. */
  UpdatedAccessControlEntries: string[];
  /** Group SIDs of this tool's entries the request no longer lists, deleted (`PruneTemplates`). */
  DeletedAccessControlEntries: string[];
}

/** CreateTemplates output, stored at `$.templates`. */
export interface TemplatesState {
  /** The requested templates' ARNs, in the request's order. */
  TemplateArns: string[];
  Templates: TemplateState[];
  /** This tool's templates the request no longer lists, deleted (`PruneTemplates`). */
  DeletedTemplateArns: string[];
}

/**
 * EnableDirectoryDataAccess output, stored at `$.dataAccess`: Directory Service Data access of the directory (what
 * DescribeGroup and CreateGroup need); GetDirectoryDataAccessStatus returns it again once it is Enabled.
 */
export interface DirectoryDataAccessPollState extends WaitWindow {
  DirectoryId: string;
  /** DescribeDirectoryDataAccess' DataAccessStatus: Disabled, Enabling, Enabled, Disabling or Failed. */
  Status: string;
}

/** A group an access entry names by GroupName, with its SID in the directory. */
export interface ResolvedGroup {
  /** As the first entry naming it spells it (names are case-insensitive). */
  GroupName: string;
  SID: string;
  /** true when this step's CreateGroup made it ("CreateGroup": true and the directory had none of that name). */
  Created: boolean;
}

/** ResolveGroups output, stored at `$.groups` (an empty list when no entry names a group by GroupName). */
export interface GroupsState {
  Groups: ResolvedGroup[];
}

/** ShareCertificateAuthority output, stored at `$.share`: the AWS RAM share of the CA with Connector for AD. */
export interface CertificateAuthorityShareState {
  ResourceShareArn: string;
  /** true when this execution created the share (its execution tag): only such a share is this tool's to remove. */
  CreatedByThisExecution: boolean;
  /** The share's association with pca-connector-ad.amazonaws.com. */
  PrincipalAssociationStatus: 'ASSOCIATED';
}

/* ---- Lambda task inputs (built by each Task state's Parameters) ---- */

export interface ValidateRequestInput {
  ExecutionId: string;
  Request: unknown;
}
export interface PlanChangesInput {
  ExecutionId: string;
  /** The execution input (ValidateRequest has checked it). */
  Request: unknown;
  /** ValidateRequest's warnings, carried into the plan's. */
  Warnings: string[];
}
/** The dry-run function's input (`POST /provisionings?dryRun=true` invokes it with the request). */
export interface PlanProvisioningInput {
  Request: unknown;
}
export interface CreateDirectoryInput {
  ExecutionId: string;
  Directory: DirectoryRequest;
  DirectoryType: DirectoryType;
  TimeoutSeconds: number;
}
export interface GetDirectoryStageInput {
  ExecutionId: string;
  Directory: DirectoryPollState;
}
export interface ShareCertificateAuthorityInput {
  ExecutionId: string;
  CertificateAuthorityArn: string;
}
export interface CreateConnectorInput {
  ExecutionId: string;
  DirectoryId: string;
  Connector: ConnectorRequest;
  TimeoutSeconds: number;
}
export interface GetConnectorStatusInput {
  ExecutionId: string;
  Connector: ConnectorPollState;
}
export interface CreateDirectoryRegistrationInput {
  ExecutionId: string;
  DirectoryId: string;
  Connector: ConnectorRequest;
  TimeoutSeconds: number;
}
export interface GetDirectoryRegistrationStatusInput {
  ExecutionId: string;
  Registration: DirectoryRegistrationPollState;
}
export interface CreateServicePrincipalNameInput {
  ExecutionId: string;
  DirectoryRegistrationArn: string;
  ConnectorArn: string;
  TimeoutSeconds: number;
}
export interface GetServicePrincipalNameStatusInput {
  ExecutionId: string;
  ServicePrincipalName: ServicePrincipalNamePollState;
}
export interface EnableDirectoryDataAccessInput {
  ExecutionId: string;
  DirectoryId: string;
  TimeoutSeconds: number;
}
export interface GetDirectoryDataAccessStatusInput {
  ExecutionId: string;
  DataAccess: DirectoryDataAccessPollState;
}
export interface ResolveGroupsInput {
  ExecutionId: string;
  DirectoryId: string;
  Connector: ConnectorRequest;
}
export interface CreateTemplatesInput {
  ExecutionId: string;
  ConnectorArn: string;
  Connector: ConnectorRequest;
  /** The groups ResolveGroups resolved (empty when no entry names one by GroupName). */
  Groups: ResolvedGroup[];
}

/* ---- one change at a time per directory, and the provisioning record (both machines) ---- */

/** AcquireChangeLease / AcquireTeardownLease input: the execution input as it came (checked by the step before). */
export interface AcquireChangeLeaseInput {
  ExecutionId: string;
  Request: unknown;
}

/** AcquireChangeLease / AcquireTeardownLease output, stored at `$.lease`. */
export interface ChangeLeaseState {
  /** The provisioning record this execution is listed in (null: a teardown of a directory without a record). */
  ProvisioningId: string | null;
  Kind: 'provisioning' | 'update' | 'teardown' | null;
  /** The execution that held the lease and was no longer running, if it was taken over. */
  TakenOverFrom: string | null;
}

/** RecordProvisioning / RecordTeardown input: the request and the state the execution ends with. */
export interface RecordChangeInput {
  ExecutionId: string;
  Request: unknown;
  /** The execution output (success) or the state with the caught `error` (failure). */
  State: unknown;
}

export interface RecordChangeResult {
  /** false: the execution is not in a record (it ended before taking the change lease). */
  Recorded: boolean;
  ProvisioningId: string | null;
  LeaseReleased: boolean;
}

/** Tag put on every directory this tool creates, so a later execution can recognise its own. */
export const MANAGED_BY_TAG_KEY = 'ad-cert-orchestrator:managed-by';
export const MANAGED_BY_TAG_VALUE = 'ad-cert-orchestrator';
/** Tag carrying the execution ARN that created the resource (audit trail). */
export const EXECUTION_TAG_KEY = 'ad-cert-orchestrator:execution';
/**
 * Tag of a password secret `POST /provisionings` stored: the directory it is the admin password of (a hash of its
 * identity, src/api/password-secret.ts), so a request with another password for that directory is a conflict.
 */
export const DIRECTORY_TAG_KEY = 'ad-cert-orchestrator:directory';

/** EventBridge completion events. */
export const EVENT_SOURCE = 'ad-cert-orchestrator';
export const DETAIL_TYPE_SUCCEEDED = 'Provisioning Succeeded';
export const DETAIL_TYPE_FAILED = 'Provisioning Failed';
export const DETAIL_TYPE_REQUESTED = 'Provisioning Requested';
/** The `source` of request events (distinct from the completion events' `ad-cert-orchestrator`). */
export const REQUEST_EVENT_SOURCE = 'ad-cert-orchestrator.requests';

/* ---------------- the teardown (statemachine/teardown.asl.json) ---------------- */

/** The teardown's execution input: the provisioning request (checked by the same rules) and an optional `Force`. */
export interface TeardownRequest extends ProvisioningRequest {
  /** Delete what the request designates even without this tool's ownership tag (never a password secret of yours). */
  Force?: boolean;
}

export type TeardownResource =
  | 'template'
  | 'service-principal-name'
  | 'connector'
  | 'directory-registration'
  | 'directory'
  | 'password-secret';
export interface ResourceRef {
  Resource: TeardownResource;
  Id: string;
}
export interface KeptResource extends ResourceRef {
  Reason: string;
}

/** DiscoverResources' output, stored at `$.plan` and carried through the delete Tasks (each appends what it deleted). */
export interface TeardownPlan {
  Force: boolean;
  /** To delete, in this order: each template with its access entries, each SPN, the connectors (DeleteConnectors) … */
  Templates: string[];
  ServicePrincipalNames: { DirectoryRegistrationArn: string; ConnectorArn: string }[];
  Connectors: string[];
  /** … the directory registrations, then the directories (DeleteDirectories). */
  Registrations: string[];
  Directories: string[];
  PasswordSecret: string | null;
  Kept: KeptResource[];
  AlreadyGone: ResourceRef[];
  Deleted: ResourceRef[];
  /** Absolute deadlines of the two waits (ISO 8601), fixed here so a retried poll sees the same ones. */
  ConnectorDeadline: string;
  DirectoryDeadline: string;
}

/* ---- teardown Lambda task inputs ---- */

export interface DiscoverResourcesInput {
  ExecutionId: string;
  /** The execution input as it came (a TeardownRequest once DiscoverResources has checked it). */
  Request: unknown;
}
export interface DeleteStepInput {
  ExecutionId: string;
  Plan: TeardownPlan;
}

/** What a teardown did with each resource the request designates: in its output and in both completion events. */
export interface TeardownOutcome {
  Deleted: ResourceRef[];
  /** Found but not deleted, with the reason (not this tool's, or something kept still uses it). */
  Kept: KeptResource[];
  AlreadyGone: ResourceRef[];
}

/** The teardown's execution output (its RecordResult state). */
export interface TeardownRecord extends TeardownOutcome {
  ExecutionId: string;
  Force: boolean;
  /** false when the Deprovisioning Succeeded event could not be published (EventWarning says why). */
  EventPublished: boolean;
  EventWarning: string | null;
  StartedAt: string;
  FinishedAt: string;
}

/** A request event that starts the teardown (same bus and source as `Provisioning Requested`). */
export const DETAIL_TYPE_TEARDOWN_REQUESTED = 'Deprovisioning Requested';
/** EventBridge completion events of a teardown (same bus and source as the provisioning's). */
export const DETAIL_TYPE_TEARDOWN_SUCCEEDED = 'Deprovisioning Succeeded';
export const DETAIL_TYPE_TEARDOWN_FAILED = 'Deprovisioning Failed';
export interface TeardownSucceededDetail extends TeardownOutcome {
  ExecutionId: string;
}
/** On failure the lists say what was deleted before the failing step. */
export interface TeardownFailedDetail extends TeardownOutcome {
  ExecutionId: string;
  Error: string;
  Cause: string;
}
