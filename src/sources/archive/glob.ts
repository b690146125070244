// Expanding CLI inputs (files, directories, globs) into archive files. Node 20 has no fs.glob.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The file names the readers understand. */
export const ARCHIVE_FILE = /\.(jsonl|ndjson|json|csv)(\.gz)?$/i;

/** Ground-truth files that sit beside generated archives (`2021-10-04.truth.json`): never posts. */
const TRUTH_FILE = /\.truth\.json$/i;

const isArchiveFile = (file: string): boolean => ARCHIVE_FILE.test(file) && !TRUTH_FILE.test(file);

const GLOB_CHARS = /[*?[{]/;

/**
 * Archive files named by `inputs`, in input order, each once: a glob (`*`, `?`, `[abc]`, `{a,b}`,
 * `**` for any depth) gives its matching archive files sorted; a directory gives the archive files
 * below it, sorted; ground-truth files (`*.truth.json`) are never archive files; hidden files and folders are skipped in both; any other path is kept as given, so that reading it reports a missing file.
 */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const input of inputs) {
    const matches = GLOB_CHARS.test(input) ? await globFiles(input) : await pathFiles(input);
    for (const file of matches) files.add(file);
  }
  return [...files];
}

async function pathFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const files = await walk(path, '', Infinity);
  return files.filter(isArchiveFile).map((file) => join(path, file)).sort();
}

async function globFiles(pattern: string): Promise<string[]> {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((segment) => GLOB_CHARS.test(segment));
  const baseSegments = segments.slice(0, firstGlob);
  const globSegments = segments.slice(firstGlob);
  const root = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const prefix = baseSegments.length === 0 ? '' : `${baseSegments.join('/')}/`;
  const depth = globSegments.some((segment) => segment.includes('**')) ? Infinity : globSegments.length;
  const matcher = globToRegExp(globSegments.join('/'));
  const files = await walk(root, '', depth);
  return files.filter((file) => matcher.test(file) && isArchiveFile(file)).map((file) => prefix + file).sort();
}

/** Files below `root` up to `depth` levels, hidden ones (.git, .cache...) left out, as '/'-separated paths relative to `root`. */
async function walk(root: string, relative: string, depth: number): Promise<string[]> {
  if (depth <= 0) return [];
  const entries = await readdir(relative ? join(root, relative) : root, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await walk(root, path, depth - 1)));
    else files.push(path);
  }
  return files;
}

/** A glob over '/'-separated relative paths as an anchored RegExp. `*` never matches a leading dot. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '(?!\\.)[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      const close = glob.indexOf('}', i + 1);
      if (close === -1) source += '\\{';
      else {
        source += `(?:${glob.slice(i + 1, close).split(',').map(escapeRegExp).join('|')})`;
        i = close;
      }
    } else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
