/** EventBridge (awsJson1_1, `AWSEvents.`): PutEvents keeps every entry (Detail parsed) for tests to inspect. */
import { ApiError } from './api-error.ts';
import { obj, str } from './service.ts';
import type { ServiceDef } from './service.ts';

export const eventBridge: ServiceDef = {
  name: 'EventBridge',
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
        ctx.state.events.push({ Source, DetailType, ...(EventBusName ? { EventBusName } : {}), Detail });
        return { EventId: ctx.ids.uuid() };
      });
      return { FailedEntryCount: failed, Entries: results };
    },
  },
};
