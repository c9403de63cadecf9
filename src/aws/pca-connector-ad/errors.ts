import {
  ServiceException as __ServiceException,
  type ExceptionOptionType as __ExceptionOptionType,
  type ServiceExceptionOptions as __ServiceExceptionOptions,
} from '@smithy/core/client';
import type { ValidationExceptionReason } from './models.ts';

export { __ServiceException };
export type { __ServiceExceptionOptions };

/**
 * Base class of every PCA Connector AD service error (the same `ServiceException` from the smithy core that
 * `@smithy/smithy-client` re-exports). Error codes the client does not model also come back as this class, with
 * `name` set to the code. The core's constructor gives every subclass its own prototype.
 */
export class PcaConnectorAdServiceException extends __ServiceException {
  static override readonly shapeId: string =
    'smithy.ts.sdk.synthetic.com.amazonaws.pcaconnectorad#PcaConnectorAdServiceException';
}

/** 403: the caller lacks permission. */
export class AccessDeniedException extends PcaConnectorAdServiceException {
  static override readonly shapeId: string = 'com.amazonaws.pcaconnectorad#AccessDeniedException';
  override readonly name = 'AccessDeniedException' as const;
  override readonly $fault = 'client' as const;
  Message: string | undefined;

  constructor(opts: __ExceptionOptionType<AccessDeniedException, PcaConnectorAdServiceException>) {
    super({ name: 'AccessDeniedException', $fault: 'client', ...opts });
    this.Message = opts.Message;
  }
}

/** 400: the request failed validation; `Reason` says why. */
export class ValidationException extends PcaConnectorAdServiceException {
  static override readonly shapeId: string = 'com.amazonaws.pcaconnectorad#ValidationException';
  override readonly name = 'ValidationException' as const;
  override readonly $fault = 'client' as const;
  Message: string | undefined;
  Reason?: ValidationExceptionReason | undefined;

  constructor(opts: __ExceptionOptionType<ValidationException, PcaConnectorAdServiceException>) {
    super({ name: 'ValidationException', $fault: 'client', ...opts });
    this.Message = opts.Message;
    this.Reason = opts.Reason;
  }
}

/** 404: a resource named in the request does not exist. */
export class ResourceNotFoundException extends PcaConnectorAdServiceException {
  static override readonly shapeId: string = 'com.amazonaws.pcaconnectorad#ResourceNotFoundException';
  override readonly name = 'ResourceNotFoundException' as const;
  override readonly $fault = 'client' as const;
  Message: string | undefined;
  ResourceId: string | undefined;
  ResourceType: string | undefined;

  constructor(opts: __ExceptionOptionType<ResourceNotFoundException, PcaConnectorAdServiceException>) {
    super({ name: 'ResourceNotFoundException', $fault: 'client', ...opts });
    this.Message = opts.Message;
    this.ResourceId = opts.ResourceId;
    this.ResourceType = opts.ResourceType;
  }
}

/** 429: the request was throttled (retryable: the standard retry strategy retries it). */
export class ThrottlingException extends PcaConnectorAdServiceException {
  static override readonly shapeId: string = 'com.amazonaws.pcaconnectorad#ThrottlingException';
  override readonly name = 'ThrottlingException' as const;
  override readonly $fault = 'client' as const;
  override $retryable = { throttling: true };
  Message: string | undefined;
  QuotaCode?: string | undefined;
  ServiceCode?: string | undefined;

  constructor(opts: __ExceptionOptionType<ThrottlingException, PcaConnectorAdServiceException>) {
    super({ name: 'ThrottlingException', $fault: 'client', ...opts });
    this.Message = opts.Message;
    this.QuotaCode = opts.QuotaCode;
    this.ServiceCode = opts.ServiceCode;
  }
}

/** 402: a service quota would be exceeded. */
export class ServiceQuotaExceededException extends PcaConnectorAdServiceException {
  static override readonly shapeId: string = 'com.amazonaws.pcaconnectorad#ServiceQuotaExceededException';
  override readonly name = 'ServiceQuotaExceededException' as const;
  override readonly $fault = 'client' as const;
  Message: string | undefined;
  ResourceId: string | undefined;
  ResourceType: string | undefined;
  ServiceCode: string | undefined;
  QuotaCode: string | undefined;

  constructor(opts: __ExceptionOptionType<ServiceQuotaExceededException, PcaConnectorAdServiceException>) {
    super({ name: 'ServiceQuotaExceededException', $fault: 'client', ...opts });
    this.Message = opts.Message;
    this.ResourceId = opts.ResourceId;
    this.ResourceType = opts.ResourceType;
    this.ServiceCode = opts.ServiceCode;
    this.QuotaCode = opts.QuotaCode;
  }
}

/** 500: the service failed (retryable: the standard retry strategy retries it). */
export class InternalServerException extends PcaConnectorAdServiceException {
  static override readonly shapeId: string = 'com.amazonaws.pcaconnectorad#InternalServerException';
  override readonly name = 'InternalServerException' as const;
  override readonly $fault = 'server' as const;
  override $retryable = {};
  Message: string | undefined;

  constructor(opts: __ExceptionOptionType<InternalServerException, PcaConnectorAdServiceException>) {
    super({ name: 'InternalServerException', $fault: 'server', ...opts });
    this.Message = opts.Message;
  }
}

/** 409: the request conflicts with the state of a resource. */
export class ConflictException extends PcaConnectorAdServiceException {
  static override readonly shapeId: string = 'com.amazonaws.pcaconnectorad#ConflictException';
  override readonly name = 'ConflictException' as const;
  override readonly $fault = 'client' as const;
  Message: string | undefined;
  ResourceId: string | undefined;
  ResourceType: string | undefined;

  constructor(opts: __ExceptionOptionType<ConflictException, PcaConnectorAdServiceException>) {
    super({ name: 'ConflictException', $fault: 'client', ...opts });
    this.Message = opts.Message;
    this.ResourceId = opts.ResourceId;
    this.ResourceType = opts.ResourceType;
  }
}
