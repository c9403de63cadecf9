/*
 * Loads statemachine/provision.asl.json for serverless.yml (`${file(./statemachine/serverless-definition.cjs)}`).
 *
 * The ASL keeps AWS-style DefinitionSubstitutions placeholders (`${ValidateRequestFunctionArn}`, `${EventBusName}`),
 * so the same file runs locally (tools/local/engine/asl.ts substitutes fake ARNs) and on AWS. serverless-step-functions has no
 * `definitionSubstitutions` option, and loading the JSON with `${file(...json)}` would hand those placeholders to the
 * Serverless variable resolver, which rejects them as unknown variable sources. So this resolver replaces each
 * placeholder value with the CloudFormation intrinsic it stands for, derived from its name: `${<State>FunctionArn}`
 * is Fn::GetAtt of the function whose serverless.yml key is the state name in lowerCamelCase (`ValidateRequest` ->
 * `validateRequest`; test/packaging checks every such function exists), `${EventBusName}` is Ref of the bus. The
 * plugin then emits one Fn::Sub with a parameter per intrinsic (with `useExactVersion`, a Ref of the function's
 * published version). No `${` reaches the Serverless resolver, and any other placeholder fails packaging instead of
 * leaking into the deployed definition.
 */
'use strict';
/* global require, module, __dirname -- CommonJS: osls loads `${file(...cjs)}` resolvers with require() */
/* eslint-disable @typescript-eslint/no-require-imports */

const { readFileSync } = require('node:fs');
const path = require('node:path');

const WHOLE = /^\$\{([A-Za-z0-9_]+)\}$/;
const FUNCTION_ARN = /^([A-Z][A-Za-z0-9]*)FunctionArn$/;

/** The intrinsic placeholder `name` stands for, or undefined when it stands for none. */
function intrinsicFor(name) {
  if (name === 'EventBusName') return { Ref: 'EventBus' };
  const task = FUNCTION_ARN.exec(name);
  return task ? { 'Fn::GetAtt': [task[1].charAt(0).toLowerCase() + task[1].slice(1), 'Arn'] } : undefined;
}

/** `value` with every placeholder replaced (and recorded in `used`); an unknown one fails, naming `file` and the path. */
function substitute(value, file, where, used) {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const m = WHOLE.exec(value);
    const replacement = m && intrinsicFor(m[1]);
    if (!replacement) throw new Error(`${file} ${where}: no substitution for ${value}`);
    used[m[1]] = replacement;
    return JSON.parse(JSON.stringify(replacement));
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, file, `${where}[${i}]`, used));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, file, `${where}.${k}`, used)]));
  }
  return value;
}

/** Reads statemachine/<file> and substitutes its placeholders (shared with serverless-teardown-definition.cjs). */
function loadDefinition(file, used = {}) {
  const asl = JSON.parse(readFileSync(path.join(__dirname, file), 'utf8'));
  return substitute(asl, file, '$', used);
}

/** Placeholder -> intrinsic, for every placeholder of `file` (the local world reads the function keys from it). */
function substitutionsOf(file) {
  const used = {};
  loadDefinition(file, used);
  return used;
}

module.exports = () => loadDefinition('provision.asl.json');
module.exports.SUBSTITUTIONS = substitutionsOf('provision.asl.json');
module.exports.loadDefinition = loadDefinition;
