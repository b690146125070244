// The folder-level import graph of src/ (and workers/) follows the rule of docs/architecture.md: every
// arrow runs down, to a folder of a lower layer, so there is no cycle and no arrow back up. A new
// folder must be given its layer here before it can be imported.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The layers, top first: a folder may import only folders of a lower layer. */
const LAYERS: readonly (readonly string[])[] = [
  ['workers', 'src/cli.ts'],
  ['commands'],
  ['api'],
  ['page'],
  ['live'],
  ['eval'],
  ['batch'],
  ['report'],
  ['pipeline', 'sources', 'queue', 'alerts'],
  ['classify', 'geo', 'aggregate', 'detect', 'sample'],
  ['config', 'text'],
  ['observe'],
  ['model', 'util'],
];

const RANK = new Map(LAYERS.flatMap((names, i) => names.map((name) => [name, LAYERS.length - i] as const)));

/** A file's folder: the first folder under src/ (`src/cli.ts` itself), or `workers`. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'workers') return 'workers';
  return parts.length === 2 ? file : parts[1];
}

/** Relative module names a source file refers to: static and dynamic imports, re-exports, worker URLs (comment lines aside). */
export function referencesOf(source: string): string[] {
  const found: string[] = [];
  const code = source.replace(/^\s*(\/\/|\/?\*).*$/gm, '');
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)(['"])(\.\.?\/[^'"]*)\1/g;
  for (const match of code.matchAll(pattern)) found.push(match[2]);
  return found;
}

export interface Arrow {
  from: string;
  to: string;
  /** The files that make the arrow, `a.ts -> b.ts`. */
  via: string[];
}

/** The folder-level arrows of a set of files (paths relative to the repository, `/`-separated). */
export function folderArrows(files: ReadonlyMap<string, string>): Arrow[] {
  const arrows = new Map<string, Arrow>();
  for (const [file, source] of files) {
    for (const spec of referencesOf(source)) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec)).split(sep).join('/');
      if (!target.startsWith('src/')) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      const arrow = arrows.get(key) ?? { from, to, via: [] };
      arrow.via.push(`${file} -> ${target}`);
      arrows.set(key, arrow);
    }
  }
  return [...arrows.values()];
}

/** Arrows that break the rule: into a folder of the same or a higher layer, or from or to a folder with no layer. */
export function brokenArrows(arrows: readonly Arrow[], rank: ReadonlyMap<string, number> = RANK): string[] {
  const broken: string[] = [];
  for (const { from, to, via } of arrows) {
    const a = rank.get(from);
    const b = rank.get(to);
    if (a === undefined || b === undefined) broken.push(`${from} -> ${to}: ${a === undefined ? from : to} has no layer (add it to LAYERS and docs/architecture.md); ${via[0]}`);
    else if (b >= a) broken.push(`${from} -> ${to} runs ${b > a ? 'up' : 'sideways'}: ${via.join(', ')}`);
  }
  return broken;
}

/** A cycle among the folders, as a path `a -> b -> a`, or undefined. */
export function findCycle(arrows: readonly Arrow[]): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const { from, to } of arrows) next.set(from, [...(next.get(from) ?? []), to]);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'open');
    path.push(node);
    for (const to of next.get(node) ?? []) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of next.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

function sourceFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string): void => {
    for (const entry of readdirSync(join(ROOT, path), { withFileTypes: true })) {
      const child = `${path}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (/\.(ts|mjs|js)$/.test(entry.name)) files.set(child, readFileSync(join(ROOT, child), 'utf8'));
    }
  };
  walk(dir);
  return files;
}

describe('the folder-level import graph', () => {
  const files = new Map([...sourceFiles('src'), ...sourceFiles('workers')]);
  const arrows = folderArrows(files);

  it('reads the arrows of the project (sanity: the pipeline is imported by both drivers)', () => {
    const names = arrows.map(({ from, to }) => `${from} -> ${to}`);
    expect(names).toEqual(expect.arrayContaining(['batch -> pipeline', 'live -> pipeline', 'commands -> live', 'commands -> batch']));
  });

  it('has every arrow running down a layer, so no cycle and no arrow back up', () => {
    expect(brokenArrows(arrows)).toEqual([]);
    expect(findCycle(arrows)).toBeUndefined();
  });

  it('gives every folder of src/ a layer', () => {
    const folders = new Set([...files.keys()].map(folderOf));
    expect([...folders].filter((folder) => !RANK.has(folder))).toEqual([]);
  });
});

describe('the checker', () => {
  const project = new Map([
    ['src/live/a.ts', "import { b } from '../batch/b.ts';\nconst w = new URL('../pipeline/w.mjs', import.meta.url);"],
    ['src/batch/b.ts', "import type { C } from '../model/c.ts';\nexport const later = () => import('../live/a.ts');"],
    ['src/model/c.ts', "// a comment line is not read: import { a } from '../live/a.ts';\n/** nor a doc comment: from '../live/a.ts' */\nexport type C = 1;"],
  ]);

  it('finds static, dynamic and worker-URL references', () => {
    expect(referencesOf(project.get('src/live/a.ts')!)).toEqual(['../batch/b.ts', '../pipeline/w.mjs']);
    expect(referencesOf(project.get('src/batch/b.ts')!)).toEqual(['../model/c.ts', '../live/a.ts']);
  });

  it('reports an arrow that runs up and the cycle it makes', () => {
    const arrows = folderArrows(project);
    expect(brokenArrows(arrows)).toEqual([
      expect.stringMatching(/^batch -> live runs up: src\/batch\/b\.ts -> src\/live\/a\.ts/),
    ]);
    expect(findCycle(arrows)).toEqual(['live', 'batch', 'live']);
  });

  it('reports a sideways arrow and a folder without a layer', () => {
    const arrows = folderArrows(new Map([['src/sources/x.ts', "import '../queue/y.ts';\nimport '../nowhere/z.ts';"]]));
    expect(brokenArrows(arrows)).toEqual([expect.stringMatching(/^sources -> queue runs sideways/), expect.stringMatching(/^sources -> nowhere: nowhere has no layer/)]);
  });
});
