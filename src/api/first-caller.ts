/**
 * Which caller answers 202 when several identical API requests start one execution at once (POST and DELETE on
 * /provisionings): the first to write the execution's claim (src/persistence/start-claims.ts).
 */
import { dynamoDb } from '../aws/clients.ts';
import { now } from '../lib/clock.ts';
import { coordinationTableName } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { DynamoDbStartClaims } from '../persistence/start-claims.ts';

/**
 * Whether this caller answers 202 (the first to claim the started execution). The execution is started either way:
 * a claim that cannot be written (throttled, unavailable) answers 200 with it rather than fail the request, so at
 * most one caller ever gets 202. `claimName` must be unique across the state machines whose starts are claimed.
 */
export const firstCaller = async (claimName: string, requestId: string): Promise<boolean> => {
  try {
    return await new DynamoDbStartClaims(dynamoDb(), coordinationTableName()).claim(claimName, requestId, now());
  } catch (err) {
    logger.warn('could not claim the 202 of a started execution; answering 200', { errorName: (err as Error).name });
    return false;
  }
};
