/**
 * `serverless package` of the real serverless.yml, offline (dummy credentials, no network), and small readers for
 * the CloudFormation template it writes. Packaging takes ~10 s, so the template tests share one run per process.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GENEROUS_CHILD_MS } from './limits.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const OUT = join(ROOT, '.serverless');
export const TEMPLATE = join(OUT, 'cloudformation-template-update-stack.json');
const SERVERLESS_BIN = join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface Resource {
  Type: string;
  Properties: Record<string, Json>;
  Metadata?: Json;
  DependsOn?: string | string[];
}
export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: Json;
}
export interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, Json>;
}

export const onPath = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Runs `serverless package --stage test` into .serverless/ and returns the parsed template. */
export async function packageService(): Promise<Template> {
  rmSync(OUT, { recursive: true, force: true });
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? tmpdir(),
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    CI: '1',
  };
  try {
    await promisify(execFile)(process.execPath, [SERVERLESS_BIN, 'package', '--stage', 'test', '--region', 'us-east-1'], {
      cwd: ROOT,
      env,
      timeout: GENEROUS_CHILD_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`serverless package failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
  return JSON.parse(readFileSync(TEMPLATE, 'utf8')) as Template;
}

export const resource = (template: Template, id: string): Resource => {
  const r = template.Resources[id];
  assert.ok(r, `template lacks ${id}`);
  return r;
};
export const statementsOf = (role: Resource): Statement[] =>
  ((role.Properties['Policies'] ?? []) as unknown as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
    (p) => p.PolicyDocument.Statement,
  );
export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
