/**
 * AcquireChangeLease (provisioning, after ValidateRequest): takes the directory's change lease before anything is
 * created or changed, and lists this execution in the provisioning record (src/handlers/change-steps.ts).
 */
import { changeLeaseCoreFor } from './change-steps.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export const acquireChangeLeaseCore = changeLeaseCoreFor('provision');

export const handler = wrapHandler(acquireChangeLeaseCore, 'AcquireChangeLease');
