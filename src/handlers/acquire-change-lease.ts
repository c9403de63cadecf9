/**
 * AcquireChangeLease (provisioning, after ValidateRequest): takes the directory's change lease before anything is
 * created or changed, and lists this execution in the provisioning record (src/handlers/change-steps.ts).
 */
import type { AcquireChangeLeaseInput, ChangeLeaseState } from '../contract.ts';
import { acquireDeps, changeLeaseCoreFor } from './change-steps.ts';
import type { AcquireDeps } from './change-steps.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

const core = changeLeaseCoreFor('provision');

export const acquireChangeLeaseCore = (input: AcquireChangeLeaseInput, deps: AcquireDeps = acquireDeps()): Promise<ChangeLeaseState> => core(input, deps);

export const handler = wrapHandler(acquireChangeLeaseCore, 'AcquireChangeLease');
