/** An AWS error to put on the wire: `code` is the error name the SDK exposes as `error.name`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra members of the error shape (e.g. `Reason`, `ResourceId`), serialised next to the message. */
  readonly fields: Record<string, unknown>;
  constructor(code: string, message: string, status = 400, fields: Record<string, unknown> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

/** Status for an error name a service does not model: 5xx for the usual server-fault names, else 400. */
export function defaultStatus(code: string): number {
  return /(ServiceException|InternalServerException|InternalServiceError|InternalFailure|InternalError)$/.test(code) ? 500 : 400;
}
