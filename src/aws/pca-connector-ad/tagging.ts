/**
 * ListTagsForResource (GET /tags/{ResourceArn}): the teardown and the plan read ownership and user tags with it;
 * TagResource (POST /tags/{ResourceArn}, 204): an apply adds the request's tags a resource lacks. Kept beside the other
 * operations' files, built the same way (schema + `makeBuilder` command).
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
export interface TagResourceRequest {
  ResourceArn: string | undefined;
  Tags: Record<string, string> | undefined;
}

export const TagResourceRequest$: StaticStructureSchema = [
  3, NAMESPACE, 'TagResourceRequest', 0, ['ResourceArn', 'Tags'], [[0, { httpLabel: 1 }], 128 | 0], 2,
];
export const TagResource$: StaticOperationSchema = [
  9, NAMESPACE, 'TagResource', { http: ['POST', '/tags/{ResourceArn}', 204] }, () => TagResourceRequest$, () => 'unit',
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

export interface TagResourceCommandInput extends TagResourceRequest {}
export interface TagResourceCommandOutput extends __MetadataBearer {}

/** Adds tags to a connector, registration or template (a tag of the same key gets the new value). */
export class TagResourceCommand extends /* @__PURE__ */ command<TagResourceCommandInput, TagResourceCommandOutput>(
  {},
  () => [],
  'TagResource',
  TagResource$,
) {}
