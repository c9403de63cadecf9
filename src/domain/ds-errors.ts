import { DirectoryServiceThrottledError } from './errors.ts';

/**
 * Directory Service models no throttling error; a throttled call is believed to come back as `ClientException`
 * with a message like "Rate exceeded". Only that case is renamed (to the retryable DirectoryServiceThrottledError,
 * message preserved); every other error is returned unchanged so its `name` reaches Step Functions intact.
 */
export const DS_THROTTLE_MESSAGE = /rate exceeded|throttl/i;

/** A Directory Service throttle, as far as one can tell (see above). */
export const isDirectoryServiceThrottle = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ClientException' && DS_THROTTLE_MESSAGE.test(error.message);

export const classifyDirectoryServiceError = (error: unknown): unknown => {
  if (isDirectoryServiceThrottle(error)) {
    const throttled = new DirectoryServiceThrottledError((error as Error).message);
    throttled.cause = error;
    return throttled;
  }
  return error;
};

/** Runs one Directory Service call, classifying its failure. */
export const withDirectoryServiceErrors = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw classifyDirectoryServiceError(error);
  }
};
