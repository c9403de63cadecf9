/**
 * Bundle sizes: every Lambda handler in serverless.yml (and serverless/*.yml), built with esbuild using the options of
 * serverless.yml's `custom.esbuild` (read from the file, so the bench measures what `npm run package` ships), once with
 * the AWS SDK bundled (the deployed configuration: `exclude: []`) and once with `@aws-sdk/*` external (what Lambda's
 * Node.js runtime would have to provide). The project's PCA Connector AD client is in-repo and always bundled; with
 * only `@aws-sdk/*` external, the `@smithy/*` packages the clients import stay bundled too, so a third build excludes
 * `@aws-sdk/*` and `@smithy/*`.
 *
 * The bundles are written under node_modules/.cache (ignored by git) so the SDK-excluded ones can still resolve the
 * SDK from node_modules when the cold-start bench loads them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BuildOptions, Metafile } from 'esbuild';
import { parse } from 'yaml';
import { kb, markdownTable, table } from './stats.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT_DIR = join(ROOT, 'node_modules/.cache/ad-cert-bench');
/** Goal per handler with the SDK bundled. */
export const GOAL_BYTES = 150 * 1024;

export type SdkMode = 'bundled' | 'excluded' | 'excluded-with-smithy';
export const EXTERNALS: Record<SdkMode, string[]> = {
  bundled: [],
  excluded: ['@aws-sdk/*'],
  'excluded-with-smithy': ['@aws-sdk/*', '@smithy/*'],
};

export interface HandlerEntry {
  /** File name without extension, e.g. create-connector. */
  handler: string;
  /** Source path relative to the repo root. */
  entry: string;
  /** The YAML file that declares it. */
  declaredIn: string;
}

/** The top-level `custom:` block of serverless.yml (the rest of the file has CloudFormation tags YAML won't parse). */
function topLevelBlock(yamlText: string, key: string): string {
  const lines = yamlText.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (start < 0) throw new Error(`serverless.yml has no top-level ${key}:`);
  const end = lines.findIndex((l, i) => i > start && /^[^\s#]/.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** serverless.yml's custom.esbuild, mapped to esbuild options (plugin-only keys such as exclude are handled here). */
export function esbuildOptionsFromServerless(): { options: BuildOptions; exclude: string[]; raw: Record<string, unknown> } {
  const yamlText = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
  const custom = parse(topLevelBlock(yamlText, 'custom')) as { custom?: { esbuild?: Record<string, unknown> } };
  const raw = custom.custom?.esbuild;
  if (!raw) throw new Error('serverless.yml has no custom.esbuild');
  const pick = ['bundle', 'minify', 'sourcemap', 'target', 'platform', 'format', 'banner', 'mainFields', 'treeShaking', 'keepNames', 'external'];
  const options = Object.fromEntries(Object.entries(raw).filter(([k]) => pick.includes(k))) as BuildOptions;
  return { options, exclude: (raw.exclude as string[] | undefined) ?? [], raw };
}

/** Every function's `handler:` (the `handler` export of src/handlers/<name>.ts) in serverless.yml and serverless/*.yml. */
export function handlerEntries(): HandlerEntry[] {
  const extra = existsSync(join(ROOT, 'serverless')) ? readdirSync(join(ROOT, 'serverless')) : [];
  const files = ['serverless.yml', ...extra.filter((f) => f.endsWith('.yml')).map((f) => `serverless/${f}`)];
  const seen = new Map<string, HandlerEntry>();
  for (const file of files) {
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*handler:\s*(\S+)\.[A-Za-z_$][\w$]*\s*$/gm)) {
      const entry = `${m[1] as string}.ts`;
      const handler = basename(entry, '.ts');
      if (!seen.has(handler)) seen.set(handler, { handler, entry, declaredIn: file });
    }
  }
  return [...seen.values()];
}

export interface BundleResult {
  handler: string;
  sdk: SdkMode;
  bytes: number;
  outfile: string;
  declaredIn: string;
  /** The largest packages (or project directories) in the output, by bytes. */
  topInputs: { input: string; bytes: number }[];
}

/** node_modules/@scope/pkg/... → @scope/pkg; node_modules/pkg/... → pkg; src/aws/<dir>/... → src/aws/<dir>. */
export function packageOf(input: string): string {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = input.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? input);
  }
  return input.split('/').slice(0, 3).join('/');
}

export function topInputs(metafile: Metafile, n = 6): { input: string; bytes: number }[] {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = packageOf(input);
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage.entries()]
    .map(([input, bytes]) => ({ input, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, n);
}

/** Builds one handler as serverless-esbuild would (one .mjs per function), optionally with the SDK external. */
export async function buildHandler(h: HandlerEntry, sdk: SdkMode): Promise<BundleResult> {
  const { options, exclude } = esbuildOptionsFromServerless();
  const outfile = join(OUT_DIR, sdk, `${h.handler}.mjs`);
  const result = await build({
    ...options,
    entryPoints: [join(ROOT, h.entry)],
    outfile,
    external: [...(options.external ?? []), ...exclude, ...EXTERNALS[sdk]],
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { handler: h.handler, sdk, bytes, outfile, declaredIn: h.declaredIn, topInputs: topInputs(result.metafile) };
}

/** An empty handler built with the same options: the cold-start baseline. */
export async function buildEmptyHandler(): Promise<string> {
  const { options } = esbuildOptionsFromServerless();
  const outfile = join(OUT_DIR, 'empty.mjs');
  await build({
    ...options,
    stdin: { contents: 'export const handler = async () => ({ ok: true });', loader: 'ts', resolveDir: ROOT },
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * Probes: the smallest handler that makes one call with one SDK client, built with the same options. They show the
 * floor a bundled SDK v3 client sets, independent of the project's code.
 */
export const PROBES: Record<string, string> = {
  'probe-directory-service': `import { DirectoryServiceClient, DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
export const handler = async () => (await new DirectoryServiceClient({}).send(new DescribeDirectoriesCommand({}))).DirectoryDescriptions?.length;`,
  'probe-ec2': `import { EC2Client, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
export const handler = async () => (await new EC2Client({}).send(new DescribeSubnetsCommand({}))).Subnets?.length;`,
  'probe-acm-pca': `import { ACMPCAClient, DescribeCertificateAuthorityCommand } from '@aws-sdk/client-acm-pca';
export const handler = async (event) =>
  (await new ACMPCAClient({}).send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: event.CertificateAuthorityArn }))).CertificateAuthority?.Status;`,
};

export async function buildProbes(): Promise<BundleResult[]> {
  const { options } = esbuildOptionsFromServerless();
  const results: BundleResult[] = [];
  for (const [name, contents] of Object.entries(PROBES)) {
    const outfile = join(OUT_DIR, 'bundled', `${name}.mjs`);
    const r = await build({ ...options, stdin: { contents, loader: 'ts', resolveDir: ROOT }, outfile, metafile: true, logLevel: 'silent' });
    const bytes = Object.values(r.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
    results.push({ handler: name, sdk: 'bundled', bytes, outfile, declaredIn: 'tools/bench/bundles.ts', topInputs: topInputs(r.metafile) });
  }
  return results;
}

export async function benchBundles(): Promise<BundleResult[]> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const results: BundleResult[] = [];
  for (const h of handlerEntries()) {
    for (const sdk of Object.keys(EXTERNALS) as SdkMode[]) results.push(await buildHandler(h, sdk));
  }
  return results;
}

export function bundlesTable(results: readonly Pick<BundleResult, 'handler' | 'sdk' | 'bytes' | 'topInputs'>[], markdown = false): string {
  const handlers = [...new Set(results.map((r) => r.handler))];
  const get = (h: string, sdk: SdkMode) => results.find((r) => r.handler === h && r.sdk === sdk)?.bytes ?? 0;
  const headers = ['handler', 'SDK bundled', '@aws-sdk/* excluded', 'ratio', '+ @smithy/* excluded', 'largest input (bundled)'];
  const rows = handlers.map((h) => {
    const b = get(h, 'bundled');
    const top = results.find((r) => r.handler === h && r.sdk === 'bundled')?.topInputs[0];
    return [
      h,
      kb(b),
      kb(get(h, 'excluded')),
      `${(get(h, 'excluded') / b).toFixed(2)}×`,
      kb(get(h, 'excluded-with-smithy')),
      top ? `${top.input} ${kb(top.bytes)}` : '',
    ];
  });
  return markdown ? markdownTable(headers, rows) : table(headers, rows);
}

/** Top inputs of the bundled handlers over the goal (why they are big). */
export function overGoalDetails(results: readonly BundleResult[]): string {
  const over = results.filter((r) => r.sdk === 'bundled' && r.bytes > GOAL_BYTES);
  if (over.length === 0) return 'Every handler is within 150 KB with the SDK bundled.';
  return over
    .map((r) => `${r.handler} (${kb(r.bytes)}): ${r.topInputs.map((t) => `${t.input} ${kb(t.bytes)}`).join(', ')}`)
    .join('\n');
}
