/**
 * Shapes of the PCA Connector for AD API (2018-05-10) used by this project, written by hand from the service model
 * with the same names and optionality as `@aws-sdk/client-pca-connector-ad`: enums are const objects plus a union
 * type, members required by the model are `T | undefined` (not optional), the others `?: T | undefined`, timestamps
 * are `Date`.
 */

// ---------------------------------------------------------------------------------------------------------- enums

export const IpAddressType = {
  DUALSTACK: 'DUALSTACK',
  IPV4: 'IPV4',
} as const;
export type IpAddressType = (typeof IpAddressType)[keyof typeof IpAddressType];

export const ConnectorStatus = {
  ACTIVE: 'ACTIVE',
  CREATING: 'CREATING',
  DELETING: 'DELETING',
  FAILED: 'FAILED',
} as const;
export type ConnectorStatus = (typeof ConnectorStatus)[keyof typeof ConnectorStatus];

export const ConnectorStatusReason = {
  CA_CERTIFICATE_REGISTRATION_FAILED: 'CA_CERTIFICATE_REGISTRATION_FAILED',
  DIRECTORY_ACCESS_DENIED: 'DIRECTORY_ACCESS_DENIED',
  INSUFFICIENT_FREE_ADDRESSES: 'INSUFFICIENT_FREE_ADDRESSES',
  INTERNAL_FAILURE: 'INTERNAL_FAILURE',
  INVALID_SUBNET_IP_PROTOCOL: 'INVALID_SUBNET_IP_PROTOCOL',
  PRIVATECA_ACCESS_DENIED: 'PRIVATECA_ACCESS_DENIED',
  PRIVATECA_RESOURCE_NOT_FOUND: 'PRIVATECA_RESOURCE_NOT_FOUND',
  SECURITY_GROUP_NOT_IN_VPC: 'SECURITY_GROUP_NOT_IN_VPC',
  VPC_ACCESS_DENIED: 'VPC_ACCESS_DENIED',
  VPC_ENDPOINT_LIMIT_EXCEEDED: 'VPC_ENDPOINT_LIMIT_EXCEEDED',
  VPC_RESOURCE_NOT_FOUND: 'VPC_RESOURCE_NOT_FOUND',
} as const;
export type ConnectorStatusReason = (typeof ConnectorStatusReason)[keyof typeof ConnectorStatusReason];

export const DirectoryRegistrationStatus = {
  ACTIVE: 'ACTIVE',
  CREATING: 'CREATING',
  DELETING: 'DELETING',
  FAILED: 'FAILED',
} as const;
export type DirectoryRegistrationStatus =
  (typeof DirectoryRegistrationStatus)[keyof typeof DirectoryRegistrationStatus];

export const DirectoryRegistrationStatusReason = {
  DIRECTORY_ACCESS_DENIED: 'DIRECTORY_ACCESS_DENIED',
  DIRECTORY_NOT_ACTIVE: 'DIRECTORY_NOT_ACTIVE',
  DIRECTORY_NOT_REACHABLE: 'DIRECTORY_NOT_REACHABLE',
  DIRECTORY_RESOURCE_NOT_FOUND: 'DIRECTORY_RESOURCE_NOT_FOUND',
  DIRECTORY_TYPE_NOT_SUPPORTED: 'DIRECTORY_TYPE_NOT_SUPPORTED',
  INTERNAL_FAILURE: 'INTERNAL_FAILURE',
} as const;
export type DirectoryRegistrationStatusReason =
  (typeof DirectoryRegistrationStatusReason)[keyof typeof DirectoryRegistrationStatusReason];

export const ServicePrincipalNameStatus = {
  ACTIVE: 'ACTIVE',
  CREATING: 'CREATING',
  DELETING: 'DELETING',
  FAILED: 'FAILED',
} as const;
export type ServicePrincipalNameStatus = (typeof ServicePrincipalNameStatus)[keyof typeof ServicePrincipalNameStatus];

export const ServicePrincipalNameStatusReason = {
  DIRECTORY_ACCESS_DENIED: 'DIRECTORY_ACCESS_DENIED',
  DIRECTORY_NOT_REACHABLE: 'DIRECTORY_NOT_REACHABLE',
  DIRECTORY_RESOURCE_NOT_FOUND: 'DIRECTORY_RESOURCE_NOT_FOUND',
  INTERNAL_FAILURE: 'INTERNAL_FAILURE',
  SPN_EXISTS_ON_DIFFERENT_AD_OBJECT: 'SPN_EXISTS_ON_DIFFERENT_AD_OBJECT',
  SPN_LIMIT_EXCEEDED: 'SPN_LIMIT_EXCEEDED',
} as const;
export type ServicePrincipalNameStatusReason =
  (typeof ServicePrincipalNameStatusReason)[keyof typeof ServicePrincipalNameStatusReason];

export const ValidationExceptionReason = {
  FIELD_VALIDATION_FAILED: 'FIELD_VALIDATION_FAILED',
  INVALID_CA_SUBJECT: 'INVALID_CA_SUBJECT',
  INVALID_PERMISSION: 'INVALID_PERMISSION',
  INVALID_STATE: 'INVALID_STATE',
  MISMATCHED_CONNECTOR: 'MISMATCHED_CONNECTOR',
  MISMATCHED_VPC: 'MISMATCHED_VPC',
  NO_CLIENT_TOKEN: 'NO_CLIENT_TOKEN',
  OTHER: 'OTHER',
  UNKNOWN_OPERATION: 'UNKNOWN_OPERATION',
} as const;
export type ValidationExceptionReason = (typeof ValidationExceptionReason)[keyof typeof ValidationExceptionReason];

// --------------------------------------------------------------------------------------------------------- shapes

/** Security groups and IP address type of the connector's VPC endpoint. */
export interface VpcInformation {
  /** IPV4 (the service's default) or DUALSTACK. */
  IpAddressType?: IpAddressType | undefined;
  /** 1–4 security group ids (`sg-…`). */
  SecurityGroupIds: string[] | undefined;
}

export interface Connector {
  Arn?: string | undefined;
  CertificateAuthorityArn?: string | undefined;
  CertificateEnrollmentPolicyServerEndpoint?: string | undefined;
  DirectoryId?: string | undefined;
  VpcInformation?: VpcInformation | undefined;
  Status?: ConnectorStatus | undefined;
  StatusReason?: ConnectorStatusReason | undefined;
  CreatedAt?: Date | undefined;
  UpdatedAt?: Date | undefined;
}

export interface ConnectorSummary {
  Arn?: string | undefined;
  CertificateAuthorityArn?: string | undefined;
  CertificateEnrollmentPolicyServerEndpoint?: string | undefined;
  DirectoryId?: string | undefined;
  VpcInformation?: VpcInformation | undefined;
  Status?: ConnectorStatus | undefined;
  StatusReason?: ConnectorStatusReason | undefined;
  CreatedAt?: Date | undefined;
  UpdatedAt?: Date | undefined;
}

export interface DirectoryRegistration {
  Arn?: string | undefined;
  DirectoryId?: string | undefined;
  Status?: DirectoryRegistrationStatus | undefined;
  StatusReason?: DirectoryRegistrationStatusReason | undefined;
  CreatedAt?: Date | undefined;
  UpdatedAt?: Date | undefined;
}

export interface DirectoryRegistrationSummary {
  Arn?: string | undefined;
  DirectoryId?: string | undefined;
  Status?: DirectoryRegistrationStatus | undefined;
  StatusReason?: DirectoryRegistrationStatusReason | undefined;
  CreatedAt?: Date | undefined;
  UpdatedAt?: Date | undefined;
}

export interface ServicePrincipalName {
  DirectoryRegistrationArn?: string | undefined;
  ConnectorArn?: string | undefined;
  Status?: ServicePrincipalNameStatus | undefined;
  StatusReason?: ServicePrincipalNameStatusReason | undefined;
  CreatedAt?: Date | undefined;
  UpdatedAt?: Date | undefined;
}

// ------------------------------------------------------------------------------------------ operation input/output

export interface CreateConnectorRequest {
  /** Directory Service directory id (`d-` + 10 hex). */
  DirectoryId: string | undefined;
  /** ARN of the AWS Private CA certificate authority. */
  CertificateAuthorityArn: string | undefined;
  VpcInformation: VpcInformation | undefined;
  /** Idempotency token, 1–64 chars `^[!-~]+$`; a fresh UUID v4 is sent when omitted. */
  ClientToken?: string | undefined;
  Tags?: Record<string, string> | undefined;
}
export interface CreateConnectorResponse {
  ConnectorArn?: string | undefined;
}

export interface GetConnectorRequest {
  ConnectorArn: string | undefined;
}
export interface GetConnectorResponse {
  Connector?: Connector | undefined;
}

export interface ListConnectorsRequest {
  /** 1–1000. */
  MaxResults?: number | undefined;
  NextToken?: string | undefined;
}
export interface ListConnectorsResponse {
  Connectors?: ConnectorSummary[] | undefined;
  NextToken?: string | undefined;
}

export interface DeleteConnectorRequest {
  ConnectorArn: string | undefined;
}

export interface CreateDirectoryRegistrationRequest {
  DirectoryId: string | undefined;
  /** Idempotency token; a fresh UUID v4 is sent when omitted. */
  ClientToken?: string | undefined;
  Tags?: Record<string, string> | undefined;
}
export interface CreateDirectoryRegistrationResponse {
  DirectoryRegistrationArn?: string | undefined;
}

export interface GetDirectoryRegistrationRequest {
  DirectoryRegistrationArn: string | undefined;
}
export interface GetDirectoryRegistrationResponse {
  DirectoryRegistration?: DirectoryRegistration | undefined;
}

export interface ListDirectoryRegistrationsRequest {
  MaxResults?: number | undefined;
  NextToken?: string | undefined;
}
export interface ListDirectoryRegistrationsResponse {
  DirectoryRegistrations?: DirectoryRegistrationSummary[] | undefined;
  NextToken?: string | undefined;
}

export interface CreateServicePrincipalNameRequest {
  DirectoryRegistrationArn: string | undefined;
  ConnectorArn: string | undefined;
  /** Idempotency token; a fresh UUID v4 is sent when omitted. */
  ClientToken?: string | undefined;
}

export interface GetServicePrincipalNameRequest {
  DirectoryRegistrationArn: string | undefined;
  ConnectorArn: string | undefined;
}
export interface GetServicePrincipalNameResponse {
  ServicePrincipalName?: ServicePrincipalName | undefined;
}

export interface DeleteDirectoryRegistrationRequest {
  DirectoryRegistrationArn: string | undefined;
}

export interface ServicePrincipalNameSummary {
  DirectoryRegistrationArn?: string | undefined;
  ConnectorArn?: string | undefined;
  Status?: ServicePrincipalNameStatus | undefined;
  StatusReason?: ServicePrincipalNameStatusReason | undefined;
  CreatedAt?: Date | undefined;
  UpdatedAt?: Date | undefined;
}

export interface DeleteServicePrincipalNameRequest {
  DirectoryRegistrationArn: string | undefined;
  ConnectorArn: string | undefined;
}

export interface ListServicePrincipalNamesRequest {
  DirectoryRegistrationArn: string | undefined;
  MaxResults?: number | undefined;
  NextToken?: string | undefined;
}
export interface ListServicePrincipalNamesResponse {
  ServicePrincipalNames?: ServicePrincipalNameSummary[] | undefined;
  NextToken?: string | undefined;
}

// ------------------------------------------------------------------------------------------------------ templates

export const TemplateStatus = {
  ACTIVE: 'ACTIVE',
  DELETING: 'DELETING',
} as const;
export type TemplateStatus = (typeof TemplateStatus)[keyof typeof TemplateStatus];

export const ValidityPeriodType = {
  DAYS: 'DAYS',
  HOURS: 'HOURS',
  MONTHS: 'MONTHS',
  WEEKS: 'WEEKS',
  YEARS: 'YEARS',
} as const;
export type ValidityPeriodType = (typeof ValidityPeriodType)[keyof typeof ValidityPeriodType];

export const KeySpec = {
  KEY_EXCHANGE: 'KEY_EXCHANGE',
  SIGNATURE: 'SIGNATURE',
} as const;
export type KeySpec = (typeof KeySpec)[keyof typeof KeySpec];

export const HashAlgorithm = {
  SHA256: 'SHA256',
  SHA384: 'SHA384',
  SHA512: 'SHA512',
} as const;
export type HashAlgorithm = (typeof HashAlgorithm)[keyof typeof HashAlgorithm];

export const PrivateKeyAlgorithm = {
  ECDH_P256: 'ECDH_P256',
  ECDH_P384: 'ECDH_P384',
  ECDH_P521: 'ECDH_P521',
  RSA: 'RSA',
} as const;
export type PrivateKeyAlgorithm = (typeof PrivateKeyAlgorithm)[keyof typeof PrivateKeyAlgorithm];

export const KeyUsagePropertyType = {
  ALL: 'ALL',
} as const;
export type KeyUsagePropertyType = (typeof KeyUsagePropertyType)[keyof typeof KeyUsagePropertyType];

export const ClientCompatibilityV2 = {
  WINDOWS_SERVER_2003: 'WINDOWS_SERVER_2003',
  WINDOWS_SERVER_2008: 'WINDOWS_SERVER_2008',
  WINDOWS_SERVER_2008_R2: 'WINDOWS_SERVER_2008_R2',
  WINDOWS_SERVER_2012: 'WINDOWS_SERVER_2012',
  WINDOWS_SERVER_2012_R2: 'WINDOWS_SERVER_2012_R2',
  WINDOWS_SERVER_2016: 'WINDOWS_SERVER_2016',
} as const;
export type ClientCompatibilityV2 = (typeof ClientCompatibilityV2)[keyof typeof ClientCompatibilityV2];

export const ClientCompatibilityV3 = {
  WINDOWS_SERVER_2008: 'WINDOWS_SERVER_2008',
  WINDOWS_SERVER_2008_R2: 'WINDOWS_SERVER_2008_R2',
  WINDOWS_SERVER_2012: 'WINDOWS_SERVER_2012',
  WINDOWS_SERVER_2012_R2: 'WINDOWS_SERVER_2012_R2',
  WINDOWS_SERVER_2016: 'WINDOWS_SERVER_2016',
} as const;
export type ClientCompatibilityV3 = (typeof ClientCompatibilityV3)[keyof typeof ClientCompatibilityV3];

export const ClientCompatibilityV4 = {
  WINDOWS_SERVER_2012: 'WINDOWS_SERVER_2012',
  WINDOWS_SERVER_2012_R2: 'WINDOWS_SERVER_2012_R2',
  WINDOWS_SERVER_2016: 'WINDOWS_SERVER_2016',
} as const;
export type ClientCompatibilityV4 = (typeof ClientCompatibilityV4)[keyof typeof ClientCompatibilityV4];

/** The model's 67 well-known application policies (extended key usages). */
export const ApplicationPolicyType = {
  ALL_APPLICATION_POLICIES: 'ALL_APPLICATION_POLICIES',
  ANY_PURPOSE: 'ANY_PURPOSE',
  ATTESTATION_IDENTITY_KEY_CERTIFICATE: 'ATTESTATION_IDENTITY_KEY_CERTIFICATE',
  CERTIFICATE_REQUEST_AGENT: 'CERTIFICATE_REQUEST_AGENT',
  CLIENT_AUTHENTICATION: 'CLIENT_AUTHENTICATION',
  CODE_SIGNING: 'CODE_SIGNING',
  CTL_USAGE: 'CTL_USAGE',
  DIGITAL_RIGHTS: 'DIGITAL_RIGHTS',
  DIRECTORY_SERVICE_EMAIL_REPLICATION: 'DIRECTORY_SERVICE_EMAIL_REPLICATION',
  DISALLOWED_LIST: 'DISALLOWED_LIST',
  DNS_SERVER_TRUST: 'DNS_SERVER_TRUST',
  DOCUMENT_ENCRYPTION: 'DOCUMENT_ENCRYPTION',
  DOCUMENT_SIGNING: 'DOCUMENT_SIGNING',
  DYNAMIC_CODE_GENERATOR: 'DYNAMIC_CODE_GENERATOR',
  EARLY_LAUNCH_ANTIMALWARE_DRIVER: 'EARLY_LAUNCH_ANTIMALWARE_DRIVER',
  EMBEDDED_WINDOWS_SYSTEM_COMPONENT_VERIFICATION: 'EMBEDDED_WINDOWS_SYSTEM_COMPONENT_VERIFICATION',
  ENCLAVE: 'ENCLAVE',
  ENCRYPTING_FILE_SYSTEM: 'ENCRYPTING_FILE_SYSTEM',
  ENDORSEMENT_KEY_CERTIFICATE: 'ENDORSEMENT_KEY_CERTIFICATE',
  FILE_RECOVERY: 'FILE_RECOVERY',
  HAL_EXTENSION: 'HAL_EXTENSION',
  IP_SECURITY_END_SYSTEM: 'IP_SECURITY_END_SYSTEM',
  IP_SECURITY_IKE_INTERMEDIATE: 'IP_SECURITY_IKE_INTERMEDIATE',
  IP_SECURITY_TUNNEL_TERMINATION: 'IP_SECURITY_TUNNEL_TERMINATION',
  IP_SECURITY_USER: 'IP_SECURITY_USER',
  ISOLATED_USER_MODE: 'ISOLATED_USER_MODE',
  KDC_AUTHENTICATION: 'KDC_AUTHENTICATION',
  KERNEL_MODE_CODE_SIGNING: 'KERNEL_MODE_CODE_SIGNING',
  KEY_PACK_LICENSES: 'KEY_PACK_LICENSES',
  KEY_RECOVERY: 'KEY_RECOVERY',
  KEY_RECOVERY_AGENT: 'KEY_RECOVERY_AGENT',
  LICENSE_SERVER_VERIFICATION: 'LICENSE_SERVER_VERIFICATION',
  LIFETIME_SIGNING: 'LIFETIME_SIGNING',
  MICROSOFT_PUBLISHER: 'MICROSOFT_PUBLISHER',
  MICROSOFT_TIME_STAMPING: 'MICROSOFT_TIME_STAMPING',
  MICROSOFT_TRUST_LIST_SIGNING: 'MICROSOFT_TRUST_LIST_SIGNING',
  OCSP_SIGNING: 'OCSP_SIGNING',
  OEM_WINDOWS_SYSTEM_COMPONENT_VERIFICATION: 'OEM_WINDOWS_SYSTEM_COMPONENT_VERIFICATION',
  PLATFORM_CERTIFICATE: 'PLATFORM_CERTIFICATE',
  PREVIEW_BUILD_SIGNING: 'PREVIEW_BUILD_SIGNING',
  PRIVATE_KEY_ARCHIVAL: 'PRIVATE_KEY_ARCHIVAL',
  PROTECTED_PROCESS_LIGHT_VERIFICATION: 'PROTECTED_PROCESS_LIGHT_VERIFICATION',
  PROTECTED_PROCESS_VERIFICATION: 'PROTECTED_PROCESS_VERIFICATION',
  QUALIFIED_SUBORDINATION: 'QUALIFIED_SUBORDINATION',
  REVOKED_LIST_SIGNER: 'REVOKED_LIST_SIGNER',
  ROOT_PROGRAM_AUTO_UPDATE_CA_REVOCATION: 'ROOT_PROGRAM_AUTO_UPDATE_CA_REVOCATION',
  ROOT_PROGRAM_AUTO_UPDATE_END_REVOCATION: 'ROOT_PROGRAM_AUTO_UPDATE_END_REVOCATION',
  ROOT_PROGRAM_NO_OSCP_FAILOVER_TO_CRL: 'ROOT_PROGRAM_NO_OSCP_FAILOVER_TO_CRL',
  ROOT_LIST_SIGNER: 'ROOT_LIST_SIGNER',
  SECURE_EMAIL: 'SECURE_EMAIL',
  SERVER_AUTHENTICATION: 'SERVER_AUTHENTICATION',
  SMART_CARD_LOGIN: 'SMART_CARD_LOGIN',
  SPC_ENCRYPTED_DIGEST_RETRY_COUNT: 'SPC_ENCRYPTED_DIGEST_RETRY_COUNT',
  SPC_RELAXED_PE_MARKER_CHECK: 'SPC_RELAXED_PE_MARKER_CHECK',
  TIME_STAMPING: 'TIME_STAMPING',
  WINDOWS_HARDWARE_DRIVER_ATTESTED_VERIFICATION: 'WINDOWS_HARDWARE_DRIVER_ATTESTED_VERIFICATION',
  WINDOWS_HARDWARE_DRIVER_EXTENDED_VERIFICATION: 'WINDOWS_HARDWARE_DRIVER_EXTENDED_VERIFICATION',
  WINDOWS_HARDWARE_DRIVER_VERIFICATION: 'WINDOWS_HARDWARE_DRIVER_VERIFICATION',
  WINDOWS_HELLO_RECOVERY_KEY_ENCRYPTION: 'WINDOWS_HELLO_RECOVERY_KEY_ENCRYPTION',
  WINDOWS_KITS_COMPONENT: 'WINDOWS_KITS_COMPONENT',
  WINDOWS_RT_VERIFICATION: 'WINDOWS_RT_VERIFICATION',
  WINDOWS_SOFTWARE_EXTENSION_VERIFICATION: 'WINDOWS_SOFTWARE_EXTENSION_VERIFICATION',
  WINDOWS_STORE: 'WINDOWS_STORE',
  WINDOWS_SYSTEM_COMPONENT_VERIFICATION: 'WINDOWS_SYSTEM_COMPONENT_VERIFICATION',
  WINDOWS_TCB_COMPONENT: 'WINDOWS_TCB_COMPONENT',
  WINDOWS_THIRD_PARTY_APPLICATION_COMPONENT: 'WINDOWS_THIRD_PARTY_APPLICATION_COMPONENT',
  WINDOWS_UPDATE: 'WINDOWS_UPDATE',
} as const;
export type ApplicationPolicyType = (typeof ApplicationPolicyType)[keyof typeof ApplicationPolicyType];

export const AccessRight = {
  ALLOW: 'ALLOW',
  DENY: 'DENY',
} as const;
export type AccessRight = (typeof AccessRight)[keyof typeof AccessRight];

/**
 * A smithy union as the official client types it: exactly one member set, or `$unknown` (`[name, value]`) for a
 * member added to the service after this client was written.
 */
type Union<T> =
  | { [K in keyof T]: { [P in K]: T[P] } & { [P in Exclude<keyof T, K>]?: never } & { $unknown?: never } }[keyof T]
  | ({ [P in keyof T]?: never } & { $unknown: [string, unknown] });

export interface ValidityPeriod {
  /** 1–8766000. */
  Period: number | undefined;
  PeriodType: ValidityPeriodType | undefined;
}
export interface CertificateValidity {
  ValidityPeriod: ValidityPeriod | undefined;
  RenewalPeriod: ValidityPeriod | undefined;
}

/** EnrollmentFlagsV2, V3 and V4 have the same members in the model. */
export interface EnrollmentFlagsV2 {
  EnableKeyReuseOnNtTokenKeysetStorageFull?: boolean | undefined;
  IncludeSymmetricAlgorithms?: boolean | undefined;
  NoSecurityExtension?: boolean | undefined;
  RemoveInvalidCertificateFromPersonalStore?: boolean | undefined;
  UserInteractionRequired?: boolean | undefined;
}
export type EnrollmentFlagsV3 = EnrollmentFlagsV2;
export type EnrollmentFlagsV4 = EnrollmentFlagsV2;

export interface KeyUsageFlags {
  DataEncipherment?: boolean | undefined;
  DigitalSignature?: boolean | undefined;
  KeyAgreement?: boolean | undefined;
  KeyEncipherment?: boolean | undefined;
  NonRepudiation?: boolean | undefined;
}
export interface KeyUsage {
  Critical?: boolean | undefined;
  UsageFlags: KeyUsageFlags | undefined;
}
export type ApplicationPolicy = Union<{ PolicyType: ApplicationPolicyType; PolicyObjectIdentifier: string }>;
export interface ApplicationPolicies {
  Critical?: boolean | undefined;
  /** 1–100 entries. */
  Policies: ApplicationPolicy[] | undefined;
}
/** ExtensionsV2, V3 and V4 have the same members in the model. */
export interface ExtensionsV2 {
  KeyUsage: KeyUsage | undefined;
  ApplicationPolicies?: ApplicationPolicies | undefined;
}
export type ExtensionsV3 = ExtensionsV2;
export type ExtensionsV4 = ExtensionsV2;

/** GeneralFlagsV2, V3 and V4 have the same members in the model. */
export interface GeneralFlagsV2 {
  /** Allows autoenrollment. */
  AutoEnrollment?: boolean | undefined;
  /** TRUE: the template is for computers; FALSE: for users. */
  MachineType?: boolean | undefined;
}
export type GeneralFlagsV3 = GeneralFlagsV2;
export type GeneralFlagsV4 = GeneralFlagsV2;

/** SubjectNameFlagsV2, V3 and V4 have the same members in the model. */
export interface SubjectNameFlagsV2 {
  RequireCommonName?: boolean | undefined;
  RequireDirectoryPath?: boolean | undefined;
  RequireDnsAsCn?: boolean | undefined;
  RequireEmail?: boolean | undefined;
  SanRequireDirectoryGuid?: boolean | undefined;
  SanRequireDns?: boolean | undefined;
  SanRequireDomainDns?: boolean | undefined;
  SanRequireEmail?: boolean | undefined;
  SanRequireSpn?: boolean | undefined;
  SanRequireUpn?: boolean | undefined;
}
export type SubjectNameFlagsV3 = SubjectNameFlagsV2;
export type SubjectNameFlagsV4 = SubjectNameFlagsV2;

export interface KeyUsagePropertyFlags {
  Decrypt?: boolean | undefined;
  KeyAgreement?: boolean | undefined;
  Sign?: boolean | undefined;
}
export type KeyUsageProperty = Union<{ PropertyType: KeyUsagePropertyType; PropertyFlags: KeyUsagePropertyFlags }>;

export interface PrivateKeyAttributesV2 {
  KeySpec: KeySpec | undefined;
  /** >= 1. */
  MinimalKeyLength: number | undefined;
  /** 1–100 provider names (1–100 chars each). */
  CryptoProviders?: string[] | undefined;
}
export interface PrivateKeyAttributesV3 {
  Algorithm: PrivateKeyAlgorithm | undefined;
  KeySpec: KeySpec | undefined;
  KeyUsageProperty: KeyUsageProperty | undefined;
  MinimalKeyLength: number | undefined;
  CryptoProviders?: string[] | undefined;
}
export interface PrivateKeyAttributesV4 {
  KeySpec: KeySpec | undefined;
  MinimalKeyLength: number | undefined;
  Algorithm?: PrivateKeyAlgorithm | undefined;
  KeyUsageProperty?: KeyUsageProperty | undefined;
  CryptoProviders?: string[] | undefined;
}

export interface PrivateKeyFlagsV2 {
  ClientVersion: ClientCompatibilityV2 | undefined;
  ExportableKey?: boolean | undefined;
  StrongKeyProtectionRequired?: boolean | undefined;
}
export interface PrivateKeyFlagsV3 {
  ClientVersion: ClientCompatibilityV3 | undefined;
  ExportableKey?: boolean | undefined;
  RequireAlternateSignatureAlgorithm?: boolean | undefined;
  StrongKeyProtectionRequired?: boolean | undefined;
}
export interface PrivateKeyFlagsV4 {
  ClientVersion: ClientCompatibilityV4 | undefined;
  ExportableKey?: boolean | undefined;
  RequireAlternateSignatureAlgorithm?: boolean | undefined;
  RequireSameKeyRenewal?: boolean | undefined;
  StrongKeyProtectionRequired?: boolean | undefined;
  /** Legacy CSP (TRUE) or KSP (FALSE); HashAlgorithm only applies with KSPs. */
  UseLegacyProvider?: boolean | undefined;
}

/** Template schema version 2 (legacy cryptographic service providers). */
export interface TemplateV2 {
  CertificateValidity: CertificateValidity | undefined;
  EnrollmentFlags: EnrollmentFlagsV2 | undefined;
  Extensions: ExtensionsV2 | undefined;
  GeneralFlags: GeneralFlagsV2 | undefined;
  PrivateKeyAttributes: PrivateKeyAttributesV2 | undefined;
  PrivateKeyFlags: PrivateKeyFlagsV2 | undefined;
  SubjectNameFlags: SubjectNameFlagsV2 | undefined;
  /** 1–100 template names. */
  SupersededTemplates?: string[] | undefined;
}
/** Template schema version 3 (key storage providers). */
export interface TemplateV3 {
  CertificateValidity: CertificateValidity | undefined;
  EnrollmentFlags: EnrollmentFlagsV3 | undefined;
  Extensions: ExtensionsV3 | undefined;
  GeneralFlags: GeneralFlagsV3 | undefined;
  HashAlgorithm: HashAlgorithm | undefined;
  PrivateKeyAttributes: PrivateKeyAttributesV3 | undefined;
  PrivateKeyFlags: PrivateKeyFlagsV3 | undefined;
  SubjectNameFlags: SubjectNameFlagsV3 | undefined;
  SupersededTemplates?: string[] | undefined;
}
/** Template schema version 4 (legacy CSPs or KSPs, per PrivateKeyFlags.UseLegacyProvider). */
export interface TemplateV4 {
  CertificateValidity: CertificateValidity | undefined;
  EnrollmentFlags: EnrollmentFlagsV4 | undefined;
  Extensions: ExtensionsV4 | undefined;
  GeneralFlags: GeneralFlagsV4 | undefined;
  HashAlgorithm?: HashAlgorithm | undefined;
  PrivateKeyAttributes: PrivateKeyAttributesV4 | undefined;
  PrivateKeyFlags: PrivateKeyFlagsV4 | undefined;
  SubjectNameFlags: SubjectNameFlagsV4 | undefined;
  SupersededTemplates?: string[] | undefined;
}
/** Exactly one of TemplateV2, TemplateV3 or TemplateV4. */
export type TemplateDefinition = Union<{ TemplateV2: TemplateV2; TemplateV3: TemplateV3; TemplateV4: TemplateV4 }>;

export interface TemplateRevision {
  MajorRevision: number | undefined;
  MinorRevision: number | undefined;
}

export interface Template {
  Arn?: string | undefined;
  ConnectorArn?: string | undefined;
  Definition?: TemplateDefinition | undefined;
  Name?: string | undefined;
  /** The template's object identifier (OID). */
  ObjectIdentifier?: string | undefined;
  PolicySchema?: number | undefined;
  Revision?: TemplateRevision | undefined;
  Status?: TemplateStatus | undefined;
  CreatedAt?: Date | undefined;
  UpdatedAt?: Date | undefined;
}
export type TemplateSummary = Template;

export interface CreateTemplateRequest {
  ConnectorArn: string | undefined;
  Definition: TemplateDefinition | undefined;
  /** 1–64 printable ASCII chars, none of `\'+,;<=>#"`, not only spaces. */
  Name: string | undefined;
  /** Idempotency token; a fresh UUID v4 is sent when omitted. */
  ClientToken?: string | undefined;
  Tags?: Record<string, string> | undefined;
}
export interface CreateTemplateResponse {
  TemplateArn?: string | undefined;
}

export interface GetTemplateRequest {
  TemplateArn: string | undefined;
}
export interface GetTemplateResponse {
  Template?: Template | undefined;
}

export interface ListTemplatesRequest {
  ConnectorArn: string | undefined;
  MaxResults?: number | undefined;
  NextToken?: string | undefined;
}
export interface ListTemplatesResponse {
  Templates?: TemplateSummary[] | undefined;
  NextToken?: string | undefined;
}

export interface DeleteTemplateRequest {
  TemplateArn: string | undefined;
}

// ------------------------------------------------------------------------------------- template access control

export interface AccessRights {
  Enroll?: AccessRight | undefined;
  AutoEnroll?: AccessRight | undefined;
}

export interface AccessControlEntry {
  AccessRights?: AccessRights | undefined;
  GroupDisplayName?: string | undefined;
  GroupSecurityIdentifier?: string | undefined;
  TemplateArn?: string | undefined;
  CreatedAt?: Date | undefined;
  UpdatedAt?: Date | undefined;
}
export type AccessControlEntrySummary = AccessControlEntry;

export interface CreateTemplateGroupAccessControlEntryRequest {
  TemplateArn: string | undefined;
  /** `^S-[0-9]-([0-9]+-){1,14}[0-9]+$`, 7–256 chars. */
  GroupSecurityIdentifier: string | undefined;
  /** 0–256 printable ASCII chars; need not match the group's name. */
  GroupDisplayName: string | undefined;
  AccessRights: AccessRights | undefined;
  /** Idempotency token; a fresh UUID v4 is sent when omitted. */
  ClientToken?: string | undefined;
}

export interface GetTemplateGroupAccessControlEntryRequest {
  TemplateArn: string | undefined;
  GroupSecurityIdentifier: string | undefined;
}
export interface GetTemplateGroupAccessControlEntryResponse {
  AccessControlEntry?: AccessControlEntry | undefined;
}

export interface ListTemplateGroupAccessControlEntriesRequest {
  TemplateArn: string | undefined;
  MaxResults?: number | undefined;
  NextToken?: string | undefined;
}
export interface ListTemplateGroupAccessControlEntriesResponse {
  AccessControlEntries?: AccessControlEntrySummary[] | undefined;
  NextToken?: string | undefined;
}

export interface DeleteTemplateGroupAccessControlEntryRequest {
  TemplateArn: string | undefined;
  GroupSecurityIdentifier: string | undefined;
}

export interface UpdateTemplateRequest {
  TemplateArn: string | undefined;
  /** The whole new definition (a union: exactly one of TemplateV2, TemplateV3, TemplateV4). */
  Definition?: TemplateDefinition | undefined;
  /** Every holder gets a new certificate from the updated template (the major revision goes up). */
  ReenrollAllCertificateHolders?: boolean | undefined;
}

export interface UpdateTemplateGroupAccessControlEntryRequest {
  TemplateArn: string | undefined;
  GroupSecurityIdentifier: string | undefined;
  AccessRights?: AccessRights | undefined;
  GroupDisplayName?: string | undefined;
}
