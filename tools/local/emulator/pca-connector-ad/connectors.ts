/**
 * PCA Connector for AD, the connector itself (restJson1): CreateConnector (POST /connectors, 202), GetConnector
 * (GET /connectors/{ConnectorArn}), ListConnectors (GET /connectors), DeleteConnector (DELETE /connectors/{arn}, 202).
 * A connector is CREATING, then ACTIVE (or FAILED with an outcome) on the simulated clock; DELETING, then gone.
 */
import { ApiError } from '../core/api-error.ts';
import { canonical, decodeToken, encodeToken, epochSeconds, obj, str, strList } from '../core/service.ts';
import type { Json, Route, ServiceContext } from '../core/service.ts';
import { directoryStage, existingDirectories } from '../directory-service/state.ts';
import { invalid, notFound } from './requests.ts';
import { CLIENT_TOKENS, CONNECTORS, CONNECTOR_AD_SETTINGS, connectorStatus, existingConnectors, liveSpns, liveTemplates } from './state.ts';
import type { ConnectorRecord, ConnectorStatusReason } from './state.ts';

const PATTERNS = {
  connectorArn: /^arn:[\w-]+:pca-connector-ad:[\w-]+:[0-9]+:connector\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/,
  caArn: /^arn:[\w-]+:acm-pca:[\w-]+:[0-9]+:certificate-authority\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/,
  directoryId: /^d-[0-9a-f]{10}$/,
  sg: /^(?:sg-[0-9a-f]{8}|sg-[0-9a-f]{17})$/,
  clientToken: /^[!-~]+$/,
};
const DEFAULT_PAGE = 100;

function field(name: string, value: string | undefined, re: RegExp, required = true): void {
  if (value === undefined) {
    if (required) throw invalid(`1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
    return;
  }
  if (!re.test(value)) throw invalid(`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${re.source}`);
}

function view(c: ConnectorRecord, ctx: ServiceContext): Json {
  const st = connectorStatus(c, ctx.clock.now());
  return {
    Arn: c.Arn,
    CertificateAuthorityArn: c.CertificateAuthorityArn,
    CertificateEnrollmentPolicyServerEndpoint: c.CertificateEnrollmentPolicyServerEndpoint,
    CreatedAt: epochSeconds(c.createdAtMs),
    DirectoryId: c.DirectoryId,
    Status: st?.status ?? 'DELETING',
    ...(st?.reason ? { StatusReason: st.reason } : {}),
    UpdatedAt: epochSeconds(st?.sinceMs ?? c.createdAtMs),
    VpcInformation: c.VpcInformation,
  };
}

function findConnector(ctx: ServiceContext, arn: string | undefined): ConnectorRecord {
  field('connectorArn', arn, PATTERNS.connectorArn);
  const c = existingConnectors(ctx).find((x) => x.Arn === arn);
  if (!c) throw notFound('CONNECTOR', arn ?? '', `Connector ${arn} was not found.`);
  return c;
}

/**
 * What CreateConnector checks about its peers, from another endpoint (a mixed world, ExternalLookups); a key left
 * out is read from the emulator's own state and seed.
 */
interface PeerFacts {
  directory?: { stage: string; vpcId: string } | null;
  ca?: { status: string } | null;
  groups?: Record<string, { vpcId: string } | null>;
}

/** The connector created earlier with this ClientToken for the same request, if any (ConflictException if another). */
function repeatOf(input: Json, ctx: ServiceContext): Json | undefined {
  const token = str(input, 'ClientToken');
  if (token === undefined) return undefined;
  if (token.length < 1 || token.length > 64 || !PATTERNS.clientToken.test(token)) {
    throw invalid(`1 validation error detected: Value at 'clientToken' failed to satisfy constraint: Member must have length between 1 and 64 and satisfy regular expression pattern: ${PATTERNS.clientToken.source}`);
  }
  // Idempotency: the same ClientToken with the same request returns the connector created the first time (202
  // again, nothing new). The same token with a DIFFERENT request is a ConflictException, as AWS does for reused
  // idempotency tokens.
  const { ClientToken: _t, ...rest } = input;
  const seen = ctx.state.get(CLIENT_TOKENS).find((t) => t.token === token);
  if (!seen) return undefined;
  if (seen.fingerprint === canonical(rest)) return { ConnectorArn: seen.connectorArn };
  throw new ApiError('ConflictException', 'The ClientToken was already used with a different request.', 409, {
    ResourceId: seen.connectorArn,
    ResourceType: 'CONNECTOR',
  });
}

/** Asks the external endpoints about the directory, the groups and the CA (only well-formed ids are looked up). */
async function peerFacts(input: Json, ctx: ServiceContext): Promise<PeerFacts> {
  const ext = ctx.external;
  const facts: PeerFacts = {};
  if (!ext) return facts;
  const directoryId = str(input, 'DirectoryId');
  const caArn = str(input, 'CertificateAuthorityArn');
  const sgIds = strList(obj(input.VpcInformation)?.SecurityGroupIds) ?? [];
  if (ext.directory && directoryId !== undefined && PATTERNS.directoryId.test(directoryId)) facts.directory = await ext.directory(directoryId);
  if (ext.certificateAuthority && caArn !== undefined && PATTERNS.caArn.test(caArn)) facts.ca = await ext.certificateAuthority(caArn);
  if (ext.securityGroup) {
    const lookup = ext.securityGroup;
    facts.groups = Object.fromEntries(await Promise.all(sgIds.filter((sg) => PATTERNS.sg.test(sg)).map(async (sg) => [sg, await lookup(sg)] as const)));
  }
  return facts;
}

/**
 * CreateConnector. In a mixed world it first asks the other endpoints about its peers, then decides and records
 * synchronously (no await between the ClientToken check and the new record: two concurrent calls cannot both create).
 */
async function createConnectorOp(input: Json, ctx: ServiceContext): Promise<Json> {
  if (!ctx.external) return createConnector(input, ctx, {});
  const repeat = repeatOf(input, ctx);
  if (repeat) return repeat;
  return createConnector(input, ctx, await peerFacts(input, ctx));
}

function createConnector(input: Json, ctx: ServiceContext, facts: PeerFacts): Json {
  const directoryId = str(input, 'DirectoryId');
  const caArn = str(input, 'CertificateAuthorityArn');
  const token = str(input, 'ClientToken');
  const vpcInfo = obj(input.VpcInformation);
  const sgIds = strList(vpcInfo?.SecurityGroupIds);
  const tags = obj(input.Tags) ?? {};

  const repeat = repeatOf(input, ctx);
  if (repeat) return repeat;

  field('directoryId', directoryId, PATTERNS.directoryId);
  field('certificateAuthorityArn', caArn, PATTERNS.caArn);
  if (!vpcInfo || !sgIds) throw invalid(`1 validation error detected: Value null at 'vpcInformation.securityGroupIds' failed to satisfy constraint: Member must not be null`);
  if (sgIds.length < 1 || sgIds.length > 4) {
    throw invalid(`1 validation error detected: Value '[${sgIds.join(', ')}]' at 'vpcInformation.securityGroupIds' failed to satisfy constraint: Member must have length between 1 and 4`);
  }
  sgIds.forEach((sg) => field('vpcInformation.securityGroupIds.member', sg, PATTERNS.sg));
  const ipType = str(vpcInfo, 'IpAddressType');
  if (ipType !== undefined && !['IPV4', 'DUALSTACK'].includes(ipType)) {
    throw invalid(`1 validation error detected: Value '${ipType}' at 'vpcInformation.ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [IPV4, DUALSTACK]`);
  }

  // The directory: where the workflow created it (the emulator, or the external Directory Service).
  let directory: { stage: string; vpcId: string; type?: string } | null;
  if (facts.directory !== undefined) {
    directory = facts.directory;
  } else {
    const own = existingDirectories(ctx).find((d) => d.DirectoryId === directoryId && d.deletedAtMs === undefined);
    directory = own ? { stage: directoryStage(own, ctx.clock.now())?.stage ?? 'Deleted', vpcId: own.VpcSettings.VpcId, type: own.Type } : null;
  }
  if (!directory) throw notFound('DIRECTORY', directoryId ?? '', `Directory ${directoryId} was not found.`);
  if (directory.stage !== 'Active') throw invalid(`Directory ${directoryId} is in stage ${directory.stage}; it must be Active.`, 'INVALID_STATE');
  // AWS documents Connector for AD for AWS Managed Microsoft AD and AD Connector only. What AWS answers for a Simple AD
  // directory is undocumented; this emulator refuses it synchronously (an assumption, README known limits) so that a
  // connector is never ACTIVE on a directory AWS does not support.
  if (directory.type === 'SimpleAD') {
    throw invalid(`Directory ${directoryId} is a Simple AD directory (DIRECTORY_TYPE_NOT_SUPPORTED): Connector for AD supports AWS Managed Microsoft AD and AD Connector.`, 'OTHER');
  }

  const ca = facts.ca !== undefined ? facts.ca : ((s) => (s ? { status: s.Status } : null))(ctx.seed.certificateAuthorities.find((x) => x.Arn === caArn));
  if (!ca) throw notFound('CERTIFICATE_AUTHORITY', caArn ?? '', `Certificate authority ${caArn} was not found.`);
  if (ca.status !== 'ACTIVE') throw invalid(`Certificate authority ${caArn} is ${ca.status}; it must be ACTIVE.`, 'INVALID_STATE');

  for (const sg of sgIds) {
    const seeded = ctx.seed.securityGroups.find((g) => g.GroupId === sg);
    const group = facts.groups !== undefined ? facts.groups[sg] ?? null : seeded ? { vpcId: seeded.VpcId } : null;
    if (!group) throw notFound('SECURITY_GROUP', sg, `Security group ${sg} was not found.`);
    if (group.vpcId !== directory.vpcId) {
      throw invalid(`Security group ${sg} is in ${group.vpcId}, not in the directory's VPC ${directory.vpcId}.`, 'MISMATCHED_VPC');
    }
  }

  const live = existingConnectors(ctx).filter((c) => c.deletedAtMs === undefined);
  const other = live.find((c) => c.DirectoryId === directoryId);
  if (other) {
    throw new ApiError('ConflictException', `A connector already exists for directory ${directoryId}.`, 409, { ResourceId: other.Arn, ResourceType: 'CONNECTOR' });
  }
  const limit = ctx.seed.connectorLimit ?? 10;
  if (live.length >= limit) {
    throw new ApiError('ServiceQuotaExceededException', `You have reached the quota of ${limit} connectors.`, 402, {
      QuotaCode: 'L-0E0C5E7B', ResourceId: directoryId, ResourceType: 'CONNECTOR', ServiceCode: 'pca-connector-ad',
    });
  }

  const id = ctx.ids.uuid();
  const arn = `arn:aws:pca-connector-ad:${ctx.seed.region}:${ctx.seed.accountId}:connector/${id}`;
  const settings = ctx.state.get(CONNECTOR_AD_SETTINGS);
  const lifecycleFault = ctx.faults.take('PcaConnectorAd', 'ConnectorLifecycle');
  const outcome = lifecycleFault ? { statusReason: lifecycleFault.error as ConnectorStatusReason } : settings.connectorOutcome;
  const record: ConnectorRecord = {
    Arn: arn,
    DirectoryId: directoryId ?? '',
    CertificateAuthorityArn: caArn ?? '',
    VpcInformation: { ...(ipType ? { IpAddressType: ipType } : {}), SecurityGroupIds: sgIds },
    Tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)])),
    CertificateEnrollmentPolicyServerEndpoint: `https://${id}.pca-connector-ad.${ctx.seed.region}.amazonaws.com/cep/policy`,
    createdAtMs: ctx.clock.now(),
    activeAfterSeconds: settings.connectorActiveAfterSeconds,
    ...(outcome ? { outcome: { statusReason: outcome.statusReason, afterSeconds: outcome.afterSeconds ?? settings.connectorActiveAfterSeconds } } : {}),
  };
  ctx.state.get(CONNECTORS).push(record);
  if (token !== undefined) {
    const { ClientToken: _t, ...rest } = input;
    ctx.state.get(CLIENT_TOKENS).push({ token, connectorArn: arn, fingerprint: canonical(rest) });
  }
  return { ConnectorArn: arn };
}

export const connectorOps: Record<string, (input: Json, ctx: ServiceContext) => Json | Promise<Json>> = {
  CreateConnector: createConnectorOp,
  GetConnector: (input, ctx) => ({ Connector: view(findConnector(ctx, str(input, 'ConnectorArn')), ctx) }),
  ListConnectors(input, ctx) {
    const maxRaw = input.MaxResults;
    const max = maxRaw === undefined ? DEFAULT_PAGE : Number(maxRaw);
    if (!Number.isInteger(max) || max < 1 || max > 1000) {
      throw invalid(`1 validation error detected: Value '${String(maxRaw)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
    }
    const all = [...existingConnectors(ctx)].sort((a, b) => a.createdAtMs - b.createdAtMs);
    const start = decodeToken(str(input, 'NextToken'), () => invalid('The NextToken is not valid.'));
    const end = start + max;
    return { Connectors: all.slice(start, end).map((c) => view(c, ctx)), ...(end < all.length ? { NextToken: encodeToken(end) } : {}) };
  },
  DeleteConnector(input, ctx) {
    const c = findConnector(ctx, str(input, 'ConnectorArn'));
    if (c.deletedAtMs === undefined) {
      // AWS documents no such rule: refusing while the connector's templates or SPNs remain is an assumption (the
      // conservative choice; a teardown that deletes them first works either way).
      const template = liveTemplates(ctx).find((t) => t.ConnectorArn === c.Arn);
      if (template) {
        throw new ApiError('ConflictException', `Connector ${c.Arn} still has template ${template.Arn}; delete it first.`, 409, { ResourceId: template.Arn, ResourceType: 'TEMPLATE' });
      }
      const spn = liveSpns(ctx).find((s) => s.ConnectorArn === c.Arn);
      if (spn) {
        throw new ApiError('ConflictException', `Connector ${c.Arn} still has a service principal name in ${spn.DirectoryRegistrationArn}; delete it first.`, 409, {
          ResourceId: spn.DirectoryRegistrationArn, ResourceType: 'SERVICE_PRINCIPAL_NAME',
        });
      }
    }
    c.deletedAtMs ??= ctx.clock.now();
    return {};
  },
};

/** restJson1 routes of the operations above. */
export function routeConnectors(method: string, url: URL, body: Json): Route | undefined {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/connectors') {
    if (method === 'POST') return { op: 'CreateConnector', input: body, status: 202 };
    if (method === 'GET') {
      const input: Json = {};
      const max = url.searchParams.get('MaxResults');
      const next = url.searchParams.get('NextToken');
      if (max !== null) input.MaxResults = max;
      if (next !== null) input.NextToken = next;
      return { op: 'ListConnectors', input, status: 200 };
    }
  }
  const m = /^\/connectors\/([^/]+)$/.exec(path);
  if (m?.[1]) {
    const arn = decodeURIComponent(m[1]);
    if (method === 'GET') return { op: 'GetConnector', input: { ConnectorArn: arn }, status: 200 };
    if (method === 'DELETE') return { op: 'DeleteConnector', input: { ConnectorArn: arn }, status: 202 };
  }
  return undefined;
}
