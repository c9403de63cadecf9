/**
 * `npm run gen:operation-errors`: writes tools/local/emulator/core/models/operation-errors.json, the errors each
 * operation of the modelled emulated services may answer (the `errors` of every operation in the service models
 * beside the project, ../shared/reference), which `npm start -- --fault OP:ERROR` checks ERROR against.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_ERRORS_PATH, OPERATION_ERROR_MODELS, operationErrorsFrom } from '../local/emulator/core/fault-errors.ts';
import type { ServiceModel } from '../local/emulator/core/fault-errors.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
export const REFERENCE_DIR = join(ROOT, '..', 'shared', 'reference');

const models: Record<string, ServiceModel> = {};
for (const [service, file] of Object.entries(OPERATION_ERROR_MODELS)) {
  models[service] = JSON.parse(readFileSync(join(REFERENCE_DIR, file), 'utf8')) as ServiceModel;
}
writeFileSync(join(ROOT, OPERATION_ERRORS_PATH), `${JSON.stringify(operationErrorsFrom(models), null, 1)}\n`);
console.log(`wrote ${OPERATION_ERRORS_PATH} from ${REFERENCE_DIR}`);
