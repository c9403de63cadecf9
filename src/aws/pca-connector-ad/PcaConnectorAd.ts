import { createAggregatedClient } from '@smithy/core/client';
import type { HttpHandlerOptions, PaginationConfiguration, Paginator } from '@smithy/types';
import {
  CreateConnectorCommand,
  CreateDirectoryRegistrationCommand,
  CreateServicePrincipalNameCommand,
  CreateTemplateCommand,
  CreateTemplateGroupAccessControlEntryCommand,
  DeleteConnectorCommand,
  DeleteDirectoryRegistrationCommand,
  DeleteServicePrincipalNameCommand,
  DeleteTemplateCommand,
  DeleteTemplateGroupAccessControlEntryCommand,
  GetConnectorCommand,
  GetDirectoryRegistrationCommand,
  GetServicePrincipalNameCommand,
  GetTemplateCommand,
  GetTemplateGroupAccessControlEntryCommand,
  ListConnectorsCommand,
  ListDirectoryRegistrationsCommand,
  ListServicePrincipalNamesCommand,
  ListTemplateGroupAccessControlEntriesCommand,
  ListTemplatesCommand,
  UpdateTemplateCommand,
  UpdateTemplateGroupAccessControlEntryCommand,
  type CreateConnectorCommandInput,
  type CreateConnectorCommandOutput,
  type CreateDirectoryRegistrationCommandInput,
  type CreateDirectoryRegistrationCommandOutput,
  type CreateServicePrincipalNameCommandInput,
  type CreateServicePrincipalNameCommandOutput,
  type CreateTemplateCommandInput,
  type CreateTemplateCommandOutput,
  type CreateTemplateGroupAccessControlEntryCommandInput,
  type CreateTemplateGroupAccessControlEntryCommandOutput,
  type DeleteConnectorCommandInput,
  type DeleteConnectorCommandOutput,
  type DeleteDirectoryRegistrationCommandInput,
  type DeleteDirectoryRegistrationCommandOutput,
  type DeleteServicePrincipalNameCommandInput,
  type DeleteServicePrincipalNameCommandOutput,
  type DeleteTemplateCommandInput,
  type DeleteTemplateCommandOutput,
  type DeleteTemplateGroupAccessControlEntryCommandInput,
  type DeleteTemplateGroupAccessControlEntryCommandOutput,
  type GetConnectorCommandInput,
  type GetConnectorCommandOutput,
  type GetDirectoryRegistrationCommandInput,
  type GetDirectoryRegistrationCommandOutput,
  type GetServicePrincipalNameCommandInput,
  type GetServicePrincipalNameCommandOutput,
  type GetTemplateCommandInput,
  type GetTemplateCommandOutput,
  type GetTemplateGroupAccessControlEntryCommandInput,
  type GetTemplateGroupAccessControlEntryCommandOutput,
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
  type UpdateTemplateCommandInput,
  type UpdateTemplateCommandOutput,
  type UpdateTemplateGroupAccessControlEntryCommandInput,
  type UpdateTemplateGroupAccessControlEntryCommandOutput,
} from './commands.ts';
import {
  paginateListConnectors,
  paginateListDirectoryRegistrations,
  paginateListServicePrincipalNames,
  paginateListTemplates,
  paginateListTemplateGroupAccessControlEntries,
} from './pagination.ts';
import { PcaConnectorAdClient } from './PcaConnectorAdClient.ts';

const commands = {
  CreateConnectorCommand,
  CreateDirectoryRegistrationCommand,
  CreateServicePrincipalNameCommand,
  CreateTemplateCommand,
  CreateTemplateGroupAccessControlEntryCommand,
  DeleteConnectorCommand,
  DeleteDirectoryRegistrationCommand,
  DeleteServicePrincipalNameCommand,
  DeleteTemplateCommand,
  DeleteTemplateGroupAccessControlEntryCommand,
  GetConnectorCommand,
  GetDirectoryRegistrationCommand,
  GetServicePrincipalNameCommand,
  GetTemplateCommand,
  GetTemplateGroupAccessControlEntryCommand,
  ListConnectorsCommand,
  ListDirectoryRegistrationsCommand,
  ListServicePrincipalNamesCommand,
  ListTemplateGroupAccessControlEntriesCommand,
  ListTemplatesCommand,
  UpdateTemplateCommand,
  UpdateTemplateGroupAccessControlEntryCommand,
};
const paginators = {
  paginateListConnectors,
  paginateListDirectoryRegistrations,
  paginateListServicePrincipalNames,
  paginateListTemplates,
  paginateListTemplateGroupAccessControlEntries,
};

/** Method-style API (`await pca.getConnector({ ConnectorArn })`), as the official aggregated client (promise forms). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- methods are installed below, as upstream
export interface PcaConnectorAd {
  createConnector(args: CreateConnectorCommandInput, options?: HttpHandlerOptions): Promise<CreateConnectorCommandOutput>;
  createDirectoryRegistration(
    args: CreateDirectoryRegistrationCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<CreateDirectoryRegistrationCommandOutput>;
  createServicePrincipalName(
    args: CreateServicePrincipalNameCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<CreateServicePrincipalNameCommandOutput>;
  deleteConnector(args: DeleteConnectorCommandInput, options?: HttpHandlerOptions): Promise<DeleteConnectorCommandOutput>;
  getConnector(args: GetConnectorCommandInput, options?: HttpHandlerOptions): Promise<GetConnectorCommandOutput>;
  getDirectoryRegistration(
    args: GetDirectoryRegistrationCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<GetDirectoryRegistrationCommandOutput>;
  getServicePrincipalName(
    args: GetServicePrincipalNameCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<GetServicePrincipalNameCommandOutput>;
  listConnectors(args?: ListConnectorsCommandInput, options?: HttpHandlerOptions): Promise<ListConnectorsCommandOutput>;
  listDirectoryRegistrations(
    args?: ListDirectoryRegistrationsCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<ListDirectoryRegistrationsCommandOutput>;
  paginateListConnectors(
    args?: ListConnectorsCommandInput,
    paginationConfig?: Omit<PaginationConfiguration, 'client'>,
  ): Paginator<ListConnectorsCommandOutput>;
  paginateListDirectoryRegistrations(
    args?: ListDirectoryRegistrationsCommandInput,
    paginationConfig?: Omit<PaginationConfiguration, 'client'>,
  ): Paginator<ListDirectoryRegistrationsCommandOutput>;
  deleteDirectoryRegistration(
    args: DeleteDirectoryRegistrationCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<DeleteDirectoryRegistrationCommandOutput>;
  deleteServicePrincipalName(
    args: DeleteServicePrincipalNameCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<DeleteServicePrincipalNameCommandOutput>;
  listServicePrincipalNames(
    args: ListServicePrincipalNamesCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<ListServicePrincipalNamesCommandOutput>;
  createTemplate(
    args: CreateTemplateCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<CreateTemplateCommandOutput>;
  getTemplate(
    args: GetTemplateCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<GetTemplateCommandOutput>;
  listTemplates(
    args: ListTemplatesCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<ListTemplatesCommandOutput>;
  deleteTemplate(
    args: DeleteTemplateCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<DeleteTemplateCommandOutput>;
  createTemplateGroupAccessControlEntry(
    args: CreateTemplateGroupAccessControlEntryCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<CreateTemplateGroupAccessControlEntryCommandOutput>;
  getTemplateGroupAccessControlEntry(
    args: GetTemplateGroupAccessControlEntryCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<GetTemplateGroupAccessControlEntryCommandOutput>;
  listTemplateGroupAccessControlEntries(
    args: ListTemplateGroupAccessControlEntriesCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<ListTemplateGroupAccessControlEntriesCommandOutput>;
  deleteTemplateGroupAccessControlEntry(
    args: DeleteTemplateGroupAccessControlEntryCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<DeleteTemplateGroupAccessControlEntryCommandOutput>;
  updateTemplate(
    args: UpdateTemplateCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<UpdateTemplateCommandOutput>;
  updateTemplateGroupAccessControlEntry(
    args: UpdateTemplateGroupAccessControlEntryCommandInput,
    options?: HttpHandlerOptions,
  ): Promise<UpdateTemplateGroupAccessControlEntryCommandOutput>;
  paginateListServicePrincipalNames(
    args: ListServicePrincipalNamesCommandInput,
    paginationConfig?: Omit<PaginationConfiguration, 'client'>,
  ): Paginator<ListServicePrincipalNamesCommandOutput>;
  paginateListTemplates(
    args: ListTemplatesCommandInput,
    paginationConfig?: Omit<PaginationConfiguration, 'client'>,
  ): Paginator<ListTemplatesCommandOutput>;
  paginateListTemplateGroupAccessControlEntries(
    args: ListTemplateGroupAccessControlEntriesCommandInput,
    paginationConfig?: Omit<PaginationConfiguration, 'client'>,
  ): Paginator<ListTemplateGroupAccessControlEntriesCommandOutput>;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- methods are installed below, as upstream
export class PcaConnectorAd extends PcaConnectorAdClient implements PcaConnectorAd {}
createAggregatedClient(commands, PcaConnectorAd, { paginators });
