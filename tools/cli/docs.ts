/**
 * Regenerates the blocks of the docs that are derived from the code:
 *   docs/architecture.md <!-- diagram:start --> … <!-- diagram:end -->  Mermaid diagram of statemachine/provision.asl.json
 *   README.md            <!-- bench:summary:start --> … <!-- bench:summary:end -->  the cost table (tools/bench/results.json)
 *   docs/errors.md       <!-- errors:start -->  … <!-- errors:end -->   error table from ERROR_CATALOG
 *   docs/teardown.md     <!-- diagram:start --> … <!-- diagram:end -->  Mermaid diagram of statemachine/teardown.asl.json
 *   docs/performance.md  <!-- bench:*:start --> … <!-- bench:*:end -->  tables from tools/bench/results.json
 *
 *   npm run docs             # rewrite the blocks
 *   npm run docs -- --check  # exit 1 when a block is stale (test/tools/cli/docs.test.ts and
 *                            # test/tools/bench/report.test.ts check too)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOG, machineOf } from '../../src/workflow/catalog.ts';
import type { ErrorRow, Handling } from '../../src/workflow/catalog.ts';
import { retryPolicyOf } from '../../src/workflow/retry-policies.ts';
import { DELETION_PENDING_ERRORS } from '../../src/workflow/teardown-waits.ts';
import { NOT_READY_ERRORS } from '../../src/workflow/waits.ts';
import type { Definition, State } from '../../src/workflow/asl.ts';
import { PERFORMANCE_DOC, performanceBlocks, readResults, readmeBlocks } from '../bench/report.ts';
import { updateBlocks } from '../markdown.ts';
import { ASL_PATH, TEARDOWN_ASL_PATH } from '../local/engine/asl.ts';

export const README_FILE = fileURLToPath(new URL('../../README.md', import.meta.url));
export const ARCHITECTURE_DOC = fileURLToPath(new URL('../../docs/architecture.md', import.meta.url));
export const ERRORS_DOC = fileURLToPath(new URL('../../docs/errors.md', import.meta.url));
export const TEARDOWN_DOC = fileURLToPath(new URL('../../docs/teardown.md', import.meta.url));

export const readDefinition = (): Definition => JSON.parse(readFileSync(ASL_PATH, 'utf8')) as Definition;

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

const POLL_ERRORS: ReadonlySet<string> = new Set([...NOT_READY_ERRORS, ...DELETION_PENDING_ERRORS]);

/** Error names written on a Catch edge of the diagram. */
const CATCH_NAMES_SHOWN = 2;

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
      // The first names, then a count: every name and its remedy is in docs/errors.md.
      const shown = c.ErrorEquals.slice(0, CATCH_NAMES_SHOWN).join(', ');
      const more = c.ErrorEquals.length - CATCH_NAMES_SHOWN;
      lines.push(`  ${name} --> ${c.Next}: ${label(`Catch ${shown}${more > 0 ? ` +${more} more` : ''}`)}`);
    }
    if (state.Type === 'Succeed' || state.Type === 'Fail' || state['End'] === true) lines.push(`  ${name} --> [*]`);
  }
  for (const [name, state] of Object.entries(def.States)) {
    const polls = (state.Retry ?? []).filter((r) => r.ErrorEquals.some((e) => POLL_ERRORS.has(e)));
    if (state.Type !== 'Task') continue;
    for (const p of polls) lines.push(`  note right of ${name} : ${label(`Poll every ${p.IntervalSeconds} s (Retry ${p.ErrorEquals.join(', ')})`)}`);
  }
  return ['```mermaid', ...lines, '```'].join('\n');
}

/* ---------------- error table ---------------- */

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (names: string[]): string => names.map((n) => `\`${n}\``).join(', ');

function retryText(row: ErrorRow): string {
  const p = retryPolicyOf(row);
  if (POLL_ERRORS.has(row.name)) return `Retry every ${p.IntervalSeconds} s (×${p.BackoffRate}, no jitter), at most ×${p.MaxAttempts}`;
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
  const teardown = machineOf(row.state) === 'teardown';
  const failed = `execution FAILED with this error, cause = the message; \`${teardown ? 'Deprovisioning' : 'Provisioning'} Failed\` event`;
  if (POLL_ERRORS.has(row.name)) {
    return `A \`StateRetried\` per poll in the history while the resource is being ${teardown ? 'deleted' : 'created'}; each failed poll's cause names the stage/status it saw`;
  }
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
    'Generated by `npm run docs` from `src/workflow/catalog.ts` (`ERROR_CATALOG`), the retry policies',
    '(`src/workflow/retry-policies.ts`) and the ASL; each row is proven by a test in `test/workflow/`. Waits: retry *n*',
    'waits about min(interval × rate^(n−1), max); jitter randomises it.',
    '',
    '| Error | State | Handling | What the user sees | How to rerun |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const t of errorTableRows()) {
    out.push(
      `| ${cell(code(t.names))} | ${cell(code(t.states))} | ${cell(t.handlingText)} | ${cell(t.sees)} | ${cell(t.rerun)} |`,
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

/* ---------------- the generated blocks ---------------- */

export function generatedBlocks(def: Definition = readDefinition()): Record<'diagram' | 'errors', string> {
  return { diagram: renderDiagram(def), errors: renderErrorTable(def) };
}

/** Every generated block, by the file that holds it. */
export function generatedDocs(def: Definition = readDefinition()): { file: string; blocks: Record<string, string> }[] {
  const { diagram, errors } = generatedBlocks(def);
  const results = readResults();
  return [
    { file: README_FILE, blocks: readmeBlocks(results) },
    { file: ARCHITECTURE_DOC, blocks: { diagram } },
    { file: ERRORS_DOC, blocks: { errors } },
    { file: TEARDOWN_DOC, blocks: { diagram: renderDiagram(JSON.parse(readFileSync(TEARDOWN_ASL_PATH, 'utf8')) as Definition) } },
    { file: PERFORMANCE_DOC, blocks: performanceBlocks(results) },
  ];
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale = generatedDocs().filter(({ file, blocks }) => updateBlocks(file, blocks, { check })).map(({ file }) => file);
  if (check && stale.length > 0) {
    console.error(`stale generated blocks in ${stale.join(', ')}: run npm run docs`);
    process.exit(1);
  }
  console.log(stale.length > 0 ? `updated ${stale.join(', ')}` : 'generated blocks are up to date');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
