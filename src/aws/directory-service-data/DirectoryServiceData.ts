import type { HttpHandlerOptions } from '@smithy/types';
import {
  CreateGroupCommand,
  DescribeGroupCommand,
  type CreateGroupCommandInput,
  type CreateGroupCommandOutput,
  type DescribeGroupCommandInput,
  type DescribeGroupCommandOutput,
} from './commands.ts';
import { DirectoryServiceDataClient } from './DirectoryServiceDataClient.ts';

/** Method-style API (`await dsData.describeGroup({ DirectoryId, SAMAccountName })`), as the official aggregated client. */
export class DirectoryServiceData extends DirectoryServiceDataClient {
  describeGroup(args: DescribeGroupCommandInput, options?: HttpHandlerOptions): Promise<DescribeGroupCommandOutput> {
    return this.send(new DescribeGroupCommand(args), options);
  }

  createGroup(args: CreateGroupCommandInput, options?: HttpHandlerOptions): Promise<CreateGroupCommandOutput> {
    return this.send(new CreateGroupCommand(args), options);
  }
}
