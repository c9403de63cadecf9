/**
 * Every page of the PCA Connector for AD listings the handlers read, through the client's paginators. Read-only on
 * purpose: the teardown's discovery imports it too, and its bundle (from which the IAM check derives its calls) must
 * carry no create call.
 */
import type {
  AccessControlEntrySummary,
  ConnectorSummary,
  DirectoryRegistrationSummary,
  PcaConnectorAdClient,
  ServicePrincipalNameSummary,
  TemplateSummary,
} from './pca-connector-ad-sdk.ts';
import {
  paginateListConnectors,
  paginateListDirectoryRegistrations,
  paginateListServicePrincipalNames,
  paginateListTemplateGroupAccessControlEntries,
  paginateListTemplates,
} from './pca-connector-ad-sdk.ts';
import { allItems } from './pages.ts';

/** Every connector of the account and Region. */
export const listAllConnectors = (client: PcaConnectorAdClient): Promise<ConnectorSummary[]> =>
  allItems(paginateListConnectors({ client }, {}), (p) => p.Connectors);

/** Every directory registration of the account and Region. */
export const listAllRegistrations = (client: PcaConnectorAdClient): Promise<DirectoryRegistrationSummary[]> =>
  allItems(paginateListDirectoryRegistrations({ client }, {}), (p) => p.DirectoryRegistrations);

/** Every service principal name in a directory registration. */
export const listAllServicePrincipalNames = (client: PcaConnectorAdClient, DirectoryRegistrationArn: string): Promise<ServicePrincipalNameSummary[]> =>
  allItems(paginateListServicePrincipalNames({ client }, { DirectoryRegistrationArn }), (p) => p.ServicePrincipalNames);

/** Every template of a connector. */
export const listAllTemplates = (client: PcaConnectorAdClient, ConnectorArn: string): Promise<TemplateSummary[]> =>
  allItems(paginateListTemplates({ client }, { ConnectorArn }), (p) => p.Templates);

/** Every group access control entry of a template. */
export const listAllAccessControlEntries = (client: PcaConnectorAdClient, TemplateArn: string): Promise<AccessControlEntrySummary[]> =>
  allItems(paginateListTemplateGroupAccessControlEntries({ client }, { TemplateArn }), (p) => p.AccessControlEntries);
