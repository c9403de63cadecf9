/**
 * Which caller of `POST /provisionings` or `DELETE /provisionings/{id}` answers 202 when several identical requests
 * start one execution at once. StartExecution gives every caller that names a RUNNING execution with the same input
 * the original response, so it cannot tell who started it; the first caller to write the execution's claim (a
 * conditional PutItem on the coordination table, key `api-start#<claim name>`: the execution name, or
 * `teardown:<provisioning name>` for a DELETE) answers 202, the others 200. A request that finds the execution
 * already there (DescribeExecution) answers 200 without claiming.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { epochSeconds } from '../domain/directory-lease.ts';

/** How long a claim is kept (TTL): far longer than concurrent requests are apart. */
export const START_CLAIM_SECONDS = 24 * 3600;

export const startClaimKey = (executionName: string): string => `api-start#${executionName}`;

export interface StartClaims {
  /** true for the first caller to claim this execution's 202, false for every later one. */
  claim(executionName: string, requestId: string, now: Date): Promise<boolean>;
}

export class DynamoDbStartClaims implements StartClaims {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async claim(executionName: string, requestId: string, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            pk: { S: startClaimKey(executionName) },
            owner: { S: requestId },
            expiresAt: { N: String(epochSeconds(now) + START_CLAIM_SECONDS) },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}
