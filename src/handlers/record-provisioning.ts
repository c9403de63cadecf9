/**
 * RecordProvisioning (the provisioning's end, on the success and the failure path): writes how the execution ended into the
 * provisioning record, then releases the directory's change lease (src/handlers/change-steps.ts).
 */
import type { RecordChangeInput, RecordChangeResult } from '../contract.ts';
import { recordChangeCore, recordDeps } from './change-steps.ts';
import type { RecordDeps } from './change-steps.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export const recordProvisioningCore = (input: RecordChangeInput, deps: RecordDeps = recordDeps()): Promise<RecordChangeResult> => recordChangeCore(input, deps);

export const handler = wrapHandler(recordProvisioningCore, 'RecordProvisioning');
