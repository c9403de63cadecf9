/**
 * Generated blocks inside hand-written Markdown: the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` is
 * owned by a generator (the docs CLI, the bench); everything else is prose.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function replaceBlock(text: string, name: string, content: string, where = 'the document'): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${where} lacks the ${start} … ${end} markers`);
  return `${text.slice(0, i + start.length)}\n${content}\n${text.slice(j)}`;
}

export function readBlock(text: string, name: string): string | undefined {
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(text);
  return m?.[1];
}

/** Replaces each named block of `file`; returns whether the file changed (written unless `check`). */
export function updateBlocks(file: string, blocks: Readonly<Record<string, string>>, opts: { check?: boolean } = {}): boolean {
  const current = readFileSync(file, 'utf8');
  let next = current;
  for (const [name, content] of Object.entries(blocks)) next = replaceBlock(next, name, content, file);
  if (next !== current && !opts.check) writeFileSync(file, next);
  return next !== current;
}
