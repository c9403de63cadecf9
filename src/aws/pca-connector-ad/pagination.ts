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

/** An async iterator over the pages of one List operation. */
export type PcaConnectorAdPaginator<Input, Output> = (
  config: PcaConnectorAdPaginationConfiguration,
  input: Input,
  ...rest: unknown[]
) => Paginator<Output>;

/** Every List operation pages alike: `NextToken` in → `NextToken` out, `pageSize` → `MaxResults`. */
const paginatorOf = <Input extends object, Output extends object>(command: unknown): PcaConnectorAdPaginator<Input, Output> =>
  createPaginator<PcaConnectorAdPaginationConfiguration, Input, Output>(PcaConnectorAdClient, command, 'NextToken', 'NextToken', 'MaxResults');

// `/* @__PURE__ */`: a bundle keeps only the paginators (and so the commands) it uses.
export const paginateListConnectors = /* @__PURE__ */ paginatorOf<ListConnectorsCommandInput, ListConnectorsCommandOutput>(
  ListConnectorsCommand,
);
export const paginateListDirectoryRegistrations = /* @__PURE__ */ paginatorOf<
  ListDirectoryRegistrationsCommandInput,
  ListDirectoryRegistrationsCommandOutput
>(ListDirectoryRegistrationsCommand);
export const paginateListServicePrincipalNames = /* @__PURE__ */ paginatorOf<
  ListServicePrincipalNamesCommandInput,
  ListServicePrincipalNamesCommandOutput
>(ListServicePrincipalNamesCommand);
export const paginateListTemplates = /* @__PURE__ */ paginatorOf<ListTemplatesCommandInput, ListTemplatesCommandOutput>(ListTemplatesCommand);
export const paginateListTemplateGroupAccessControlEntries = /* @__PURE__ */ paginatorOf<
  ListTemplateGroupAccessControlEntriesCommandInput,
  ListTemplateGroupAccessControlEntriesCommandOutput
>(ListTemplateGroupAccessControlEntriesCommand);
