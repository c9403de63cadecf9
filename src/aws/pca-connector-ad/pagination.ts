import { createPaginator } from '@smithy/core';
import type { PaginationConfiguration, Paginator } from '@smithy/types';
import {
  ListConnectorsCommand,
  ListDirectoryRegistrationsCommand,
  ListServicePrincipalNamesCommand,
  ListTemplateGroupAccessControlEntriesCommand,
  ListTemplatesCommand,
  type ListConnectorsCommandInput,
  type ListConnectorsCommandOutput,
  type ListDirectoryRegistrationsCommandInput,
  type ListDirectoryRegistrationsCommandOutput,
  type ListServicePrincipalNamesCommandInput,
  type ListServicePrincipalNamesCommandOutput,
  type ListTemplateGroupAccessControlEntriesCommandInput,
  type ListTemplateGroupAccessControlEntriesCommandOutput,
  type ListTemplatesCommandInput,
  type ListTemplatesCommandOutput,
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

/** Async iterator over ListServicePrincipalNames pages. */
export const paginateListServicePrincipalNames: (
  config: PcaConnectorAdPaginationConfiguration,
  input: ListServicePrincipalNamesCommandInput,
  ...rest: unknown[]
) => Paginator<ListServicePrincipalNamesCommandOutput> = createPaginator<
  PcaConnectorAdPaginationConfiguration,
  ListServicePrincipalNamesCommandInput,
  ListServicePrincipalNamesCommandOutput
>(PcaConnectorAdClient, ListServicePrincipalNamesCommand, 'NextToken', 'NextToken', 'MaxResults');

/** Async iterator over ListTemplates pages. */
export const paginateListTemplates: (
  config: PcaConnectorAdPaginationConfiguration,
  input: ListTemplatesCommandInput,
  ...rest: unknown[]
) => Paginator<ListTemplatesCommandOutput> = createPaginator<
  PcaConnectorAdPaginationConfiguration,
  ListTemplatesCommandInput,
  ListTemplatesCommandOutput
>(PcaConnectorAdClient, ListTemplatesCommand, 'NextToken', 'NextToken', 'MaxResults');

/** Async iterator over ListTemplateGroupAccessControlEntries pages. */
export const paginateListTemplateGroupAccessControlEntries: (
  config: PcaConnectorAdPaginationConfiguration,
  input: ListTemplateGroupAccessControlEntriesCommandInput,
  ...rest: unknown[]
) => Paginator<ListTemplateGroupAccessControlEntriesCommandOutput> = createPaginator<
  PcaConnectorAdPaginationConfiguration,
  ListTemplateGroupAccessControlEntriesCommandInput,
  ListTemplateGroupAccessControlEntriesCommandOutput
>(PcaConnectorAdClient, ListTemplateGroupAccessControlEntriesCommand, 'NextToken', 'NextToken', 'MaxResults');
