/**
 * Every page of the PCA Connector for AD listings the handlers read. Read-only on purpose: the teardown's discovery
 * imports it too, and its bundle (from which the IAM check derives its calls) must carry no create call.
 */
import type {
  AccessControlEntrySummary,
  ConnectorSummary,
  DirectoryRegistrationSummary,
  PcaConnectorAdClient,
  TemplateSummary,
} from './pca-connector-ad-sdk.ts';
import {
  ListConnectorsCommand,
  ListDirectoryRegistrationsCommand,
  ListTemplateGroupAccessControlEntriesCommand,
  ListTemplatesCommand,
} from './pca-connector-ad-sdk.ts';

/** Follows NextToken until the last page (a page may be empty and still have one). */
const allPages = async <T>(page: (NextToken: string | undefined) => Promise<{ items?: T[] | undefined; NextToken?: string | undefined }>): Promise<T[]> => {
  const all: T[] = [];
  let NextToken: string | undefined;
  do {
    const out = await page(NextToken);
    all.push(...(out.items ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return all;
};

/** Every connector of the account and Region. */
export const listAllConnectors = (client: PcaConnectorAdClient): Promise<ConnectorSummary[]> =>
  allPages(async (NextToken) => {
    const p = await client.send(new ListConnectorsCommand({ NextToken }));
    return { items: p.Connectors, NextToken: p.NextToken };
  });

/** Every directory registration of the account and Region. */
export const listAllRegistrations = (client: PcaConnectorAdClient): Promise<DirectoryRegistrationSummary[]> =>
  allPages(async (NextToken) => {
    const p = await client.send(new ListDirectoryRegistrationsCommand({ NextToken }));
    return { items: p.DirectoryRegistrations, NextToken: p.NextToken };
  });

/** Every template of a connector. */
export const listAllTemplates = (client: PcaConnectorAdClient, ConnectorArn: string): Promise<TemplateSummary[]> =>
  allPages(async (NextToken) => {
    const p = await client.send(new ListTemplatesCommand({ ConnectorArn, NextToken }));
    return { items: p.Templates, NextToken: p.NextToken };
  });

/** Every group access control entry of a template. */
export const listAllAccessControlEntries = (client: PcaConnectorAdClient, TemplateArn: string): Promise<AccessControlEntrySummary[]> =>
  allPages(async (NextToken) => {
    const p = await client.send(new ListTemplateGroupAccessControlEntriesCommand({ TemplateArn, NextToken }));
    return { items: p.AccessControlEntries, NextToken: p.NextToken };
  });
