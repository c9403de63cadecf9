/**
 * A mixed world: some services on another endpoint (e.g. moto_server), the rest emulated. The emulated PCA Connector
 * AD must then see the directory, the security groups and the CA where the workflow put them, not in its own maps:
 * these lookups ask the configured endpoints with the real SDK clients, as the real service would ask its peers.
 */
import { ACMPCAClient, DescribeCertificateAuthorityCommand } from '@aws-sdk/client-acm-pca';
import { DescribeDirectoriesCommand, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import type { DirectoryDescription } from '@aws-sdk/client-directory-service';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListConnectorsCommand, PcaConnectorAdClient } from '../../../../src/aws/pca-connector-ad-sdk.ts';

/** Endpoints of the services that are not the emulator (`AWS_ENDPOINT_URL_<SERVICE>` as the user set them). */
export interface ExternalEndpoints {
  directoryService?: string;
  ec2?: string;
  acmPca?: string;
  pcaConnectorAd?: string;
}

const ENV: Record<keyof ExternalEndpoints, string> = {
  directoryService: 'AWS_ENDPOINT_URL_DIRECTORY_SERVICE',
  ec2: 'AWS_ENDPOINT_URL_EC2',
  acmPca: 'AWS_ENDPOINT_URL_ACM_PCA',
  pcaConnectorAd: 'AWS_ENDPOINT_URL_PCA_CONNECTOR_AD',
};

/** The endpoints set in `env` for the services the connector emulator needs to consult (or count). */
export const externalEndpointsFrom = (env: NodeJS.ProcessEnv): ExternalEndpoints => {
  const out: ExternalEndpoints = {};
  for (const [key, variable] of Object.entries(ENV) as [keyof ExternalEndpoints, string][]) {
    const value = env[variable];
    if (value) out[key] = value;
  }
  return out;
};

export interface ExternalLookups {
  /** The directory (stage and VPC) on the external Directory Service; null when it does not exist there. */
  directory?(id: string): Promise<{ stage: string; vpcId: string } | null>;
  /** The security group's VPC on the external EC2; null when it does not exist there. */
  securityGroup?(id: string): Promise<{ vpcId: string } | null>;
  /** The CA's status on the external ACM PCA; null when it does not exist there. */
  certificateAuthority?(arn: string): Promise<{ status: string } | null>;
  /** Destroys the SDK clients (the emulator's stop). */
  close(): void;
}

const clientConfig = (endpoint: string, region: string) => ({
  endpoint,
  region,
  // The user's credentials if set (a real endpoint), else dummies (moto accepts any).
  ...(process.env['AWS_ACCESS_KEY_ID'] ? {} : { credentials: { accessKeyId: 'AKIAEMULATOR00000000', secretAccessKey: 'emulator-dummy-secret-key' } }),
});

const missing = (err: unknown, names: string[]): boolean => err instanceof Error && names.includes(err.name);

const directoryVpc = (d: DirectoryDescription): string => d.VpcSettings?.VpcId ?? d.ConnectSettings?.VpcId ?? '';

/** Lookups for the external endpoints among `endpoints` (none: undefined, the emulator's own state is used). */
export const externalLookups = (endpoints: ExternalEndpoints, region: string): ExternalLookups | undefined => {
  const clients: { destroy(): void }[] = [];
  const lookups: ExternalLookups = { close: () => clients.forEach((c) => c.destroy()) };
  if (endpoints.directoryService) {
    const ds = new DirectoryServiceClient(clientConfig(endpoints.directoryService, region));
    clients.push(ds);
    lookups.directory = async (id) => {
      try {
        const out = await ds.send(new DescribeDirectoriesCommand({ DirectoryIds: [id] }));
        const d = out.DirectoryDescriptions?.[0];
        return d ? { stage: d.Stage ?? 'Unknown', vpcId: directoryVpc(d) } : null;
      } catch (err) {
        if (missing(err, ['EntityDoesNotExistException'])) return null;
        throw err;
      }
    };
  }
  if (endpoints.ec2) {
    const ec2 = new EC2Client(clientConfig(endpoints.ec2, region));
    clients.push(ec2);
    lookups.securityGroup = async (id) => {
      try {
        const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups?.[0];
        return group ? { vpcId: group.VpcId ?? '' } : null;
      } catch (err) {
        if (missing(err, ['InvalidGroup.NotFound', 'InvalidGroupId.Malformed'])) return null;
        throw err;
      }
    };
  }
  if (endpoints.acmPca) {
    const pca = new ACMPCAClient(clientConfig(endpoints.acmPca, region));
    clients.push(pca);
    lookups.certificateAuthority = async (arn) => {
      try {
        const ca = (await pca.send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: arn }))).CertificateAuthority;
        return ca ? { status: ca.Status ?? 'Unknown' } : null;
      } catch (err) {
        if (missing(err, ['ResourceNotFoundException'])) return null;
        throw err;
      }
    };
  }
  return clients.length > 0 ? lookups : undefined;
};

/** Directories on the external Directory Service that exist and are not being deleted (for the world's counts). */
export const countExternalDirectories = async (endpoint: string, region: string): Promise<number> => {
  const ds = new DirectoryServiceClient(clientConfig(endpoint, region));
  try {
    let count = 0;
    let NextToken: string | undefined;
    do {
      const page = await ds.send(new DescribeDirectoriesCommand({ ...(NextToken ? { NextToken } : {}) }));
      count += (page.DirectoryDescriptions ?? []).filter((d) => d.Stage !== 'Deleting' && d.Stage !== 'Deleted').length;
      NextToken = page.NextToken;
    } while (NextToken);
    return count;
  } finally {
    ds.destroy();
  }
};

/** Connectors on the external PCA Connector AD that are not being deleted (for the world's counts). */
export const countExternalConnectors = async (endpoint: string, region: string): Promise<number> => {
  const client = new PcaConnectorAdClient(clientConfig(endpoint, region));
  try {
    let count = 0;
    let NextToken: string | undefined;
    do {
      const page = await client.send(new ListConnectorsCommand({ ...(NextToken ? { NextToken } : {}) }));
      count += (page.Connectors ?? []).filter((c) => c.Status !== 'DELETING').length;
      NextToken = page.NextToken;
    } while (NextToken);
    return count;
  } finally {
    client.destroy();
  }
};
