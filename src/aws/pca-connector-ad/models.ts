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
