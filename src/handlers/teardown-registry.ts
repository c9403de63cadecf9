/** The Lambda handler of every teardown Task state, by state name (as registry.ts for the provisioning). */
import type { Context } from 'aws-lambda';
import type { TeardownStateName } from '../workflow/catalog.ts';
import { handler as acquireTeardownLease } from './acquire-teardown-lease.ts';
import { handler as deleteConnectors } from './delete-connectors.ts';
import { handler as deleteDirectories } from './delete-directories.ts';
import { handler as deletePasswordSecret } from './delete-password-secret.ts';
import { handler as discoverResources } from './discover-resources.ts';
import { handler as recordTeardown } from './record-teardown.ts';

export const TEARDOWN_HANDLERS: Record<TeardownStateName, (event: unknown, context: Context) => Promise<unknown>> = {
  DiscoverResources: discoverResources,
  AcquireTeardownLease: acquireTeardownLease,
  DeleteConnectors: deleteConnectors,
  DeleteDirectories: deleteDirectories,
  DeletePasswordSecret: deletePasswordSecret,
  RecordTeardown: recordTeardown,
};
