/**
 * The commands, built like the generated clients' (`makeBuilder` from the smithy core): each is a `Command` subclass
 * carrying its operation schema, endpoint-parameter instructions and the endpoint plugin.
 */
import { makeBuilder } from '@smithy/core/client';
import { getEndpointPlugin } from '@smithy/core/endpoints';
import type { MetadataBearer as __MetadataBearer } from '@smithy/types';
import type { DirectoryServiceDataClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes } from './DirectoryServiceDataClient.ts';
import { commonParams } from './endpoint.ts';
import type { CreateGroupRequest, CreateGroupResult, DescribeGroupRequest, DescribeGroupResult } from './models.ts';
import { CreateGroup$, DescribeGroup$ } from './schemas.ts';

export type { __MetadataBearer };

const command = makeBuilder<DirectoryServiceDataClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes>(
  commonParams,
  'DirectoryServiceData',
  'DirectoryServiceDataClient',
  getEndpointPlugin,
);
/** No operation-specific endpoint parameters. */
const _ep0 = {};
/** No operation-specific middleware. */
const _mw0 = () => [];

export type DescribeGroupCommandInput = DescribeGroupRequest;
export type DescribeGroupCommandOutput = DescribeGroupResult & __MetadataBearer;

/** Describes a group by its sAMAccountName: SID, distinguished name, type, scope, and any `OtherAttributes` asked for. */
export class DescribeGroupCommand extends /* @__PURE__ */ command<DescribeGroupCommandInput, DescribeGroupCommandOutput>(
  _ep0,
  _mw0,
  'DescribeGroup',
  DescribeGroup$,
) {}

export type CreateGroupCommandInput = CreateGroupRequest;
export type CreateGroupCommandOutput = CreateGroupResult & __MetadataBearer;

/** Creates a group in the directory. `ClientToken` defaults to a fresh UUID v4. */
export class CreateGroupCommand extends /* @__PURE__ */ command<CreateGroupCommandInput, CreateGroupCommandOutput>(
  _ep0,
  _mw0,
  'CreateGroup',
  CreateGroup$,
) {}
