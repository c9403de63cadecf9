/**
 * AcquireTeardownLease (teardown, after DiscoverResources): takes the directory's change lease before anything is
 * deleted, and lists this execution in the provisioning record (src/handlers/change-steps.ts).
 */
import { changeLeaseCoreFor } from './change-steps.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export const acquireTeardownLeaseCore = changeLeaseCoreFor('teardown');

export const handler = wrapHandler(acquireTeardownLeaseCore, 'AcquireTeardownLease');
