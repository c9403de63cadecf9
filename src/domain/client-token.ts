import { createHash } from 'node:crypto';

/** PCA Connector AD `ClientToken`: 1–64 characters matching `^[!-~]+$`. */
export const CLIENT_TOKEN_PATTERN = /^[!-~]{1,64}$/;

/**
 * The CreateConnector idempotency token for one execution: SHA-256 hex of the execution ARN (up to 256 characters,
 * too long to use as is). Same execution (Lambda retry, Step Functions retry or redrive) → same token → AWS returns
 * the same connector instead of creating a second one. Exactly 64 lower-case hex characters.
 */
export const clientTokenFor = (executionArn: string): string => createHash('sha256').update(executionArn, 'utf8').digest('hex');

/**
 * The idempotency token of one create step of one execution (and, for a step that creates several resources, of one
 * of them): SHA-256 hex of the execution ARN, the step and the item, so retries and redrives of the step resend the
 * same token and every step and item gets its own.
 */
export const stepClientToken = (executionArn: string, step: string, item = ''): string =>
  createHash('sha256').update(`${executionArn}|${step}|${item}`, 'utf8').digest('hex');
