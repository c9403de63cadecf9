/**
 * EventBridge (awsJson1_1, `AWSEvents.`): PutEvents keeps every entry (Detail parsed) for tests to inspect
 * (`emulator.events`; saved in snapshots as `events`).
 */
import { sdkErrorNames } from '../core/fault-errors.ts';
import { ApiError } from '../core/api-error.ts';
import { obj, str } from '../core/service.ts';
import type { ServiceDef } from '../core/service.ts';
import { anything, arrayOf, object, optional, string } from '../core/shape.ts';
import type { StateSlot } from '../core/state.ts';

export interface EmittedEvent {
  Source?: string;
  DetailType?: string;
  EventBusName?: string;
  Detail: unknown;
}

/** The events put, in order (one array for the emulator's life: `emulator.events` is this array). */
export const EVENTS: StateSlot<EmittedEvent[]> = {
  name: 'events',
  fresh: () => [],
  load: (snapshot) => (snapshot['events'] as EmittedEvent[] | undefined) ?? [],
  save: (events) => ({ events }),
  check: object({ events: arrayOf(object({ Source: optional(string), DetailType: optional(string), EventBusName: optional(string), Detail: anything })) }),
};

export const eventBridge: ServiceDef = {
  name: 'EventBridge',
  signingName: 'events',
  // No model of this service beside the project: the errors its SDK client models (service-wide).
  errorNames: async () => {
    const sdk = await import('@aws-sdk/client-eventbridge');
    return sdkErrorNames(sdk, sdk.EventBridgeServiceException);
  },
  endpointVariable: 'AWS_ENDPOINT_URL_EVENTBRIDGE',
  protocol: 'awsJson',
  targetPrefix: 'AWSEvents',
  state: [EVENTS],
  ops: {
    PutEvents(input, ctx) {
      const entries = input.Entries;
      if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
        throw new ApiError('ValidationException', '1 validation error detected: Value at \'entries\' failed to satisfy constraint: Member must have length between 1 and 10');
      }
      let failed = 0;
      const results = entries.map((e: unknown) => {
        const entry = obj(e) ?? {};
        const [Source, DetailType, detail, EventBusName] = [str(entry, 'Source'), str(entry, 'DetailType'), str(entry, 'Detail'), str(entry, 'EventBusName')];
        if (!Source || !DetailType || detail === undefined) {
          failed += 1;
          return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required.' };
        }
        let Detail: unknown;
        try {
          Detail = JSON.parse(detail);
        } catch {
          failed += 1;
          return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
        }
        ctx.state.get(EVENTS).push({ Source, DetailType, ...(EventBusName ? { EventBusName } : {}), Detail });
        return { EventId: ctx.ids.uuid() };
      });
      return { FailedEntryCount: failed, Entries: results };
    },
  },
};
