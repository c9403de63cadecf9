/**
 * What happens to a request event a start function rejects (src/handlers/start-from-event.ts,
 * start-teardown-from-event.ts): it is dead-lettered by the function itself, REDACTED, and the invocation succeeds.
 *
 * Why the function does not simply fail: a failed asynchronous invocation ends, after Lambda's retries, in the
 * function's on-failure destination with the whole event as `requestPayload`, and a rejected event may carry the
 * very secret it is rejected for (`Directory.Password`). Retrying a rejected event cannot help either: the same
 * event gets the same violations. So the function puts a letter on the triggers' dead-letter queue (the same queue
 * as the on-failure destination and the rule target's DLQ) in which every password-like key and every value a
 * violation names is replaced by "[redacted]" (a value that broke a rule may be a pasted secret), and returns.
 *
 * If the letter cannot be sent: an event that needed no redaction fails the invocation (Lambda's retries, then the
 * on-failure destination, keep it); one that did is never handed back to Lambda: the log line (event id and
 * violation paths, no values) is then its only record.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqs } from '../aws/clients.ts';
import type { InvalidRequestError, Violation } from '../domain/errors.ts';
import { PASSWORD_KEY } from '../domain/password.ts';
import { keyPath } from '../domain/spec.ts';
import { deadLetterQueueUrl } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';

export const REDACTED = '[redacted]';

/** A key that names a Secrets Manager reference, not a secret (`PasswordSecretId`). */
const SECRET_REFERENCE_KEY = /SecretId$/;

/**
 * The event with every password-like key (anywhere) and every value a violation path names (under `detail`, paths as
 * the validator writes them, prefixed `detail.`) replaced by "[redacted]"; `fields` counts the replacements.
 */
export const redactRejectedEvent = (event: unknown, violations: readonly Violation[]): { event: unknown; fields: number } => {
  const named = new Set(violations.map((v) => v.path));
  let fields = 0;
  /** `rel`: the path inside `detail` as the validator writes it ('' for `detail` itself), undefined outside it. */
  const walk = (value: unknown, rel: string | undefined): unknown => {
    if (rel !== undefined && named.has(rel === '' ? 'detail' : `detail.${rel}`) && value !== undefined) {
      fields += 1;
      return REDACTED;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, rel === undefined ? undefined : `${rel}[${i}]`));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => {
        if (PASSWORD_KEY.test(k) && !SECRET_REFERENCE_KEY.test(k)) {
          fields += 1;
          return [k, REDACTED];
        }
        // Violation paths only exist under `detail` (the request); the envelope is matched by password-like keys.
        const child = rel === undefined ? (k === 'detail' ? '' : undefined) : keyPath(rel, k);
        return [k, walk(v, child)];
      }),
    );
  };
  return { event: walk(event, undefined), fields };
};

/** The dead letter of a rejected event: what was wrong, and the event without anything that may be secret. */
export interface RejectedLetter {
  reason: 'rejected';
  errorName: string;
  errorMessage: string;
  violations: Violation[];
  redactedFields: number;
  event: unknown;
}

export interface RejectedOutcome {
  rejected: true;
  eventId: string | undefined;
  /** false only when the letter could not be sent and the event carried something redacted. */
  deadLettered: boolean;
  violations: Violation[];
}

/** Sends the redacted letter of a rejected event to the triggers' DLQ (see the module comment for failures). */
export const deadLetterRejectedEvent = async (event: unknown, error: InvalidRequestError, eventId: string | undefined): Promise<RejectedOutcome> => {
  const { event: redacted, fields } = redactRejectedEvent(event, error.violations);
  const letter: RejectedLetter = {
    reason: 'rejected',
    errorName: error.name,
    errorMessage: error.message,
    violations: error.violations,
    redactedFields: fields,
    event: redacted,
  };
  try {
    await sqs().send(new SendMessageCommand({ QueueUrl: deadLetterQueueUrl(), MessageBody: JSON.stringify(letter) }));
    return { rejected: true, eventId, deadLettered: true, violations: error.violations };
  } catch (sendError) {
    if (fields === 0) throw sendError;
    logger.error('rejected event not dead-lettered: it carried a value that may be secret, so it is not handed back to Lambda', {
      eventId,
      errorName: sendError instanceof Error ? sendError.name : 'Error',
      violations: error.violations.map((v) => v.path),
    });
    return { rejected: true, eventId, deadLettered: false, violations: error.violations };
  }
};
