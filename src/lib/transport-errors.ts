/**
 * Transport failures of AWS SDK calls, renamed for Step Functions.
 *
 * Lambda reports `errorType = error.name`, and the SDK surfaces a network failure as `TimeoutError` (ECONNRESET,
 * EPIPE, ETIMEDOUT, socket and connection timeouts) or as a plain `Error` (ECONNREFUSED, ENOTFOUND, EAI_AGAIN,
 * EHOSTUNREACH, ENETUNREACH, a reset while the response body is read, HTTP parse errors); the `code` that tells
 * them apart never reaches Step Functions. So the task handlers rename them to the two catalogued names, keeping
 * the message (plus the code) and the original error as `cause`:
 *  - TransportNotSentError: no connection was made, on the call's only attempt, so nothing reached the service;
 *  - TransportMaybeSentError: everything else; the service may have acted on the request.
 * Modelled service errors (`$fault` set), AbortError and every non-transport error pass through unchanged.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { TransportMaybeSentError, TransportNotSentError } from '../domain/errors.ts';

/** Failures before a TCP connection exists. */
export const NOT_SENT_CODES: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];
/** Failures on an established connection (node-http-handler renames these to TimeoutError). */
export const MAYBE_SENT_CODES: readonly string[] = ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'];

/** node-http-handler 4.x and 2.x messages of a connection (not socket) timeout. */
const CONNECT_TIMEOUT = /did not establish a connection|without establishing a connection/;

interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { attempts?: unknown };
}

export type TransportClass = 'not-sent' | 'maybe-sent';

/** Which transport failure `error` is, or undefined when it is not one (service errors, aborts, anything else). */
export const classifyTransportError = (error: unknown): TransportClass | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as SdkErrorLike;
  if (e.$fault !== undefined || e.name === 'AbortError') return undefined;
  const code = typeof e.code === 'string' ? e.code : '';
  const connectTimeout = e.name === 'TimeoutError' && typeof e.message === 'string' && CONNECT_TIMEOUT.test(e.message);
  const beforeConnection = NOT_SENT_CODES.includes(code) || connectTimeout;
  if (beforeConnection) {
    // Only the last attempt is known to have failed before connecting; an earlier SDK attempt may have landed.
    const attempts = typeof e.$metadata?.attempts === 'number' ? e.$metadata.attempts : 1;
    return attempts <= 1 ? 'not-sent' : 'maybe-sent';
  }
  if (MAYBE_SENT_CODES.includes(code) || e.name === 'TimeoutError' || code.startsWith('HPE_')) return 'maybe-sent';
  return undefined;
};

/** The catalogued error for a transport failure (message kept, code appended, original as `cause`); else `error`. */
export const renameTransportError = (error: unknown): unknown => {
  const kind = classifyTransportError(error);
  if (!kind) return error;
  const e = error as Error & { code?: unknown };
  const code = typeof e.code === 'string' && !e.message.includes(e.code) ? ` (${e.code})` : '';
  const renamed = kind === 'not-sent' ? new TransportNotSentError(`${e.message}${code}`) : new TransportMaybeSentError(`${e.message}${code}`);
  renamed.cause = error;
  return renamed;
};

/** middy middleware: a handler's transport failure leaves the Lambda under its catalogued name. */
export const transportErrorNames = <TEvent, TResult>(): MiddlewareObj<TEvent, TResult, Error, Context> => ({
  onError: (request) => {
    const renamed = renameTransportError(request.error);
    if (renamed !== request.error) request.error = renamed as Error;
  },
});
