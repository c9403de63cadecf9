/**
 * Shapes of the Directory Service Data API (2023-05-31) used by this project, written by hand from the service model
 * with the same names and optionality as `@aws-sdk/client-directory-service-data`: enums are const objects plus a
 * union type, members required by the model are `T | undefined` (not optional), the others `?: T | undefined`.
 */

// ---------------------------------------------------------------------------------------------------------- enums

export const AccessDeniedReason = {
  DATA_DISABLED: 'DATA_DISABLED',
  DIRECTORY_AUTH: 'DIRECTORY_AUTH',
  IAM_AUTH: 'IAM_AUTH',
} as const;
export type AccessDeniedReason = (typeof AccessDeniedReason)[keyof typeof AccessDeniedReason];

export const DirectoryUnavailableReason = {
  DIRECTORY_RESOURCES_EXCEEDED: 'DIRECTORY_RESOURCES_EXCEEDED',
  DIRECTORY_TIMEOUT: 'DIRECTORY_TIMEOUT',
  INVALID_DIRECTORY_STATE: 'INVALID_DIRECTORY_STATE',
  NO_DISK_SPACE: 'NO_DISK_SPACE',
  TRUST_AUTH_FAILURE: 'TRUST_AUTH_FAILURE',
} as const;
export type DirectoryUnavailableReason = (typeof DirectoryUnavailableReason)[keyof typeof DirectoryUnavailableReason];

export const ValidationExceptionReason = {
  ATTRIBUTE_EXISTS: 'ATTRIBUTE_EXISTS',
  DUPLICATE_ATTRIBUTE: 'DUPLICATE_ATTRIBUTE',
  INVALID_ATTRIBUTE_FOR_GROUP: 'INVALID_ATTRIBUTE_FOR_GROUP',
  INVALID_ATTRIBUTE_FOR_MODIFY: 'INVALID_ATTRIBUTE_FOR_MODIFY',
  INVALID_ATTRIBUTE_FOR_SEARCH: 'INVALID_ATTRIBUTE_FOR_SEARCH',
  INVALID_ATTRIBUTE_FOR_USER: 'INVALID_ATTRIBUTE_FOR_USER',
  INVALID_ATTRIBUTE_NAME: 'INVALID_ATTRIBUTE_NAME',
  INVALID_ATTRIBUTE_VALUE: 'INVALID_ATTRIBUTE_VALUE',
  INVALID_DIRECTORY_TYPE: 'INVALID_DIRECTORY_TYPE',
  INVALID_NEXT_TOKEN: 'INVALID_NEXT_TOKEN',
  INVALID_REALM: 'INVALID_REALM',
  INVALID_SECONDARY_REGION: 'INVALID_SECONDARY_REGION',
  LDAP_SIZE_LIMIT_EXCEEDED: 'LDAP_SIZE_LIMIT_EXCEEDED',
  LDAP_UNSUPPORTED_OPERATION: 'LDAP_UNSUPPORTED_OPERATION',
  MISSING_ATTRIBUTE: 'MISSING_ATTRIBUTE',
} as const;
export type ValidationExceptionReason = (typeof ValidationExceptionReason)[keyof typeof ValidationExceptionReason];

export const GroupScope = {
  BUILTIN_LOCAL: 'BuiltinLocal',
  DOMAIN_LOCAL: 'DomainLocal',
  GLOBAL: 'Global',
  UNIVERSAL: 'Universal',
} as const;
export type GroupScope = (typeof GroupScope)[keyof typeof GroupScope];

export const GroupType = {
  DISTRIBUTION: 'Distribution',
  SECURITY: 'Security',
} as const;
export type GroupType = (typeof GroupType)[keyof typeof GroupType];

// ---------------------------------------------------------------------------------------------------------- shapes

/**
 * An LDAP attribute value: exactly one of `S`, `N`, `BOOL`, `SS`, as the official client's union (whose per-member
 * `AttributeValue.SMember`… names this client leaves out); `$unknown` holds a member this client does not know.
 */
export type AttributeValue =
  | { S: string; N?: never; BOOL?: never; SS?: never; $unknown?: never }
  | { S?: never; N: number; BOOL?: never; SS?: never; $unknown?: never }
  | { S?: never; N?: never; BOOL: boolean; SS?: never; $unknown?: never }
  | { S?: never; N?: never; BOOL?: never; SS: string[]; $unknown?: never }
  | { S?: never; N?: never; BOOL?: never; SS?: never; $unknown: [string, unknown] };

export interface DescribeGroupRequest {
  /** `^d-[0-9a-f]{10}$`; sent in the query string. */
  DirectoryId: string | undefined;
  /** The group's sAMAccountName (1–64 chars, none of `:;|=+"*?<>/\,[]@`). */
  SAMAccountName: string | undefined;
  /** Domain of the group; defaults to the directory's own domain. */
  Realm?: string | undefined;
  /** LDAP display names of further attributes to return (1–25). */
  OtherAttributes?: string[] | undefined;
}

export interface DescribeGroupResult {
  DirectoryId?: string | undefined;
  Realm?: string | undefined;
  SID?: string | undefined;
  SAMAccountName?: string | undefined;
  DistinguishedName?: string | undefined;
  GroupType?: GroupType | undefined;
  GroupScope?: GroupScope | undefined;
  OtherAttributes?: Record<string, AttributeValue> | undefined;
}

export interface CreateGroupRequest {
  /** `^d-[0-9a-f]{10}$`; sent in the query string. */
  DirectoryId: string | undefined;
  SAMAccountName: string | undefined;
  GroupType?: GroupType | undefined;
  GroupScope?: GroupScope | undefined;
  OtherAttributes?: Record<string, AttributeValue> | undefined;
  /** 1–128 ASCII characters; a fresh UUID v4 when omitted (`idempotencyToken`), valid for 8 hours. */
  ClientToken?: string | undefined;
}

export interface CreateGroupResult {
  DirectoryId?: string | undefined;
  SAMAccountName?: string | undefined;
  SID?: string | undefined;
}
