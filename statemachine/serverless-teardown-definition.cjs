/*
 * Loads statemachine/deprovision.asl.json for serverless.yml, as serverless-definition.cjs does for the
 * provisioning ASL (see there why the ${...} placeholders become CloudFormation intrinsics here).
 */
'use strict';
/* global require, module, __dirname -- CommonJS: osls loads `${file(...cjs)}` resolvers with require() */
/* eslint-disable @typescript-eslint/no-require-imports */

const { readFileSync } = require('node:fs');
const path = require('node:path');

/** Placeholder -> CloudFormation intrinsic (function keys as in serverless/teardown.yml). */
const SUBSTITUTIONS = {
  DiscoverResourcesFunctionArn: { 'Fn::GetAtt': ['discoverResources', 'Arn'] },
  DeleteConnectorsFunctionArn: { 'Fn::GetAtt': ['deleteConnectors', 'Arn'] },
  DeleteDirectoriesFunctionArn: { 'Fn::GetAtt': ['deleteDirectories', 'Arn'] },
  DeletePasswordSecretFunctionArn: { 'Fn::GetAtt': ['deletePasswordSecret', 'Arn'] },
  EventBusName: { Ref: 'EventBus' },
};

const WHOLE = /^\$\{([A-Za-z0-9_]+)\}$/;

function substitute(value, where) {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const m = WHOLE.exec(value);
    const replacement = m && SUBSTITUTIONS[m[1]];
    if (!replacement) throw new Error(`deprovision.asl.json ${where}: no substitution for ${value}`);
    return JSON.parse(JSON.stringify(replacement));
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, `${where}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, `${where}.${k}`)]));
  }
  return value;
}

module.exports = () => {
  const asl = JSON.parse(readFileSync(path.join(__dirname, 'deprovision.asl.json'), 'utf8'));
  return substitute(asl, '$');
};
module.exports.SUBSTITUTIONS = SUBSTITUTIONS;
