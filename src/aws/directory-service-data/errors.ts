import {
  ServiceException as __ServiceException,
  type ExceptionOptionType as __ExceptionOptionType,
  type ServiceExceptionOptions as __ServiceExceptionOptions,
} from '@smithy/core/client';
import type { AccessDeniedReason, DirectoryUnavailableReason, ValidationExceptionReason } from './models.ts';

export { __ServiceException };
export type { __ServiceExceptionOptions };

/**
 * Base class of every Directory Service Data error (the smithy core's `ServiceException`). Error codes the client
 * does not model come back as this class too, with `name` set to the code. The core's constructor gives every subclass its own prototype.
 */
export class DirectoryServiceDataServiceException extends __ServiceException {
  static override readonly shapeId: string =
    'smithy.ts.sdk.synthetic.com.amazonaws.directoryservicedata#DirectoryServiceDataServiceException';
}

type Options<T extends DirectoryServiceDataServiceException> = __ExceptionOptionType<T, DirectoryServiceDataServiceException>;

/**
 * 403: no permission, or Directory Data access is off for the directory (`Reason` `DATA_DISABLED`), or the directory
 * does not exist.
 */
export class AccessDeniedException extends DirectoryServiceDataServiceException {
  static override readonly shapeId: string = 'com.amazonaws.directoryservicedata#AccessDeniedException';
  override readonly name = 'AccessDeniedException' as const;
  override readonly $fault = 'client' as const;
  Message?: string | undefined;
  Reason?: AccessDeniedReason | undefined;

  constructor(opts: Options<AccessDeniedException>) {
    super({ name: 'AccessDeniedException', $fault: 'client', ...opts });
    this.Message = opts.Message;
    this.Reason = opts.Reason;
  }
}

/** 409: the object exists already, or a `ClientToken` was reused with other parameters within 8 hours. */
export class ConflictException extends DirectoryServiceDataServiceException {
  static override readonly shapeId: string = 'com.amazonaws.directoryservicedata#ConflictException';
  override readonly name = 'ConflictException' as const;
  override readonly $fault = 'client' as const;
  Message?: string | undefined;

  constructor(opts: Options<ConflictException>) {
    super({ name: 'ConflictException', $fault: 'client', ...opts });
    this.Message = opts.Message;
  }
}

/** 400: the directory cannot serve the request now; `Reason` says why (retryable: the model marks it so). */
export class DirectoryUnavailableException extends DirectoryServiceDataServiceException {
  static override readonly shapeId: string = 'com.amazonaws.directoryservicedata#DirectoryUnavailableException';
  override readonly name = 'DirectoryUnavailableException' as const;
  override readonly $fault = 'client' as const;
  override $retryable = {};
  Message?: string | undefined;
  Reason?: DirectoryUnavailableReason | undefined;

  constructor(opts: Options<DirectoryUnavailableException>) {
    super({ name: 'DirectoryUnavailableException', $fault: 'client', ...opts });
    this.Message = opts.Message;
    this.Reason = opts.Reason;
  }
}

/** 500: the service failed (retryable). */
export class InternalServerException extends DirectoryServiceDataServiceException {
  static override readonly shapeId: string = 'com.amazonaws.directoryservicedata#InternalServerException';
  override readonly name = 'InternalServerException' as const;
  override readonly $fault = 'server' as const;
  override $retryable = {};
  Message?: string | undefined;

  constructor(opts: Options<InternalServerException>) {
    super({ name: 'InternalServerException', $fault: 'server', ...opts });
    this.Message = opts.Message;
  }
}

/** 404: the group (or other object) does not exist. */
export class ResourceNotFoundException extends DirectoryServiceDataServiceException {
  static override readonly shapeId: string = 'com.amazonaws.directoryservicedata#ResourceNotFoundException';
  override readonly name = 'ResourceNotFoundException' as const;
  override readonly $fault = 'client' as const;
  Message?: string | undefined;

  constructor(opts: Options<ResourceNotFoundException>) {
    super({ name: 'ResourceNotFoundException', $fault: 'client', ...opts });
    this.Message = opts.Message;
  }
}

/** 429: throttled (retryable as a throttle); `RetryAfterSeconds` comes from the `Retry-After` header. */
export class ThrottlingException extends DirectoryServiceDataServiceException {
  static override readonly shapeId: string = 'com.amazonaws.directoryservicedata#ThrottlingException';
  override readonly name = 'ThrottlingException' as const;
  override readonly $fault = 'client' as const;
  override $retryable = { throttling: true };
  Message: string | undefined;
  RetryAfterSeconds?: number | undefined;

  constructor(opts: Options<ThrottlingException>) {
    super({ name: 'ThrottlingException', $fault: 'client', ...opts });
    this.Message = opts.Message;
    this.RetryAfterSeconds = opts.RetryAfterSeconds;
  }
}

/** 400: the request is not valid; `Reason` says why. */
export class ValidationException extends DirectoryServiceDataServiceException {
  static override readonly shapeId: string = 'com.amazonaws.directoryservicedata#ValidationException';
  override readonly name = 'ValidationException' as const;
  override readonly $fault = 'client' as const;
  Message?: string | undefined;
  Reason?: ValidationExceptionReason | undefined;

  constructor(opts: Options<ValidationException>) {
    super({ name: 'ValidationException', $fault: 'client', ...opts });
    this.Message = opts.Message;
    this.Reason = opts.Reason;
  }
}
