/**
 * PCA Connector for AD (restJson1, signing name `pca-connector-ad`): connectors (connectors.ts), directory
 * registrations and service principal names (registrations.ts), templates and access control entries (templates.ts),
 * tagging (tags.ts). Errors carry `x-amzn-ErrorType` and a JSON body with Message/message plus the shape's members.
 */
import { str } from '../core/service.ts';
import type { ServiceDef } from '../core/service.ts';
import { connectorOps, routeConnectors } from './connectors.ts';
import { registrationOps, routeRegistrations } from './registrations.ts';
import {
  CLIENT_TOKENS, CONNECTORS, CONNECTOR_AD_RESOURCES, CONNECTOR_STATUS_REASONS, REGISTRATION_STATUS_REASONS, SPN_STATUS_REASONS, authorizedRegistrations,
} from './state.ts';
import { listTagsForResource, routeTags, tagResource } from './tags.ts';
import { routeTemplates, templateOps } from './templates.ts';

export const STATUS: Record<string, number> = {
  AccessDeniedException: 403,
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  ServiceQuotaExceededException: 402,
  InternalServerException: 500,
  ConflictException: 409,
};

export const pcaConnectorAd: ServiceDef = {
  name: 'PcaConnectorAd',
  signingName: 'pca-connector-ad',
  endpointVariable: 'AWS_ENDPOINT_URL_PCA_CONNECTOR_AD',
  protocol: 'restJson',
  route: (method, url, body) => routeTags(method, url, body) ?? routeConnectors(method, url, body) ?? routeRegistrations(method, url, body) ?? routeTemplates(method, url, body),
  unsignedPath: /^\/connectors/,
  errorStatus: (code) => STATUS[code],
  faultFields(code, input) {
    const id = str(input, 'ConnectorArn') ?? str(input, 'DirectoryId') ?? 'unknown';
    const type = str(input, 'ConnectorArn') ? 'CONNECTOR' : 'DIRECTORY';
    if (code === 'ValidationException') return { Reason: 'OTHER' };
    if (code === 'ResourceNotFoundException' || code === 'ConflictException') return { ResourceId: id, ResourceType: type };
    if (code === 'ServiceQuotaExceededException') return { QuotaCode: 'L-0E0C5E7B', ResourceId: id, ResourceType: 'CONNECTOR', ServiceCode: 'pca-connector-ad' };
    if (code === 'ThrottlingException') return { QuotaCode: 'L-RATE', ServiceCode: 'pca-connector-ad' };
    return {};
  },
  ops: { ...connectorOps, ListTagsForResource: listTagsForResource, TagResource: tagResource, ...registrationOps, ...templateOps },
  lifecycles: {
    ConnectorLifecycle: CONNECTOR_STATUS_REASONS,
    DirectoryRegistrationLifecycle: REGISTRATION_STATUS_REASONS,
    ServicePrincipalNameLifecycle: SPN_STATUS_REASONS,
  },
  state: [CONNECTORS, CLIENT_TOKENS, CONNECTOR_AD_RESOURCES],
  // A directory registration authorizes an application on its directory until it is gone (DELETING included).
  directoryApplications: (ctx, directoryId) => authorizedRegistrations(ctx, directoryId).map((r) => r.Arn),
};
