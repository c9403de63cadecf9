/*
 * Loads statemachine/provision.asl.json for serverless.yml (`${file(./statemachine/serverless-definition.cjs)}`).
 *
 * The ASL keeps AWS-style DefinitionSubstitutions placeholders (`${ValidateRequestFunctionArn}`, `${EventBusName}`),
 * so the same file runs locally (tools/local/engine/asl.ts substitutes fake ARNs) and on AWS. serverless-step-functions has no
 * `definitionSubstitutions` option, and loading the JSON with `${file(...json)}` would hand those placeholders to the
 * Serverless variable resolver, which rejects them as unknown variable sources. So this resolver replaces each
 * placeholder value with the CloudFormation intrinsic it stands for (Fn::GetAtt of the function, Ref of the bus);
 * the plugin then emits one Fn::Sub with a parameter per intrinsic. No `${` reaches the Serverless resolver, and an
 * unknown placeholder fails packaging instead of leaking into the deployed definition.
 */
'use strict';
/* global require, module, __dirname -- CommonJS: osls loads `${file(...cjs)}` resolvers with require() */
/* eslint-disable @typescript-eslint/no-require-imports */

const { readFileSync } = require('node:fs');
const path = require('node:path');

/** Placeholder -> CloudFormation intrinsic (function keys as in serverless.yml `functions`). */
const SUBSTITUTIONS = {
  ValidateRequestFunctionArn: { 'Fn::GetAtt': ['validateRequest', 'Arn'] },
  CreateDirectoryFunctionArn: { 'Fn::GetAtt': ['createDirectory', 'Arn'] },
  GetDirectoryStageFunctionArn: { 'Fn::GetAtt': ['getDirectoryStage', 'Arn'] },
  ShareCertificateAuthorityFunctionArn: { 'Fn::GetAtt': ['shareCertificateAuthority', 'Arn'] },
  CreateDirectoryRegistrationFunctionArn: { 'Fn::GetAtt': ['createDirectoryRegistration', 'Arn'] },
  GetDirectoryRegistrationStatusFunctionArn: { 'Fn::GetAtt': ['getDirectoryRegistrationStatus', 'Arn'] },
  CreateConnectorFunctionArn: { 'Fn::GetAtt': ['createConnector', 'Arn'] },
  GetConnectorStatusFunctionArn: { 'Fn::GetAtt': ['getConnectorStatus', 'Arn'] },
  CreateServicePrincipalNameFunctionArn: { 'Fn::GetAtt': ['createServicePrincipalName', 'Arn'] },
  GetServicePrincipalNameStatusFunctionArn: { 'Fn::GetAtt': ['getServicePrincipalNameStatus', 'Arn'] },
  CreateTemplatesFunctionArn: { 'Fn::GetAtt': ['createTemplates', 'Arn'] },
  EventBusName: { Ref: 'EventBus' },
};

const WHOLE = /^\$\{([A-Za-z0-9_]+)\}$/;

/** `value` with every placeholder replaced from `substitutions`; an unknown one fails, naming `file` and the path. */
function substitute(value, substitutions, file, where) {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const m = WHOLE.exec(value);
    const replacement = m && substitutions[m[1]];
    if (!replacement) throw new Error(`${file} ${where}: no substitution for ${value}`);
    return JSON.parse(JSON.stringify(replacement));
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, substitutions, file, `${where}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, substitutions, file, `${where}.${k}`)]));
  }
  return value;
}

/** Reads statemachine/<file> and substitutes its placeholders (shared with serverless-teardown-definition.cjs). */
function loadDefinition(file, substitutions) {
  const asl = JSON.parse(readFileSync(path.join(__dirname, file), 'utf8'));
  return substitute(asl, substitutions, file, '$');
}

module.exports = () => loadDefinition('provision.asl.json', SUBSTITUTIONS);
module.exports.SUBSTITUTIONS = SUBSTITUTIONS;
module.exports.loadDefinition = loadDefinition;
