import { Client as __Client } from '@smithy/core/client';
import type { CheckOptionalClientConfig as __CheckOptionalClientConfig } from '@smithy/types';
import { ServiceClient, type ClientConfig, type ClientResolvedConfig } from '../smithy-client/client.ts';
import type {
  CreateGroupCommandInput,
  CreateGroupCommandOutput,
  DescribeGroupCommandInput,
  DescribeGroupCommandOutput,
} from './commands.ts';
import { SIGNING_NAME } from './endpoint.ts';
import { getRuntimeConfig } from './runtimeConfig.ts';

export { __Client };

export type ServiceInputTypes = CreateGroupCommandInput | DescribeGroupCommandInput;

export type ServiceOutputTypes = CreateGroupCommandOutput | DescribeGroupCommandOutput;

export type { ClientDefaults } from '../smithy-client/client.ts';

export type DirectoryServiceDataClientConfigType = ClientConfig;

/** Constructor options of {@link DirectoryServiceDataClient}: `region`, `credentials`, `endpoint`, `maxAttempts`, … */
export type DirectoryServiceDataClientConfig = DirectoryServiceDataClientConfigType;

export type DirectoryServiceDataClientResolvedConfigType = ClientResolvedConfig;

export type DirectoryServiceDataClientResolvedConfig = DirectoryServiceDataClientResolvedConfigType;

/**
 * Directory Service Data client, composed like a generated v3 client (see `ServiceClient`): endpoint resolution by
 * `endpoint`, `AWS_ENDPOINT_URL_DIRECTORY_SERVICE_DATA` or the rule set (`ds-data.{region}.amazonaws.com`), SigV4
 * signing as `ds-data` with the default credential provider chain.
 */
export class DirectoryServiceDataClient extends ServiceClient<ServiceInputTypes, ServiceOutputTypes> {
  constructor(...[configuration]: __CheckOptionalClientConfig<DirectoryServiceDataClientConfig>) {
    super(getRuntimeConfig, SIGNING_NAME, configuration);
  }
}
