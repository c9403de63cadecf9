import { createPaginator } from '@smithy/core';
import type { PaginationConfiguration, Paginator } from '@smithy/types';
import {
  ListConnectorsCommand,
  ListDirectoryRegistrationsCommand,
  type ListConnectorsCommandInput,
  type ListConnectorsCommandOutput,
  type ListDirectoryRegistrationsCommandInput,
  type ListDirectoryRegistrationsCommandOutput,
} from './commands.ts';
import { PcaConnectorAdClient } from './PcaConnectorAdClient.ts';

export interface PcaConnectorAdPaginationConfiguration extends PaginationConfiguration {
  client: PcaConnectorAdClient;
}

/** Async iterator over ListConnectors pages (`NextToken` in → `NextToken` out, `pageSize` → `MaxResults`). */
export const paginateListConnectors: (
  config: PcaConnectorAdPaginationConfiguration,
  input: ListConnectorsCommandInput,
  ...rest: unknown[]
) => Paginator<ListConnectorsCommandOutput> = createPaginator<
  PcaConnectorAdPaginationConfiguration,
  ListConnectorsCommandInput,
  ListConnectorsCommandOutput
>(PcaConnectorAdClient, ListConnectorsCommand, 'NextToken', 'NextToken', 'MaxResults');

/** Async iterator over ListDirectoryRegistrations pages. */
export const paginateListDirectoryRegistrations: (
  config: PcaConnectorAdPaginationConfiguration,
  input: ListDirectoryRegistrationsCommandInput,
  ...rest: unknown[]
) => Paginator<ListDirectoryRegistrationsCommandOutput> = createPaginator<
  PcaConnectorAdPaginationConfiguration,
  ListDirectoryRegistrationsCommandInput,
  ListDirectoryRegistrationsCommandOutput
>(PcaConnectorAdClient, ListDirectoryRegistrationsCommand, 'NextToken', 'NextToken', 'MaxResults');
