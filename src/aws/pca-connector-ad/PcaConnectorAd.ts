import { createAggregatedClient } from '@smithy/core/client';
import type { HttpHandlerOptions, PaginationConfiguration, Paginator } from '@smithy/types';
import {
  CreateConnectorCommand,
  CreateDirectoryRegistrationCommand,
  CreateServicePrincipalNameCommand,
  DeleteConnectorCommand,
  GetConnectorCommand,
  GetDirectoryRegistrationCommand,
  GetServicePrincipalNameCommand,
  ListConnectorsCommand,
  ListDirectoryRegistrationsCommand,
  type CreateConnectorCommandInput,
  type CreateConnectorCommandOutput,
  type CreateDirectoryRegistrationCommandInput,
  type CreateDirectoryRegistrationCommandOutput,
  type CreateServicePrincipalNameCommandInput,
  type CreateServicePrincipalNameCommandOutput,
  type DeleteConnectorCommandInput,
  type DeleteConnectorCommandOutput,
  type GetConnectorCommandInput,
  type GetConnectorCommandOutput,
  type GetDirectoryRegistrationCommandInput,
  type GetDirectoryRegistrationCommandOutput,
  type GetServicePrincipalNameCommandInput,
  type GetServicePrincipalNameCommandOutput,
  type ListConnectorsCommandInput,
  type ListConnectorsCommandOutput,
  type ListDirectoryRegistrationsCommandInput,
  type ListDirectoryRegistrationsCommandOutput,
} from './commands.ts';
import { paginateListConnectors, paginateListDirectoryRegistrations } from './pagination.ts';
import { PcaConnectorAdClient } from './PcaConnectorAdClient.ts';

const commands = {
  CreateConnectorCommand,
  CreateDirectoryRegistrationCommand,
  CreateServicePrincipalNameCommand,
  DeleteConnectorCommand,
  GetConnectorCommand,
  GetDirectoryRegistrationCommand,
  GetServicePrincipalNameCommand,
  ListConnectorsCommand,
  ListDirectoryRegistrationsCommand,
};
const paginators = { paginateListConnectors, paginateListDirectoryRegistrations };

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
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- methods are installed below, as upstream
export class PcaConnectorAd extends PcaConnectorAdClient implements PcaConnectorAd {}
createAggregatedClient(commands, PcaConnectorAd, { paginators });
