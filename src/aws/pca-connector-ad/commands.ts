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
  CreateTemplateGroupAccessControlEntryRequest,
  CreateTemplateRequest,
  CreateTemplateResponse,
  DeleteConnectorRequest,
  DeleteDirectoryRegistrationRequest,
  DeleteServicePrincipalNameRequest,
  DeleteTemplateGroupAccessControlEntryRequest,
  DeleteTemplateRequest,
  GetConnectorRequest,
  GetConnectorResponse,
  GetDirectoryRegistrationRequest,
  GetDirectoryRegistrationResponse,
  GetServicePrincipalNameRequest,
  GetServicePrincipalNameResponse,
  GetTemplateGroupAccessControlEntryRequest,
  GetTemplateGroupAccessControlEntryResponse,
  GetTemplateRequest,
  GetTemplateResponse,
  ListConnectorsRequest,
  ListConnectorsResponse,
  ListDirectoryRegistrationsRequest,
  ListDirectoryRegistrationsResponse,
  ListServicePrincipalNamesRequest,
  ListServicePrincipalNamesResponse,
  ListTemplateGroupAccessControlEntriesRequest,
  ListTemplateGroupAccessControlEntriesResponse,
  ListTemplatesRequest,
  ListTemplatesResponse,
  UpdateTemplateGroupAccessControlEntryRequest,
  UpdateTemplateRequest,
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
  CreateTemplate$,
  CreateTemplateGroupAccessControlEntry$,
  DeleteConnector$,
  DeleteDirectoryRegistration$,
  DeleteServicePrincipalName$,
  DeleteTemplate$,
  DeleteTemplateGroupAccessControlEntry$,
  GetConnector$,
  GetDirectoryRegistration$,
  GetServicePrincipalName$,
  GetTemplate$,
  GetTemplateGroupAccessControlEntry$,
  ListConnectors$,
  ListDirectoryRegistrations$,
  ListServicePrincipalNames$,
  ListTemplateGroupAccessControlEntries$,
  ListTemplates$,
  UpdateTemplate$,
  UpdateTemplateGroupAccessControlEntry$,
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
export class CreateConnectorCommand extends /* @__PURE__ */ command<CreateConnectorCommandInput, CreateConnectorCommandOutput>(
  _ep0,
  _mw0,
  'CreateConnector',
  CreateConnector$,
) {}

// ------------------------------------------------------------------------------------------------------ GetConnector

export interface GetConnectorCommandInput extends GetConnectorRequest {}
export interface GetConnectorCommandOutput extends GetConnectorResponse, __MetadataBearer {}

/** Lists information about a connector (status, status reason, VPC information, …). */
export class GetConnectorCommand extends /* @__PURE__ */ command<GetConnectorCommandInput, GetConnectorCommandOutput>(
  _ep0,
  _mw0,
  'GetConnector',
  GetConnector$,
) {}

// ---------------------------------------------------------------------------------------------------- ListConnectors

export interface ListConnectorsCommandInput extends ListConnectorsRequest {}
export interface ListConnectorsCommandOutput extends ListConnectorsResponse, __MetadataBearer {}

/** Lists the connectors of the account and region, one page at a time (see `paginateListConnectors`). */
export class ListConnectorsCommand extends /* @__PURE__ */ command<ListConnectorsCommandInput, ListConnectorsCommandOutput>(
  _ep0,
  _mw0,
  'ListConnectors',
  ListConnectors$,
) {}

// --------------------------------------------------------------------------------------------------- DeleteConnector

export interface DeleteConnectorCommandInput extends DeleteConnectorRequest {}
export interface DeleteConnectorCommandOutput extends __MetadataBearer {}

/** Deletes a connector (asynchronous: the connector goes to DELETING). */
export class DeleteConnectorCommand extends /* @__PURE__ */ command<DeleteConnectorCommandInput, DeleteConnectorCommandOutput>(
  _ep0,
  _mw0,
  'DeleteConnector',
  DeleteConnector$,
) {}

// --------------------------------------------------------------------------------------- CreateDirectoryRegistration

export interface CreateDirectoryRegistrationCommandInput extends CreateDirectoryRegistrationRequest {}
export interface CreateDirectoryRegistrationCommandOutput extends CreateDirectoryRegistrationResponse, __MetadataBearer {}

/** Registers a directory with the service. `ClientToken` defaults to a fresh UUID v4. */
export class CreateDirectoryRegistrationCommand extends /* @__PURE__ */ command<CreateDirectoryRegistrationCommandInput, CreateDirectoryRegistrationCommandOutput>(
  _ep0,
  _mw0,
  'CreateDirectoryRegistration',
  CreateDirectoryRegistration$,
) {}

// ------------------------------------------------------------------------------------------ GetDirectoryRegistration

export interface GetDirectoryRegistrationCommandInput extends GetDirectoryRegistrationRequest {}
export interface GetDirectoryRegistrationCommandOutput extends GetDirectoryRegistrationResponse, __MetadataBearer {}

/** Describes a directory registration. */
export class GetDirectoryRegistrationCommand extends /* @__PURE__ */ command<GetDirectoryRegistrationCommandInput, GetDirectoryRegistrationCommandOutput>(
  _ep0,
  _mw0,
  'GetDirectoryRegistration',
  GetDirectoryRegistration$,
) {}

// ---------------------------------------------------------------------------------------- ListDirectoryRegistrations

export interface ListDirectoryRegistrationsCommandInput extends ListDirectoryRegistrationsRequest {}
export interface ListDirectoryRegistrationsCommandOutput extends ListDirectoryRegistrationsResponse, __MetadataBearer {}

/** Lists directory registrations (see `paginateListDirectoryRegistrations`). */
export class ListDirectoryRegistrationsCommand extends /* @__PURE__ */ command<ListDirectoryRegistrationsCommandInput, ListDirectoryRegistrationsCommandOutput>(
  _ep0,
  _mw0,
  'ListDirectoryRegistrations',
  ListDirectoryRegistrations$,
) {}

// ---------------------------------------------------------------------------------------- CreateServicePrincipalName

export interface CreateServicePrincipalNameCommandInput extends CreateServicePrincipalNameRequest {}
export interface CreateServicePrincipalNameCommandOutput extends __MetadataBearer {}

/** Creates the service principal name the connector uses to authenticate with the directory. `ClientToken` defaults to a fresh UUID v4. */
export class CreateServicePrincipalNameCommand extends /* @__PURE__ */ command<CreateServicePrincipalNameCommandInput, CreateServicePrincipalNameCommandOutput>(
  _ep0,
  _mw0,
  'CreateServicePrincipalName',
  CreateServicePrincipalName$,
) {}

// ------------------------------------------------------------------------------------------- GetServicePrincipalName

export interface GetServicePrincipalNameCommandInput extends GetServicePrincipalNameRequest {}
export interface GetServicePrincipalNameCommandOutput extends GetServicePrincipalNameResponse, __MetadataBearer {}

/** Describes the service principal name of a connector in a directory registration. */
export class GetServicePrincipalNameCommand extends /* @__PURE__ */ command<GetServicePrincipalNameCommandInput, GetServicePrincipalNameCommandOutput>(
  _ep0,
  _mw0,
  'GetServicePrincipalName',
  GetServicePrincipalName$,
) {}

// ----------------------------------------------------------------------------------------- DeleteDirectoryRegistration

export interface DeleteDirectoryRegistrationCommandInput extends DeleteDirectoryRegistrationRequest {}
export interface DeleteDirectoryRegistrationCommandOutput extends __MetadataBearer {}

/** Deletes a directory registration, deauthorizing AWS Private CA with the directory (asynchronous: DELETING). */
export class DeleteDirectoryRegistrationCommand extends /* @__PURE__ */ command<DeleteDirectoryRegistrationCommandInput, DeleteDirectoryRegistrationCommandOutput>(
  _ep0,
  _mw0,
  'DeleteDirectoryRegistration',
  DeleteDirectoryRegistration$,
) {}

// ------------------------------------------------------------------------------------------ DeleteServicePrincipalName

export interface DeleteServicePrincipalNameCommandInput extends DeleteServicePrincipalNameRequest {}
export interface DeleteServicePrincipalNameCommandOutput extends __MetadataBearer {}

/** Deletes the service principal name of a connector in a directory registration (asynchronous: DELETING). */
export class DeleteServicePrincipalNameCommand extends /* @__PURE__ */ command<DeleteServicePrincipalNameCommandInput, DeleteServicePrincipalNameCommandOutput>(
  _ep0,
  _mw0,
  'DeleteServicePrincipalName',
  DeleteServicePrincipalName$,
) {}

// ------------------------------------------------------------------------------------------- ListServicePrincipalNames

export interface ListServicePrincipalNamesCommandInput extends ListServicePrincipalNamesRequest {}
export interface ListServicePrincipalNamesCommandOutput extends ListServicePrincipalNamesResponse, __MetadataBearer {}

/** Lists the service principal names of a directory registration (see `paginateListServicePrincipalNames`). */
export class ListServicePrincipalNamesCommand extends /* @__PURE__ */ command<ListServicePrincipalNamesCommandInput, ListServicePrincipalNamesCommandOutput>(
  _ep0,
  _mw0,
  'ListServicePrincipalNames',
  ListServicePrincipalNames$,
) {}

// ------------------------------------------------------------------------------------------------------ CreateTemplate

export interface CreateTemplateCommandInput extends CreateTemplateRequest {}
export interface CreateTemplateCommandOutput extends CreateTemplateResponse, __MetadataBearer {}

/** Creates a certificate template for a connector. `ClientToken` defaults to a fresh UUID v4. */
export class CreateTemplateCommand extends /* @__PURE__ */ command<CreateTemplateCommandInput, CreateTemplateCommandOutput>(
  _ep0,
  _mw0,
  'CreateTemplate',
  CreateTemplate$,
) {}

// --------------------------------------------------------------------------------------------------------- GetTemplate

export interface GetTemplateCommandInput extends GetTemplateRequest {}
export interface GetTemplateCommandOutput extends GetTemplateResponse, __MetadataBearer {}

/** Describes a template (definition, revision, status, …). */
export class GetTemplateCommand extends /* @__PURE__ */ command<GetTemplateCommandInput, GetTemplateCommandOutput>(
  _ep0,
  _mw0,
  'GetTemplate',
  GetTemplate$,
) {}

// ------------------------------------------------------------------------------------------------------- ListTemplates

export interface ListTemplatesCommandInput extends ListTemplatesRequest {}
export interface ListTemplatesCommandOutput extends ListTemplatesResponse, __MetadataBearer {}

/** Lists the templates of a connector (see `paginateListTemplates`). */
export class ListTemplatesCommand extends /* @__PURE__ */ command<ListTemplatesCommandInput, ListTemplatesCommandOutput>(
  _ep0,
  _mw0,
  'ListTemplates',
  ListTemplates$,
) {}

// ------------------------------------------------------------------------------------------------------ DeleteTemplate

export interface DeleteTemplateCommandInput extends DeleteTemplateRequest {}
export interface DeleteTemplateCommandOutput extends __MetadataBearer {}

/** Deletes a template. */
export class DeleteTemplateCommand extends /* @__PURE__ */ command<DeleteTemplateCommandInput, DeleteTemplateCommandOutput>(
  _ep0,
  _mw0,
  'DeleteTemplate',
  DeleteTemplate$,
) {}

// ------------------------------------------------------------------------------- CreateTemplateGroupAccessControlEntry

export interface CreateTemplateGroupAccessControlEntryCommandInput extends CreateTemplateGroupAccessControlEntryRequest {}
export interface CreateTemplateGroupAccessControlEntryCommandOutput extends __MetadataBearer {}

/** Grants an Active Directory group enroll/auto-enroll rights on a template. `ClientToken` defaults to a fresh UUID v4. */
export class CreateTemplateGroupAccessControlEntryCommand extends /* @__PURE__ */ command<CreateTemplateGroupAccessControlEntryCommandInput, CreateTemplateGroupAccessControlEntryCommandOutput>(
  _ep0,
  _mw0,
  'CreateTemplateGroupAccessControlEntry',
  CreateTemplateGroupAccessControlEntry$,
) {}

// ---------------------------------------------------------------------------------- GetTemplateGroupAccessControlEntry

export interface GetTemplateGroupAccessControlEntryCommandInput extends GetTemplateGroupAccessControlEntryRequest {}
export interface GetTemplateGroupAccessControlEntryCommandOutput extends GetTemplateGroupAccessControlEntryResponse, __MetadataBearer {}

/** Describes the access control entry of a group (by SID) on a template. */
export class GetTemplateGroupAccessControlEntryCommand extends /* @__PURE__ */ command<GetTemplateGroupAccessControlEntryCommandInput, GetTemplateGroupAccessControlEntryCommandOutput>(
  _ep0,
  _mw0,
  'GetTemplateGroupAccessControlEntry',
  GetTemplateGroupAccessControlEntry$,
) {}

// ------------------------------------------------------------------------------- ListTemplateGroupAccessControlEntries

export interface ListTemplateGroupAccessControlEntriesCommandInput extends ListTemplateGroupAccessControlEntriesRequest {}
export interface ListTemplateGroupAccessControlEntriesCommandOutput extends ListTemplateGroupAccessControlEntriesResponse, __MetadataBearer {}

/** Lists the group access control entries of a template (see `paginateListTemplateGroupAccessControlEntries`). */
export class ListTemplateGroupAccessControlEntriesCommand extends /* @__PURE__ */ command<ListTemplateGroupAccessControlEntriesCommandInput, ListTemplateGroupAccessControlEntriesCommandOutput>(
  _ep0,
  _mw0,
  'ListTemplateGroupAccessControlEntries',
  ListTemplateGroupAccessControlEntries$,
) {}

// ------------------------------------------------------------------------------- DeleteTemplateGroupAccessControlEntry

export interface DeleteTemplateGroupAccessControlEntryCommandInput extends DeleteTemplateGroupAccessControlEntryRequest {}
export interface DeleteTemplateGroupAccessControlEntryCommandOutput extends __MetadataBearer {}

/** Deletes the access control entry of a group (by SID) on a template. */
export class DeleteTemplateGroupAccessControlEntryCommand extends /* @__PURE__ */ command<DeleteTemplateGroupAccessControlEntryCommandInput, DeleteTemplateGroupAccessControlEntryCommandOutput>(
  _ep0,
  _mw0,
  'DeleteTemplateGroupAccessControlEntry',
  DeleteTemplateGroupAccessControlEntry$,
) {}

// ------------------------------------------------------------------------------------------------------ UpdateTemplate

export interface UpdateTemplateCommandInput extends UpdateTemplateRequest {}
export interface UpdateTemplateCommandOutput extends __MetadataBearer {}

/** Replaces a template's definition (the minor revision goes up; with ReenrollAllCertificateHolders the major one). */
export class UpdateTemplateCommand extends /* @__PURE__ */ command<UpdateTemplateCommandInput, UpdateTemplateCommandOutput>(
  _ep0,
  _mw0,
  'UpdateTemplate',
  UpdateTemplate$,
) {}

// ------------------------------------------------------------------------------- UpdateTemplateGroupAccessControlEntry

export interface UpdateTemplateGroupAccessControlEntryCommandInput extends UpdateTemplateGroupAccessControlEntryRequest {}
export interface UpdateTemplateGroupAccessControlEntryCommandOutput extends __MetadataBearer {}

/** Changes the rights or the display name of a group's access control entry on a template. */
export class UpdateTemplateGroupAccessControlEntryCommand extends /* @__PURE__ */ command<UpdateTemplateGroupAccessControlEntryCommandInput, UpdateTemplateGroupAccessControlEntryCommandOutput>(
  _ep0,
  _mw0,
  'UpdateTemplateGroupAccessControlEntry',
  UpdateTemplateGroupAccessControlEntry$,
) {}
