/*
 * The stack's tags for serverless.yml (`provider.stackTags: ${file(./serverless/stack-tags.cjs)}`): `service` and
 * `stage`, plus the optional deploy parameter `stackTags` as `key=value` pairs separated by commas
 * (`--param="stackTags=team=pki,cost-center=4711"`). CloudFormation gives the stack's tags to every resource of the
 * stack that takes tags; the framework also sets them on the functions.
 *
 * A tag key may not contain `,` or `=` and a value may not contain `,` (AWS allows neither character in tags anyway);
 * a malformed parameter fails packaging with one line naming it.
 */
'use strict';
/* global module -- CommonJS: osls loads `${file(...cjs)}` resolvers with require() */

/** AWS tag rules (Tagging AWS resources): key 1-128 characters, value 0-256, the `aws:` prefix reserved. */
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** CloudFormation takes at most 50 stack tags. */
const MAX_TAGS = 50;

/** `key=value,key2=value2` -> { key: value, … }, or an Error naming what is wrong. */
const parseStackTags = (raw) => {
  const tags = {};
  if (raw.trim() === '') return tags;
  for (const pair of raw.split(',')) {
    const at = pair.indexOf('=');
    const key = (at < 0 ? pair : pair.slice(0, at)).trim();
    const value = at < 0 ? undefined : pair.slice(at + 1).trim();
    if (value === undefined || key === '') throw new Error(`stackTags: "${pair}" is not key=value (e.g. --param="stackTags=team=pki,cost-center=4711")`);
    if (key.length > 128 || !TAG_CHARS.test(key) || key.toLowerCase().startsWith('aws:')) {
      throw new Error(`stackTags: key "${key}" must be 1-128 letters, digits, spaces or _ . : / = + - @ and not start with aws:`);
    }
    if (value.length > 256 || !TAG_CHARS.test(value)) throw new Error(`stackTags: the value of "${key}" must be at most 256 letters, digits, spaces or _ . : / = + - @`);
    if (Object.hasOwn(tags, key)) throw new Error(`stackTags: key "${key}" is given twice`);
    tags[key] = value;
  }
  return tags;
};

module.exports = async ({ resolveVariable }) => {
  const [service, stage, raw] = await Promise.all([
    resolveVariable('self:service'),
    resolveVariable('sls:stage'),
    resolveVariable('param:stackTags'),
  ]);
  const extra = parseStackTags(String(raw ?? ''));
  for (const reserved of ['service', 'stage']) {
    if (Object.hasOwn(extra, reserved)) throw new Error(`stackTags: "${reserved}" is set by the stack itself`);
  }
  const tags = { service, stage, ...extra };
  if (Object.keys(tags).length > MAX_TAGS) throw new Error(`stackTags: at most ${MAX_TAGS - 2} tags besides service and stage`);
  return tags;
};
module.exports.parseStackTags = parseStackTags;
