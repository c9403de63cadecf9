/**
 * The commands, built like the generated clients' (`makeBuilder` from the smithy core): each is a `Command` subclass
 * carrying its operation schema, endpoint-parameter instructions and the endpoint plugin.
 */
/* eslint-disable @typescript-eslint/no-empty-object-type -- named Input/Output interfaces, as in the official package */
import { makeBuilder } from '@smithy/core/client';
import { getEndpointPlugin } from '@smithy/core/endpoints';
import type { MetadataBearer as __MetadataBearer } from '@smithy/types';
import { commonParams } from './endpoint.ts';
import type {
  CreateConnectorRequest,
  CreateConnectorResponse,
  CreateDirectoryRegistrationRequest,
  CreateDirectoryRegistrationResponse,
  CreateServicePrincipalNameRequest,
  DeleteConnectorRequest,
  GetConnectorRequest,
  GetConnectorResponse,
  GetDirectoryRegistrationRequest,
  GetDirectoryRegistrationResponse,
  GetServicePrincipalNameRequest,
  GetServicePrincipalNameResponse,
  ListConnectorsRequest,
  ListConnectorsResponse,
  ListDirectoryRegistrationsRequest,
  ListDirectoryRegistrationsResponse,
} from './models.ts';
import type {
  PcaConnectorAdClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes,
} from './PcaConnectorAdClient.ts';
import {
  CreateConnector$,
  CreateDirectoryRegistration$,
  CreateServicePrincipalName$,
  DeleteConnector$,
  GetConnector$,
  GetDirectoryRegistration$,
  GetServicePrincipalName$,
  ListConnectors$,
  ListDirectoryRegistrations$,
} from './schemas.ts';

export type { __MetadataBearer };

const command = makeBuilder<PcaConnectorAdClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes>(
  commonParams,
  'PcaConnectorAd',
  'PcaConnectorAdClient',
  getEndpointPlugin,
);
/** No operation-specific endpoint parameters. */
const _ep0 = {};
/** No operation-specific middleware. */
const _mw0 = () => [];

// --------------------------------------------------------------------------------------------------- CreateConnector

export interface CreateConnectorCommandInput extends CreateConnectorRequest {}
export interface CreateConnectorCommandOutput extends CreateConnectorResponse, __MetadataBearer {}

/** Creates a connector between AWS Private CA and an Active Directory. `ClientToken` defaults to a fresh UUID v4. */
export class CreateConnectorCommand extends command<CreateConnectorCommandInput, CreateConnectorCommandOutput>(
  _ep0,
  _mw0,
  'CreateConnector',
  CreateConnector$,
) {}

// ------------------------------------------------------------------------------------------------------ GetConnector

export interface GetConnectorCommandInput extends GetConnectorRequest {}
export interface GetConnectorCommandOutput extends GetConnectorResponse, __MetadataBearer {}

/** Lists information about a connector (status, status reason, VPC information, …). */
export class GetConnectorCommand extends command<GetConnectorCommandInput, GetConnectorCommandOutput>(
  _ep0,
  _mw0,
  'GetConnector',
  GetConnector$,
) {}

// ---------------------------------------------------------------------------------------------------- ListConnectors

export interface ListConnectorsCommandInput extends ListConnectorsRequest {}
export interface ListConnectorsCommandOutput extends ListConnectorsResponse, __MetadataBearer {}

/** Lists the connectors of the account and region, one page at a time (see `paginateListConnectors`). */
export class ListConnectorsCommand extends command<ListConnectorsCommandInput, ListConnectorsCommandOutput>(
  _ep0,
  _mw0,
  'ListConnectors',
  ListConnectors$,
) {}

// --------------------------------------------------------------------------------------------------- DeleteConnector

export interface DeleteConnectorCommandInput extends DeleteConnectorRequest {}
export interface DeleteConnectorCommandOutput extends __MetadataBearer {}

/** Deletes a connector (asynchronous: the connector goes to DELETING). */
export class DeleteConnectorCommand extends command<DeleteConnectorCommandInput, DeleteConnectorCommandOutput>(
  _ep0,
  _mw0,
  'DeleteConnector',
  DeleteConnector$,
) {}

// --------------------------------------------------------------------------------------- CreateDirectoryRegistration

export interface CreateDirectoryRegistrationCommandInput extends CreateDirectoryRegistrationRequest {}
export interface CreateDirectoryRegistrationCommandOutput extends CreateDirectoryRegistrationResponse, __MetadataBearer {}

/** Registers a directory with the service. `ClientToken` defaults to a fresh UUID v4. */
export class CreateDirectoryRegistrationCommand extends command<CreateDirectoryRegistrationCommandInput, CreateDirectoryRegistrationCommandOutput>(
  _ep0,
  _mw0,
  'CreateDirectoryRegistration',
  CreateDirectoryRegistration$,
) {}

// ------------------------------------------------------------------------------------------ GetDirectoryRegistration

export interface GetDirectoryRegistrationCommandInput extends GetDirectoryRegistrationRequest {}
export interface GetDirectoryRegistrationCommandOutput extends GetDirectoryRegistrationResponse, __MetadataBearer {}

/** Describes a directory registration. */
export class GetDirectoryRegistrationCommand extends command<GetDirectoryRegistrationCommandInput, GetDirectoryRegistrationCommandOutput>(
  _ep0,
  _mw0,
  'GetDirectoryRegistration',
  GetDirectoryRegistration$,
) {}

// ---------------------------------------------------------------------------------------- ListDirectoryRegistrations

export interface ListDirectoryRegistrationsCommandInput extends ListDirectoryRegistrationsRequest {}
export interface ListDirectoryRegistrationsCommandOutput extends ListDirectoryRegistrationsResponse, __MetadataBearer {}

/** Lists directory registrations (see `paginateListDirectoryRegistrations`). */
export class ListDirectoryRegistrationsCommand extends command<ListDirectoryRegistrationsCommandInput, ListDirectoryRegistrationsCommandOutput>(
  _ep0,
  _mw0,
  'ListDirectoryRegistrations',
  ListDirectoryRegistrations$,
) {}

// ---------------------------------------------------------------------------------------- CreateServicePrincipalName

export interface CreateServicePrincipalNameCommandInput extends CreateServicePrincipalNameRequest {}
export interface CreateServicePrincipalNameCommandOutput extends __MetadataBearer {}

/** Creates the service principal name the connector uses to authenticate with the directory. `ClientToken` defaults to a fresh UUID v4. */
export class CreateServicePrincipalNameCommand extends command<CreateServicePrincipalNameCommandInput, CreateServicePrincipalNameCommandOutput>(
  _ep0,
  _mw0,
  'CreateServicePrincipalName',
  CreateServicePrincipalName$,
) {}

// ------------------------------------------------------------------------------------------- GetServicePrincipalName

export interface GetServicePrincipalNameCommandInput extends GetServicePrincipalNameRequest {}
export interface GetServicePrincipalNameCommandOutput extends GetServicePrincipalNameResponse, __MetadataBearer {}

/** Describes the service principal name of a connector in a directory registration. */
export class GetServicePrincipalNameCommand extends command<GetServicePrincipalNameCommandInput, GetServicePrincipalNameCommandOutput>(
  _ep0,
  _mw0,
  'GetServicePrincipalName',
  GetServicePrincipalName$,
) {}
