// Character-trigram profiles per Latin-script language: the fallback of language identification for
// short posts that carry no stopword ("wifi kaputt seit gestern", "sem sinal"). Built by `npm run train`
// from the project's own labelled posts and lexicons; shipped as numbers in data/model/.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scanText, TokenKind } from './tokenize.ts';

export const TRIGRAM_FILE = fileURLToPath(new URL('../../data/model/language-trigrams.json', import.meta.url));

/** Trigrams kept per language: enough for short posts, small enough to ship. */
const TOP_TRIGRAMS = 600;

export const TrigramFileSchema = z.object({
  kind: z.literal('char-trigram-profiles'),
  version: z.literal(1),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(2),
  /** trigram -> log P(trigram | language), one number per language in `languages` order. */
  trigrams: z.record(z.string(), z.array(z.number())),
}).strict();

export type TrigramFile = z.infer<typeof TrigramFileSchema>;

export interface TrigramSample {
  lang: string;
  text: string;
}

const START = 0x5e;
const END = 0x24;

/**
 * The padded trigrams of the words of a scanned text ("wifi" -> "^wi", "wif", "ifi", "fi$"), each as a
 * number (three UTF-16 codes in 48 bits) so that scoring allocates nothing.
 */
export function wordTrigrams(tokens: readonly string[], kinds: readonly TokenKind[], visit: (trigram: number) => void): void {
  for (let t = 0; t < tokens.length; t++) {
    if (kinds[t] !== TokenKind.Word) continue;
    const word = tokens[t];
    let a = START;
    let b = word.charCodeAt(0);
    for (let k = 1; k <= word.length; k++) {
      const c = k < word.length ? word.charCodeAt(k) : END;
      visit(trigramKey(a, b, c));
      a = b;
      b = c;
    }
  }
}

function trigramKey(a: number, b: number, c: number): number {
  return a * 4294967296 + b * 65536 + c;
}

function trigramText(key: number): string {
  return String.fromCharCode(Math.floor(key / 4294967296), Math.floor(key / 65536) % 65536, key % 65536);
}

function keyOf(trigram: string): number {
  return trigramKey(trigram.charCodeAt(0), trigram.charCodeAt(1), trigram.charCodeAt(2));
}

/** Builds the profiles: each language's most frequent trigrams with their log-probabilities (deterministic). */
export function buildTrigramProfiles(samples: readonly TrigramSample[], languages: readonly string[]): TrigramFile {
  const counts = languages.map(() => new Map<number, number>());
  for (const { lang, text } of samples) {
    const slot = languages.indexOf(lang);
    if (slot < 0) continue;
    const { tokens, kinds } = scanText(text);
    wordTrigrams(tokens, kinds, (trigram) => counts[slot].set(trigram, (counts[slot].get(trigram) ?? 0) + 1));
  }
  const kept = counts.map((map) => {
    const top = [...map.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, TOP_TRIGRAMS);
    const total = [...map.values()].reduce((a, b) => a + b, 0) || 1;
    // An unseen trigram costs a little less than the rarest kept one.
    const floor = Math.log((top.at(-1)?.[1] ?? 1) / total) - 1;
    return { logp: new Map(top.map(([trigram, count]) => [trigram, Math.log(count / total)])), floor };
  });
  const all = [...new Set(kept.flatMap(({ logp }) => [...logp.keys()]))].sort((a, b) => a - b);
  const trigrams: Record<string, number[]> = {};
  for (const key of all) trigrams[trigramText(key)] = kept.map(({ logp, floor }) => round(logp.get(key) ?? floor));
  return { kind: 'char-trigram-profiles', version: 1, languages: [...languages], trigrams };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export class TrigramProfiles {
  private constructor(
    readonly languages: readonly string[],
    private readonly table: Map<number, Float32Array>,
  ) {}

  static fromFile(file: TrigramFile): TrigramProfiles {
    const table = new Map<number, Float32Array>();
    for (const [trigram, logps] of Object.entries(file.trigrams)) {
      if (logps.length !== file.languages.length) throw new Error(`trigram "${trigram}": ${logps.length} numbers for ${file.languages.length} languages`);
      table.set(keyOf(trigram), Float32Array.from(logps));
    }
    return new TrigramProfiles(file.languages, table);
  }

  /**
   * The most likely language of the words, or undefined when no trigram is known. `prior` adds a log-prior
   * per language slot (`languages` order); a slot whose prior is -Infinity is never chosen.
   */
  best(tokens: readonly string[], kinds: readonly TokenKind[], prior?: Float64Array): string | undefined {
    const scores = prior ? Float64Array.from(prior) : new Float64Array(this.languages.length);
    let known = 0;
    wordTrigrams(tokens, kinds, (trigram) => {
      const logps = this.table.get(trigram);
      if (!logps) return;
      known++;
      for (let l = 0; l < scores.length; l++) scores[l] += logps[l];
    });
    if (known === 0) return undefined;
    let best = 0;
    for (let l = 1; l < scores.length; l++) if (scores[l] > scores[best]) best = l;
    return this.languages[best];
  }
}

let loaded: TrigramProfiles | null | undefined;

/** The shipped profiles, or null when `npm run train` has not built them yet (detection then says 'und'). */
export function loadTrigramProfiles(file: string = TRIGRAM_FILE): TrigramProfiles | null {
  if (loaded !== undefined && file === TRIGRAM_FILE) return loaded;
  let profiles: TrigramProfiles | null = null;
  if (existsSync(file)) {
    const parsed = TrigramFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}; run \`npm run train\``);
    }
    profiles = TrigramProfiles.fromFile(parsed.data);
  }
  if (file === TRIGRAM_FILE) loaded = profiles;
  return profiles;
}
