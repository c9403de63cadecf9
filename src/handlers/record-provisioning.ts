/**
 * RecordProvisioning (the provisioning's end, on the success and the failure path): writes how the execution ended into the
 * provisioning record, then releases the directory's change lease (src/handlers/change-steps.ts).
 */
import { recordChangeCore } from './change-steps.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export const recordProvisioningCore = recordChangeCore;

export const handler = wrapHandler(recordProvisioningCore, 'RecordProvisioning');
