/**
 * Regenerates the README blocks derived from the ASL and the error catalog:
 *   <!-- diagram:start --> … <!-- diagram:end -->  Mermaid stateDiagram-v2 of statemachine/provision.asl.json
 *   <!-- errors:start -->  … <!-- errors:end -->   error table from ERROR_CATALOG + STAGE_FAILURES
 *
 *   npm run docs             # rewrite the blocks in README.md
 *   npm run docs -- --check  # exit 1 when README.md's blocks are stale (test/tools/cli/docs.test.ts checks too)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOG, STAGE_FAILURES } from '../../src/workflow/catalog.ts';
import type { ErrorRow, Handling } from '../../src/workflow/catalog.ts';
import { ASL_FILE } from './gen-asl.ts';
import { RETRY_POLICIES, retryGroupOf } from '../../src/workflow/retry-policies.ts';
import type { Definition, State } from '../../src/workflow/definition.ts';

export const README_FILE = fileURLToPath(new URL('../../README.md', import.meta.url));

export const readDefinition = (): Definition => JSON.parse(readFileSync(ASL_FILE, 'utf8')) as Definition;

/* ---------------- diagram ---------------- */

interface ChoiceRule {
  Variable?: string;
  StringEquals?: string;
  Or?: ChoiceRule[];
  Next?: string;
}

function describeRule(rule: ChoiceRule): string {
  if (rule.Or) return rule.Or.map((r) => describeRule(r)).join(', ');
  if (rule.StringEquals !== undefined) return rule.StringEquals;
  return 'match';
}

/** Mermaid edge labels must not contain `:` or `;`. */
const label = (text: string): string => text.replace(/[:;]/g, ' ').replace(/\s+/g, ' ').trim();

export function renderDiagram(def: Definition): string {
  const lines: string[] = ['stateDiagram-v2', `  [*] --> ${def.StartAt}`];
  for (const [name, state] of Object.entries(def.States)) {
    if (state.Type === 'Choice') lines.push(`  state ${name} <<choice>>`);
  }
  for (const [name, state] of Object.entries(def.States) as [string, State][]) {
    if (state.Type === 'Choice') {
      const variable = String((state['Choices'] as ChoiceRule[])[0]?.Variable ?? '').replace(/^\$\./, '');
      for (const rule of state['Choices'] as ChoiceRule[]) {
        lines.push(`  ${name} --> ${rule.Next}: ${label(`${variable} ${describeRule(rule)}`)}`);
      }
      if (typeof state['Default'] === 'string') lines.push(`  ${name} --> ${state['Default']}: ${label('Default (any other value)')}`);
      continue;
    }
    if (typeof state['Next'] === 'string') {
      lines.push(`  ${name} --> ${state['Next']}`);
    }
    for (const c of state.Catch ?? []) {
      lines.push(`  ${name} --> ${c.Next}: ${label(`Catch ${c.ErrorEquals.join(', ')}`)}`);
    }
    if (state.Type === 'Succeed' || state.Type === 'Fail' || state['End'] === true) lines.push(`  ${name} --> [*]`);
  }
  for (const [name, state] of Object.entries(def.States)) {
    const retried = (state.Retry ?? []).reduce((n, r) => n + r.ErrorEquals.length, 0);
    if (state.Type === 'Task' && retried > 0) {
      lines.push(`  note right of ${name} : Retry ${retried} transient error name${retried === 1 ? '' : 's'}`);
    }
  }
  return ['```mermaid', ...lines, '```'].join('\n');
}

/* ---------------- error table ---------------- */

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (names: string[]): string => names.map((n) => `\`${n}\``).join(', ');

function retryText(row: ErrorRow): string {
  const p = RETRY_POLICIES[retryGroupOf(row)];
  return `Retry ×${p.MaxAttempts} (${p.IntervalSeconds} s, ×${p.BackoffRate}, ≤${p.MaxDelaySeconds} s${p.JitterStrategy === 'FULL' ? ', jitter' : ''})`;
}

function handlingText(row: ErrorRow): string {
  switch (row.handling) {
    case 'retry':
      return `${retryText(row)}; then uncaught`;
    case 'catch':
      return 'Catch';
    case 'retry-then-catch':
      return `${retryText(row)}, then Catch`;
  }
}

function userSees(row: ErrorRow): string {
  const failed = 'execution FAILED with this error, cause = the message; `Provisioning Failed` event';
  switch (row.handling) {
    case 'retry':
      return `Nothing if a retry succeeds (\`StateRetried\` in the history). Once retries are exhausted: execution FAILED *at* \`${row.state}\` with this error (Step Functions' own status-change event, no \`Provisioning Failed\`)`;
    case 'catch':
      return `At once: ${failed}`;
    case 'retry-then-catch':
      return `Nothing if a retry succeeds; then ${failed}`;
  }
}

const rerunText = (rerun: ErrorRow['rerun']): string => (rerun === 'redrive' ? '**Redrive**' : '**New execution**');

interface TableRow {
  names: string[];
  states: string[];
  handling: Handling;
  handlingText: string;
  sees: string;
  rerun: string;
}

/** Rows grouped where everything but the name (or the state) is the same, e.g. the Lambda service errors. */
export function errorTableRows(): TableRow[] {
  const byName = new Map<string, TableRow>();
  for (const row of ERROR_CATALOG) {
    const t: TableRow = {
      names: [row.name],
      states: [row.state],
      handling: row.handling,
      handlingText: handlingText(row),
      sees: userSees(row).replace(`\`${row.state}\``, 'the Task'),
      rerun: `${rerunText(row.rerun)}. ${row.remedy}`,
    };
    const key = JSON.stringify([row.name, t.handlingText, t.sees, t.rerun]);
    const prev = byName.get(key);
    if (prev) prev.states.push(row.state);
    else byName.set(key, t);
  }
  const byStates = new Map<string, TableRow>();
  for (const t of byName.values()) {
    const key = JSON.stringify([t.states, t.handlingText, t.sees, t.rerun]);
    const prev = byStates.get(key);
    if (prev) prev.names.push(...t.names);
    else byStates.set(key, { ...t });
  }
  return [...byStates.values()];
}

export function renderErrorTable(def: Definition): string {
  const out: string[] = [
    'Generated from `src/errors.ts` (`ERROR_CATALOG`, `STAGE_FAILURES`) and the ASL; each row is proven by a test in',
    '`test/workflow/`. Waits: retry *n* waits about min(interval × rate^(n−1), max); jitter randomises it.',
    '',
    '| Error | State | Handling | What the user sees | How to rerun |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const t of errorTableRows()) {
    out.push(
      `| ${cell(code(t.names))} | ${cell(code(t.states))} | ${cell(t.handlingText)} | ${cell(t.sees)} | ${cell(t.rerun)} |`,
    );
  }
  for (const f of STAGE_FAILURES) {
    const pass = Object.entries(def.States).find(([, s]) => s.Type === 'Pass' && JSON.stringify(s['Parameters']).includes(`"${f.name}"`));
    out.push(
      `| ${cell(code([f.name]))} | ${cell(code([f.from]))} | ${cell(`Choice → \`${pass?.[0] ?? f.name}\` (Pass) → Provisioning Failed`)} | ` +
        `${cell('Execution FAILED with this error; the cause names the resource, its stage/status and the reason; `Provisioning Failed` event with the ids')} | ` +
        `${cell(`${rerunText('new-execution')}. ${f.remedy}`)} |`,
    );
  }
  for (const [name, state] of Object.entries(def.States)) {
    if (state.Type !== 'Task' || !String(state['Resource']).startsWith('arn:aws:states:::events:')) continue;
    const retry = state.Retry?.[0];
    const succeeded = name === 'PublishSucceededEvent';
    out.push(
      `| ${cell(code(state.Catch?.[0]?.ErrorEquals ?? []))} | ${cell(code([name]))} | ` +
        `${cell(`Retry ×${retry?.MaxAttempts ?? 0} (\`${(retry?.ErrorEquals ?? []).join(', ')}\`), then Catch`)} | ` +
        `${cell(succeeded ? 'Execution still SUCCEEDS; the output has `EventPublished: false` and `EventWarning`' : 'Execution still FAILS with the original error (kept in `$.error`)')} | ` +
        `${cell(succeeded ? 'Nothing to rerun; the output record is the source of truth' : 'As for the original error')} |`,
    );
  }
  return out.join('\n');
}

/* ---------------- README blocks ---------------- */

export function replaceBlock(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, i + start.length)}\n${content}\n${text.slice(j)}`;
}

export function readBlock(text: string, name: string): string | undefined {
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(text);
  return m?.[1];
}

export function generatedBlocks(def: Definition = readDefinition()): Record<'diagram' | 'errors', string> {
  return { diagram: renderDiagram(def), errors: renderErrorTable(def) };
}

export function updateReadme(text: string, def: Definition = readDefinition()): string {
  let out = text;
  for (const [name, content] of Object.entries(generatedBlocks(def))) out = replaceBlock(out, name, content);
  return out;
}

function main(): void {
  const current = readFileSync(README_FILE, 'utf8');
  const next = updateReadme(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md diagram/errors blocks are stale: run npm run docs');
      process.exit(1);
    }
    console.log('README.md diagram/errors blocks are up to date');
    return;
  }
  if (next !== current) writeFileSync(README_FILE, next);
  console.log(`README.md diagram/errors blocks ${next !== current ? 'updated' : 'already up to date'}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
