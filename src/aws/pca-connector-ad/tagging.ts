/**
 * ListTagsForResource (GET /tags/{ResourceArn}): the teardown reads a connector's ownership tags with it. Kept beside
 * the other operations' files, built the same way (schema + `makeBuilder` command).
 */
/* eslint-disable @typescript-eslint/no-empty-object-type -- named Input/Output interfaces, as in the official package */
import { makeBuilder } from '@smithy/core/client';
import { getEndpointPlugin } from '@smithy/core/endpoints';
import type { MetadataBearer as __MetadataBearer, StaticOperationSchema, StaticStructureSchema } from '@smithy/types';
import { commonParams } from './endpoint.ts';
import type { PcaConnectorAdClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes } from './PcaConnectorAdClient.ts';
import { NAMESPACE } from './schemas.ts';

export interface ListTagsForResourceRequest {
  ResourceArn: string | undefined;
}
export interface ListTagsForResourceResponse {
  Tags?: Record<string, string> | undefined;
}

export const ListTagsForResourceRequest$: StaticStructureSchema = [
  3, NAMESPACE, 'ListTagsForResourceRequest', 0, ['ResourceArn'], [[0, { httpLabel: 1 }]], 1,
];
export const ListTagsForResourceResponse$: StaticStructureSchema = [
  3, NAMESPACE, 'ListTagsForResourceResponse', 0, ['Tags'], [128 | 0],
];
export const ListTagsForResource$: StaticOperationSchema = [
  9, NAMESPACE, 'ListTagsForResource', { http: ['GET', '/tags/{ResourceArn}', 200] },
  () => ListTagsForResourceRequest$, () => ListTagsForResourceResponse$,
];

export interface ListTagsForResourceCommandInput extends ListTagsForResourceRequest {}
export interface ListTagsForResourceCommandOutput extends ListTagsForResourceResponse, __MetadataBearer {}

const command = makeBuilder<PcaConnectorAdClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes>(
  commonParams,
  'PcaConnectorAd',
  'PcaConnectorAdClient',
  getEndpointPlugin,
);

/** Lists the tags of a connector, registration or template. */
export class ListTagsForResourceCommand extends /* @__PURE__ */ command<ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput>(
  {},
  () => [],
  'ListTagsForResource',
  ListTagsForResource$,
) {}
