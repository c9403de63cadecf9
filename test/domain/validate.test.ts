import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateRequest } from '../../src/domain/validate.ts';
import { readEvent } from '../fixtures.ts';

type Req = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests mutate free-form JSON

const sample = (): Req => readEvent<Req>('execution-input.json');
const simpleAd = (): Req => readEvent<Req>('execution-input-simple-ad.json');
const microsoftAd = (): Req => readEvent<Req>('execution-input-microsoft-ad.json');

const hex17 = 'a'.repeat(17);

interface Case {
  name: string;
  base?: () => Req;
  mutate: (r: Req) => void;
  /** Expected violation path (undefined: the request stays valid). */
  path?: string;
  /** Substring of the message. */
  message?: string;
}

const cases: Case[] = [
  // Directory.Type
  { name: 'Type SimpleAD without a Connector', base: simpleAd, mutate: () => undefined },
  { name: 'Type omitted without a Connector defaults to SimpleAD', base: simpleAd, mutate: (r) => { delete r.Directory.Type; } },
  { name: 'Connector omitted (MicrosoftAD)', mutate: (r) => { delete r.Connector; } },
  {
    name: 'Type SimpleAD with a Connector: refused, citing DIRECTORY_TYPE_NOT_SUPPORTED and the documented types',
    base: () => readEvent<Req>('invalid-simple-ad-connector.json'),
    mutate: () => undefined,
    path: 'Directory.Type',
    message: 'DIRECTORY_TYPE_NOT_SUPPORTED): AWS documents AWS Private CA Connector for Active Directory for AWS Managed Microsoft AD and AD Connector only',
  },
  {
    name: 'Type omitted with a Connector: refused (the default is SimpleAD)',
    base: simpleAd,
    mutate: (r) => { delete r.Directory.Type; r.Connector = sample().Connector; },
    path: 'Directory.Type',
    message: '(Type defaults to SimpleAD)',
  },
  { name: 'Type MicrosoftAD (with Edition)', base: microsoftAd, mutate: () => undefined },
  { name: 'Type ADConnector', mutate: (r) => { r.Directory.Type = 'ADConnector'; }, path: 'Directory.Type', message: 'SimpleAD | MicrosoftAD' },
  { name: 'Type not a string', mutate: (r) => { r.Directory.Type = 7; }, path: 'Directory.Type', message: 'got a number' },
  // Directory.Name
  { name: 'Name with hyphen', mutate: (r) => { r.Directory.Name = 'my-corp.example.com'; } },
  { name: 'Name single label', mutate: (r) => { r.Directory.Name = 'corp'; }, path: 'Directory.Name', message: 'fully qualified' },
  { name: 'Name underscore', mutate: (r) => { r.Directory.Name = 'corp_x.example.com'; }, path: 'Directory.Name' },
  { name: 'Name trailing dot', mutate: (r) => { r.Directory.Name = 'corp.example.'; }, path: 'Directory.Name' },
  { name: 'Name backslash (DNS)', mutate: (r) => { r.Directory.Name = 'corp\\example.com'; }, path: 'Directory.Name' },
  { name: 'Name missing', mutate: (r) => { delete r.Directory.Name; }, path: 'Directory.Name', message: 'is required' },
  { name: 'Name label > 63', mutate: (r) => { r.Directory.Name = `${'a'.repeat(64)}.example.com`; }, path: 'Directory.Name', message: '63' },
  { name: 'Name huge', mutate: (r) => { r.Directory.Name = 'a.'.repeat(100_000) + 'com'; }, path: 'Directory.Name', message: '1-255' },
  // Directory.ShortName
  { name: 'ShortName ok', mutate: (r) => { r.Directory.ShortName = 'CORP-1'; } },
  { name: 'ShortName omitted', mutate: (r) => { delete r.Directory.ShortName; } },
  { name: 'ShortName starts with dot', mutate: (r) => { r.Directory.ShortName = '.CORP'; }, path: 'Directory.ShortName' },
  { name: 'ShortName with colon', mutate: (r) => { r.Directory.ShortName = 'CO:RP'; }, path: 'Directory.ShortName' },
  { name: 'ShortName > 15 (NetBIOS)', mutate: (r) => { r.Directory.ShortName = 'A'.repeat(16); }, path: 'Directory.ShortName', message: '1-15' },
  { name: 'ShortName empty', mutate: (r) => { r.Directory.ShortName = ''; }, path: 'Directory.ShortName' },
  { name: 'ShortName control char', mutate: (r) => { r.Directory.ShortName = 'CO\u0007RP'; }, path: 'Directory.ShortName', message: 'control' },
  // Directory.Description
  { name: 'Description ok with punctuation', mutate: (r) => { r.Directory.Description = 'Corp AD: pki/certs #1 @team = ok?'; } },
  { name: 'Description empty', mutate: (r) => { r.Directory.Description = ''; } },
  { name: 'Description 128', mutate: (r) => { r.Directory.Description = 'a'.repeat(128); } },
  { name: 'Description 129', mutate: (r) => { r.Directory.Description = 'a'.repeat(129); }, path: 'Directory.Description', message: 'at most 128' },
  { name: 'Description starts with space', mutate: (r) => { r.Directory.Description = ' leading'; }, path: 'Directory.Description' },
  { name: 'Description with <', mutate: (r) => { r.Directory.Description = 'a<b'; }, path: 'Directory.Description' },
  { name: 'Description with NUL', mutate: (r) => { r.Directory.Description = 'a\u0000b'; }, path: 'Directory.Description' },
  // Size / Edition
  { name: 'Size Large', base: simpleAd, mutate: (r) => { r.Directory.Size = 'Large'; } },
  { name: 'Size Medium', base: simpleAd, mutate: (r) => { r.Directory.Size = 'Medium'; }, path: 'Directory.Size', message: 'Small | Large' },
  { name: 'Size missing for SimpleAD', base: simpleAd, mutate: (r) => { delete r.Directory.Size; }, path: 'Directory.Size', message: 'required' },
  { name: 'Size for MicrosoftAD', base: microsoftAd, mutate: (r) => { r.Directory.Size = 'Small'; }, path: 'Directory.Size', message: 'SimpleAD only' },
  { name: 'Edition Enterprise', base: microsoftAd, mutate: (r) => { r.Directory.Edition = 'Enterprise'; } },
  { name: 'Edition omitted for MicrosoftAD', base: microsoftAd, mutate: (r) => { delete r.Directory.Edition; } },
  { name: 'Edition Hybrid', base: microsoftAd, mutate: (r) => { r.Directory.Edition = 'Hybrid'; }, path: 'Directory.Edition' },
  { name: 'Edition for SimpleAD', base: simpleAd, mutate: (r) => { r.Directory.Edition = 'Standard'; }, path: 'Directory.Edition', message: 'MicrosoftAD only' },
  // PasswordSecretId
  { name: 'PasswordSecretId ARN', mutate: (r) => { r.Directory.PasswordSecretId = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ad-cert-orchestrator/ad-admin-password-AbCdEf'; } },
  { name: 'PasswordSecretId missing', mutate: (r) => { delete r.Directory.PasswordSecretId; }, path: 'Directory.PasswordSecretId', message: 'required' },
  { name: 'PasswordSecretId empty', mutate: (r) => { r.Directory.PasswordSecretId = ''; }, path: 'Directory.PasswordSecretId' },
  { name: 'PasswordSecretId 2049', mutate: (r) => { r.Directory.PasswordSecretId = 'a'.repeat(2049); }, path: 'Directory.PasswordSecretId', message: '1-2048' },
  { name: 'PasswordSecretId not a string', mutate: (r) => { r.Directory.PasswordSecretId = { id: 'x' }; }, path: 'Directory.PasswordSecretId', message: 'got an object' },
  // the deployment's password-secret scope (IAM allows reading only secrets named under the prefix)
  { name: 'PasswordSecretId outside the scope', mutate: (r) => { r.Directory.PasswordSecretId = 'corp-admin'; }, path: 'Directory.PasswordSecretId', message: 'must start with "ad-cert-orchestrator/"' },
  { name: 'PasswordSecretId ARN outside the scope', mutate: (r) => { r.Directory.PasswordSecretId = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:corp-admin-AbCdEf'; }, path: 'Directory.PasswordSecretId', message: 'passwordSecretPrefix' },
  { name: 'PasswordSecretId only the prefix', mutate: (r) => { r.Directory.PasswordSecretId = 'ad-cert-orchestrator/'; }, path: 'Directory.PasswordSecretId', message: 'outside' },
  { name: 'PasswordSecretId prefix in the middle', mutate: (r) => { r.Directory.PasswordSecretId = 'x/ad-cert-orchestrator/corp'; }, path: 'Directory.PasswordSecretId', message: 'outside' },
  { name: 'PasswordSecretId partial ARN in the scope', mutate: (r) => { r.Directory.PasswordSecretId = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ad-cert-orchestrator/corp'; } },
  // VpcSettings
  { name: 'VpcId 8 hex', mutate: (r) => { r.Directory.VpcSettings.VpcId = 'vpc-0a1b2c3d'; } },
  { name: 'VpcId upper-case hex', mutate: (r) => { r.Directory.VpcSettings.VpcId = 'vpc-0A1B2C3D'; }, path: 'Directory.VpcSettings.VpcId' },
  { name: 'VpcId 9 hex', mutate: (r) => { r.Directory.VpcSettings.VpcId = 'vpc-0a1b2c3d4'; }, path: 'Directory.VpcSettings.VpcId' },
  { name: 'VpcSettings missing', mutate: (r) => { delete r.Directory.VpcSettings; }, path: 'Directory.VpcSettings', message: 'required' },
  { name: 'VpcSettings array', mutate: (r) => { r.Directory.VpcSettings = []; }, path: 'Directory.VpcSettings', message: 'got an array' },
  { name: 'SubnetIds 17 hex', mutate: (r) => { r.Directory.VpcSettings.SubnetIds = [`subnet-${hex17}`, `subnet-${'b'.repeat(17)}`]; } },
  { name: 'SubnetIds one', mutate: (r) => { r.Directory.VpcSettings.SubnetIds = ['subnet-0a1b2c3d']; }, path: 'Directory.VpcSettings.SubnetIds', message: 'exactly 2' },
  { name: 'SubnetIds three', mutate: (r) => { r.Directory.VpcSettings.SubnetIds.push('subnet-0a1b2c3d'); }, path: 'Directory.VpcSettings.SubnetIds', message: 'exactly 2' },
  { name: 'SubnetIds bad id', mutate: (r) => { r.Directory.VpcSettings.SubnetIds[1] = 'subnet-xyz'; }, path: 'Directory.VpcSettings.SubnetIds[1]' },
  { name: 'SubnetIds duplicate', mutate: (r) => { r.Directory.VpcSettings.SubnetIds[1] = r.Directory.VpcSettings.SubnetIds[0]; }, path: 'Directory.VpcSettings.SubnetIds[1]', message: 'duplicates' },
  { name: 'SubnetIds not array', mutate: (r) => { r.Directory.VpcSettings.SubnetIds = 'subnet-0a1b2c3d'; }, path: 'Directory.VpcSettings.SubnetIds', message: 'array' },
  // DS Tags
  { name: 'Tags 48', mutate: (r) => { r.Directory.Tags = Array.from({ length: 48 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })); } },
  { name: 'Tags 49 (tool adds 2)', mutate: (r) => { r.Directory.Tags = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })); }, path: 'Directory.Tags', message: 'at most 48' },
  { name: 'Tag key unicode + space', mutate: (r) => { r.Directory.Tags = [{ Key: 'Équipe pki', Value: 'ça va' }]; } },
  { name: 'Tag key empty', mutate: (r) => { r.Directory.Tags = [{ Key: '', Value: 'v' }]; }, path: 'Directory.Tags[0].Key' },
  { name: 'Tag key 129', mutate: (r) => { r.Directory.Tags = [{ Key: 'k'.repeat(129), Value: 'v' }]; }, path: 'Directory.Tags[0].Key' },
  { name: 'Tag key aws:', mutate: (r) => { r.Directory.Tags = [{ Key: 'AWS:x', Value: 'v' }]; }, path: 'Directory.Tags[0].Key', message: 'aws:' },
  { name: 'Tag key reserved prefix', mutate: (r) => { r.Directory.Tags = [{ Key: 'ad-cert-orchestrator:managed-by', Value: 'me' }]; }, path: 'Directory.Tags[0].Key', message: 'sets those itself' },
  { name: 'Tag key bad char', mutate: (r) => { r.Directory.Tags = [{ Key: 'a*b', Value: 'v' }]; }, path: 'Directory.Tags[0].Key' },
  { name: 'Tag value empty', mutate: (r) => { r.Directory.Tags = [{ Key: 'k', Value: '' }]; } },
  { name: 'Tag value 257', mutate: (r) => { r.Directory.Tags = [{ Key: 'k', Value: 'v'.repeat(257) }]; }, path: 'Directory.Tags[0].Value' },
  { name: 'Tag value bad char', mutate: (r) => { r.Directory.Tags = [{ Key: 'k', Value: 'a;b' }]; }, path: 'Directory.Tags[0].Value' },
  { name: 'Tag value missing', mutate: (r) => { r.Directory.Tags = [{ Key: 'k' }]; }, path: 'Directory.Tags[0].Value', message: 'required' },
  { name: 'Tag duplicate key', mutate: (r) => { r.Directory.Tags = [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }]; }, path: 'Directory.Tags[1].Key', message: 'duplicates' },
  { name: 'Tag unknown field', mutate: (r) => { r.Directory.Tags = [{ Key: 'k', Value: 'v', Extra: 1 }]; }, path: 'Directory.Tags[0].Extra', message: 'unknown field' },
  // Connector
  { name: 'CA ARN other partition', mutate: (r) => { r.Connector.CertificateAuthorityArn = 'arn:aws-us-gov:acm-pca:us-gov-west-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555'; } },
  { name: 'CA ARN not uuid', mutate: (r) => { r.Connector.CertificateAuthorityArn = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/abc'; }, path: 'Connector.CertificateAuthorityArn' },
  { name: 'CA ARN 11-digit account', mutate: (r) => { r.Connector.CertificateAuthorityArn = 'arn:aws:acm-pca:us-east-1:11112222333:certificate-authority/11111111-2222-3333-4444-555555555555'; }, path: 'Connector.CertificateAuthorityArn' },
  { name: 'CA ARN wrong service', mutate: (r) => { r.Connector.CertificateAuthorityArn = 'arn:aws:acm:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555'; }, path: 'Connector.CertificateAuthorityArn' },
  { name: 'CA ARN missing', mutate: (r) => { delete r.Connector.CertificateAuthorityArn; }, path: 'Connector.CertificateAuthorityArn', message: 'required' },
  { name: 'CA ARN > 200', mutate: (r) => { r.Connector.CertificateAuthorityArn = `arn:aws:acm-pca:${'x'.repeat(200)}`; }, path: 'Connector.CertificateAuthorityArn', message: '5-200' },
  { name: 'SGs 4', mutate: (r) => { r.Connector.VpcInformation.SecurityGroupIds = ['sg-11111111', 'sg-22222222', 'sg-33333333', `sg-${hex17}`]; } },
  { name: 'SGs 0', mutate: (r) => { r.Connector.VpcInformation.SecurityGroupIds = []; }, path: 'Connector.VpcInformation.SecurityGroupIds', message: '1-4' },
  { name: 'SGs 5', mutate: (r) => { r.Connector.VpcInformation.SecurityGroupIds = ['sg-11111111', 'sg-22222222', 'sg-33333333', 'sg-44444444', 'sg-55555555']; }, path: 'Connector.VpcInformation.SecurityGroupIds', message: '1-4' },
  { name: 'SG bad id', mutate: (r) => { r.Connector.VpcInformation.SecurityGroupIds = ['sg-1234']; }, path: 'Connector.VpcInformation.SecurityGroupIds[0]' },
  { name: 'SG duplicate', mutate: (r) => { r.Connector.VpcInformation.SecurityGroupIds = ['sg-11111111', 'sg-11111111']; }, path: 'Connector.VpcInformation.SecurityGroupIds[1]', message: 'duplicates' },
  { name: 'SGs missing', mutate: (r) => { delete r.Connector.VpcInformation.SecurityGroupIds; }, path: 'Connector.VpcInformation.SecurityGroupIds', message: 'required' },
  { name: 'IpAddressType DUALSTACK', mutate: (r) => { r.Connector.VpcInformation.IpAddressType = 'DUALSTACK'; } },
  { name: 'IpAddressType omitted', mutate: (r) => { delete r.Connector.VpcInformation.IpAddressType; } },
  { name: 'IpAddressType ipv4 (case)', mutate: (r) => { r.Connector.VpcInformation.IpAddressType = 'ipv4'; }, path: 'Connector.VpcInformation.IpAddressType' },
  { name: 'VpcInformation missing', mutate: (r) => { delete r.Connector.VpcInformation; }, path: 'Connector.VpcInformation', message: 'required' },
  { name: 'Connector tags 48', mutate: (r) => { r.Connector.Tags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, 'v'])); } },
  { name: 'Connector tags 49', mutate: (r) => { r.Connector.Tags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v'])); }, path: 'Connector.Tags', message: 'at most 48' },
  { name: 'Connector tags array', mutate: (r) => { r.Connector.Tags = [{ Key: 'a', Value: 'b' }]; }, path: 'Connector.Tags', message: 'object' },
  { name: 'Connector tag value number', mutate: (r) => { r.Connector.Tags = { team: 5 }; }, path: 'Connector.Tags["team"]', message: 'string' },
  { name: 'Connector tag key aws:', mutate: (r) => { r.Connector.Tags = { 'aws:x': 'y' }; }, path: 'Connector.Tags["aws:x"]', message: 'aws:' },
  { name: 'Connector tag key 129', mutate: (r) => { r.Connector.Tags = { ['k'.repeat(129)]: 'y' }; }, message: '1-128' },
  { name: 'Connector tag value 257', mutate: (r) => { r.Connector.Tags = { k: 'v'.repeat(257) }; }, path: 'Connector.Tags["k"]', message: 'at most 256' },
  // Options
  { name: 'Options bounds low', base: simpleAd, mutate: (r) => { r.Options = { DirectoryTimeoutMinutes: 10, ConnectorTimeoutMinutes: 5 }; } },
  { name: 'Options bounds high', mutate: (r) => { r.Options = { DirectoryTimeoutMinutes: 180, ConnectorTimeoutMinutes: 120 }; } },
  { name: 'DirectoryTimeoutMinutes 9', mutate: (r) => { r.Options = { DirectoryTimeoutMinutes: 9 }; }, path: 'Options.DirectoryTimeoutMinutes', message: '10 and 180' },
  { name: 'MicrosoftAD DirectoryTimeoutMinutes 20', base: microsoftAd, mutate: (r) => { r.Options = { DirectoryTimeoutMinutes: 20 }; } },
  {
    name: 'MicrosoftAD DirectoryTimeoutMinutes 19: certain to expire, the minimum named',
    base: microsoftAd,
    mutate: (r) => { r.Options = { DirectoryTimeoutMinutes: 19 }; },
    path: 'Options.DirectoryTimeoutMinutes',
    message: 'must be at least 20 for Directory.Type MicrosoftAD (AWS documents 20-45 minutes to create one) (got 19)',
  },
  { name: 'SimpleAD DirectoryTimeoutMinutes 10', base: simpleAd, mutate: (r) => { r.Options = { DirectoryTimeoutMinutes: 10 }; } },
  { name: 'DirectoryTimeoutMinutes 181', mutate: (r) => { r.Options = { DirectoryTimeoutMinutes: 181 }; }, path: 'Options.DirectoryTimeoutMinutes' },
  { name: 'DirectoryTimeoutMinutes 12.5', mutate: (r) => { r.Options = { DirectoryTimeoutMinutes: 12.5 }; }, path: 'Options.DirectoryTimeoutMinutes', message: 'integer' },
  { name: 'ConnectorTimeoutMinutes "30"', mutate: (r) => { r.Options = { ConnectorTimeoutMinutes: '30' }; }, path: 'Options.ConnectorTimeoutMinutes', message: 'integer' },
  { name: 'ConnectorTimeoutMinutes 121', mutate: (r) => { r.Options = { ConnectorTimeoutMinutes: 121 }; }, path: 'Options.ConnectorTimeoutMinutes', message: '5 and 120' },
  { name: 'Options null', mutate: (r) => { r.Options = null; }, path: 'Options', message: 'object' },
  // access control entries: the group by GroupName or by GroupSecurityIdentifier, exactly one
  ...((): Case[] => {
    const ACE = 'Connector.Templates[0].AccessControlEntries';
    const SID = 'S-1-5-21-1111111111-2222222222-3333333333-515';
    const entry = (r: Req, i = 0): Req => r.Connector.Templates[0].AccessControlEntries[i];
    const second = (r: Req, fields: Req): void => { r.Connector.Templates[0].AccessControlEntries.push({ AccessRights: { Enroll: 'ALLOW' }, ...fields }); };
    return [
      { name: 'entry by GroupName (the sample): GroupDisplayName defaults to it', mutate: () => undefined },
      { name: 'entry by GroupName with a GroupDisplayName', mutate: (r) => { entry(r).GroupDisplayName = 'Computers'; } },
      { name: 'entry by GroupName with CreateGroup true', mutate: (r) => { entry(r).GroupName = 'PKI Enrollers'; entry(r).CreateGroup = true; } },
      { name: 'entry by GroupName with CreateGroup false', mutate: (r) => { entry(r).CreateGroup = false; } },
      { name: 'entry by SID with a GroupDisplayName', mutate: (r) => { r.Connector.Templates[0].AccessControlEntries = [{ GroupSecurityIdentifier: SID, GroupDisplayName: 'Domain Computers', AccessRights: { Enroll: 'ALLOW' } }]; } },
      { name: 'entry by SID without GroupDisplayName', mutate: (r) => { delete entry(r).GroupName; entry(r).GroupSecurityIdentifier = SID; }, path: `${ACE}[0].GroupDisplayName`, message: 'is required with GroupSecurityIdentifier' },
      { name: 'entry by both name and SID', mutate: (r) => { entry(r).GroupSecurityIdentifier = SID; entry(r).GroupDisplayName = 'x'; }, path: `${ACE}[0]`, message: 'exactly one of GroupName or GroupSecurityIdentifier (it has both)' },
      { name: 'entry by neither', mutate: (r) => { delete entry(r).GroupName; }, path: `${ACE}[0]`, message: '(it has neither)' },
      { name: 'CreateGroup with a SID', mutate: (r) => { r.Connector.Templates[0].AccessControlEntries = [{ GroupSecurityIdentifier: SID, GroupDisplayName: 'x', CreateGroup: true, AccessRights: { Enroll: 'ALLOW' } }]; }, path: `${ACE}[0].CreateGroup`, message: 'applies to an entry with GroupName only' },
      { name: 'CreateGroup not a boolean', mutate: (r) => { entry(r).CreateGroup = 'yes'; }, path: `${ACE}[0].CreateGroup`, message: 'true or false' },
      { name: 'GroupName with @ (ds-data GroupName pattern)', mutate: (r) => { entry(r).GroupName = 'pki@corp'; }, path: `${ACE}[0].GroupName`, message: 'none of' },
      { name: 'GroupName 65 characters', mutate: (r) => { entry(r).GroupName = 'g'.repeat(65); }, path: `${ACE}[0].GroupName`, message: '1-64' },
      { name: 'GroupName empty', mutate: (r) => { entry(r).GroupName = ''; }, path: `${ACE}[0].GroupName`, message: '1-64' },
      { name: 'GroupName with a control character', mutate: (r) => { entry(r).GroupName = 'Domain\tComputers'; }, path: `${ACE}[0].GroupName`, message: 'control characters' },
      { name: 'GroupName not printable ASCII, with a GroupDisplayName', mutate: (r) => { entry(r).GroupName = 'Domänen-Computer'; entry(r).GroupDisplayName = 'Domaenen-Computer'; } },
      { name: 'GroupName not printable ASCII, no GroupDisplayName to default to', mutate: (r) => { entry(r).GroupName = 'Domänen-Computer'; }, path: `${ACE}[0].GroupDisplayName`, message: 'defaults to GroupName, which is not a valid display name' },
      { name: 'two entries naming one group in another case', mutate: (r) => second(r, { GroupName: 'DOMAIN computers' }), path: `${ACE}[1].GroupName`, message: `names the same group as ${ACE}[0] ("DOMAIN computers"; group names are case-insensitive)` },
      { name: 'two entries with one SID', mutate: (r) => { r.Connector.Templates[0].AccessControlEntries = [{ GroupSecurityIdentifier: SID, GroupDisplayName: 'a', AccessRights: { Enroll: 'ALLOW' } }]; second(r, { GroupSecurityIdentifier: SID, GroupDisplayName: 'b' }); }, path: `${ACE}[1].GroupSecurityIdentifier`, message: `names the same group as ${ACE}[0]` },
      { name: 'a name and a SID in one template (told apart only by the directory)', mutate: (r) => second(r, { GroupSecurityIdentifier: SID, GroupDisplayName: 'b' }) },
      { name: 'one group in two templates', mutate: (r) => { const t = structuredClone(r.Connector.Templates[0]); t.Name = 'Other'; r.Connector.Templates.push(t); } },
      {
        name: 'GroupName on Simple AD: Directory Service Data serves Managed AD only',
        base: () => readEvent<Req>('invalid-simple-ad-connector.json'),
        mutate: (r) => { r.Connector.Templates = sample().Connector.Templates; },
        path: `${ACE}[0].GroupName`,
        message: 'needs Directory Service Data, which serves AWS Managed Microsoft AD only (Directory.Type SimpleAD)',
      },
    ];
  })(),
  // unknown fields
  { name: 'unknown top-level field', mutate: (r) => { r.Extra = true; }, path: 'Extra', message: 'unknown field' },
  { name: 'unknown Directory field', mutate: (r) => { r.Directory.NetworkType = 'IPv4'; }, path: 'Directory.NetworkType', message: 'unknown field' },
  { name: 'unknown VpcSettings field', mutate: (r) => { r.Directory.VpcSettings.SecurityGroupId = 'sg-11111111'; }, path: 'Directory.VpcSettings.SecurityGroupId', message: 'unknown field' },
  { name: 'unknown VpcInformation field', mutate: (r) => { r.Connector.VpcInformation.SubnetIds = []; }, path: 'Connector.VpcInformation.SubnetIds' },
  { name: 'unknown Options field', mutate: (r) => { r.Options = { Retries: 1 }; }, path: 'Options.Retries' },
  { name: 'odd unknown key is quoted', mutate: (r) => { r.Directory['bad key\n'] = 1; }, path: 'Directory["bad key\\n"]' },
];

describe('validateRequest: every rule, passing and failing', () => {
  for (const c of cases) {
    it(c.name, () => {
      // Prepare
      const request = (c.base ?? sample)();
      c.mutate(request);
      // Act
      const { violations, request: valid } = validateRequest(request);
      // Assess
      if (c.path === undefined && c.message === undefined) {
        assert.deepEqual(violations, []);
        assert.ok(valid);
      } else {
        assert.equal(valid, undefined);
        const hit = violations.find((v) => (c.path === undefined || v.path === c.path) && (c.message === undefined || v.message.includes(c.message)));
        assert.ok(hit, `expected ${c.path ?? '*'} ~ ${c.message ?? '*'}, got ${JSON.stringify(violations)}`);
      }
    });
  }
});

describe('validateRequest: the request as a whole', () => {
  it('reports all violations at once, with paths', () => {
    // Prepare
    const r = sample();
    r.Directory.Name = 'bad_name';
    r.Directory.VpcSettings.SubnetIds = ['subnet-0a1b2c3d', 'subnet-1a1b2c3d', 'subnet-2a1b2c3d'];
    r.Directory.VpcSettings.SubnetIds[1] = 'nope';
    r.Connector.VpcInformation.SecurityGroupIds = ['sg-1', 'sg-11111111'];
    r.Options = { ConnectorTimeoutMinutes: 0 };
    // Act
    const { violations } = validateRequest(r);
    // Assess
    assert.deepEqual(
      violations.map((v) => v.path).sort(),
      [
        'Connector.VpcInformation.SecurityGroupIds[0]',
        'Directory.Name',
        'Directory.VpcSettings.SubnetIds',
        'Directory.VpcSettings.SubnetIds[1]',
        'Options.ConnectorTimeoutMinutes',
      ],
    );
  });

  it('rejects a Password field without echoing it, anywhere', () => {
    // Prepare
    const secret = 'Sup3r-Secret-Value!';
    const r = sample();
    r.Directory.Password = secret;
    r.Connector.AdminPassword = secret;
    // Act
    const { violations } = validateRequest(r);
    // Assess
    assert.deepEqual(violations.map((v) => v.path), ['Directory.Password', 'Connector.AdminPassword']);
    assert.match(violations[0]?.message ?? '', /Secrets Manager/);
    assert.ok(!JSON.stringify(violations).includes(secret));
  });

  it('checks PasswordSecretId against the deployment\'s own prefix', () => {
    // Prepare
    const r = sample();
    r.Directory.PasswordSecretId = 'team-pki/ad/admin';
    // Act
    const inScope = validateRequest(r, { passwordSecretPrefix: 'team-pki/ad/' });
    const outOfScope = validateRequest(r);
    // Assess
    assert.deepEqual(inScope.violations, []);
    assert.deepEqual(outOfScope.violations.map((v) => v.path), ['Directory.PasswordSecretId']);
  });

  it('does not echo a password pasted into PasswordSecretId', () => {
    // Prepare
    const r = sample();
    r.Directory.PasswordSecretId = 'P@ss w0rd!';
    // Act
    const { violations } = validateRequest(r);
    // Assess
    assert.equal(violations[0]?.path, 'Directory.PasswordSecretId');
    assert.ok(!JSON.stringify(violations).includes('P@ss w0rd!'));
  });

  it('escapes bidi and other invisible characters in echoed values and keys', () => {
    // Prepare: a right-to-left override would make the terminal show the rest of the message reversed
    const r = sample();
    r.Directory.ShortName = 'CO\u202ERP:';
    r.Connector.Tags = { ['ev\u202Eil']: 'x' };
    r['\u2066Extra'] = 1;
    // Act
    const { violations } = validateRequest(r);
    // Assess
    const text = violations.map((v) => `${v.path}: ${v.message}`).join('\n');
    assert.ok(!/[\u202E\u2066]/.test(text), text);
    assert.match(text, /Directory\.ShortName: .*"CO\\u202eRP:"/);
    assert.match(text, /Connector\.Tags\["ev\\u202eil"\]/);
    assert.match(text, /\["\\u2066Extra"\]: unknown field/);
  });

  it('does not echo values longer than 64 characters', () => {
    // Prepare
    const r = sample();
    r.Directory.Name = `${'z'.repeat(70)}_.example.com`;
    // Act
    const { violations } = validateRequest(r);
    // Assess
    assert.match(violations[0]?.message ?? '', /83-character value/);
    assert.ok(!violations[0]?.message.includes('zzzz'));
  });

  for (const [name, input] of [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'corp.example.com'],
    ['an array', []],
    ['a number', 42],
    ['an empty object', {}],
    ['Directory null', { Directory: null, Connector: 1 }],
    ['deep wrong types', { Directory: { Name: 1, VpcSettings: { VpcId: [], SubnetIds: [null, {}] }, Tags: [null, 'x'] }, Connector: { VpcInformation: 'x', Tags: 'x' } }],
    ['__proto__ key', JSON.parse('{"__proto__": {"x": 1}, "Directory": {}, "Connector": {}}')],
  ] as const) {
    it(`never throws on ${name}`, () => {
      // Act
      const outcome = validateRequest(input);
      // Assess
      assert.ok(outcome.violations.length > 0);
      assert.equal(outcome.request, undefined);
      for (const v of outcome.violations) assert.ok(typeof v.path === 'string' && typeof v.message === 'string');
    });
  }

  it('bounds the work and the report on huge arrays', () => {
    // Prepare
    const r = sample();
    r.Directory.Tags = Array.from({ length: 100_000 }, () => ({ Key: 'aws:x', Value: 'a;b' }));
    // Act
    const { violations } = validateRequest(r);
    // Assess
    assert.ok(violations.length <= 61);
    assert.match(violations.at(-1)?.message ?? '', /more violation/);
  });

  it('normalises a valid request: Type defaulted, only known fields', () => {
    // Prepare
    const r = simpleAd();
    delete r.Directory.Type;
    // Act
    const { request } = validateRequest(r);
    const withConnector = validateRequest(sample()).request;
    // Assess
    assert.equal(request?.Directory.Type, 'SimpleAD');
    assert.equal(request !== undefined && 'Connector' in request, false);
    assert.deepEqual(withConnector?.Connector?.Tags, { team: 'pki' });
  });
});
