import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusTexts, SHARED_DATA } from '../src/classify/training-plan.ts';
import { readJsonl } from '../src/classify/training.ts';
import { LABELS, SENTIMENTS } from '../src/model/types.ts';

const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'pt', 'it', 'pl', 'tr', 'ja'];
const corpus = corpusTexts();
const normalise = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe("the project's hand-written corpus (data/corpus)", () => {
  it('has one well-formed post a line: a unique id, text, a known language, label and sentiment', () => {
    expect(corpus.length).toBeGreaterThan(15_000);
    const bad = corpus.filter((post) => !post.id || !post.text?.trim() || !LANGUAGES.includes(post.lang ?? '')
      || !LABELS.includes(post.label as never) || (post.sentiment !== undefined && !SENTIMENTS.includes(post.sentiment as never)));
    expect(bad).toEqual([]);
    expect(new Set(corpus.map((post) => post.id)).size).toBe(corpus.length);
  });

  it('keeps each language in its own file, ids prefixed by the language', () => {
    const misplaced = corpus.filter((post) => !String(post.id).startsWith(`${post.lang}-`));
    expect(misplaced).toEqual([]);
  });

  it('does not repeat a text within a language', () => {
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const post of corpus) {
      const key = `${post.lang}:${normalise(post.text)}`;
      if (seen.has(key)) repeats.push(`${seen.get(key)} = ${post.id}`);
      else seen.set(key, String(post.id));
    }
    // Very short forms ("whatsapp down?") were written independently in different rounds: a few repeats are tolerated.
    expect(repeats.length).toBeLessThan(corpus.length / 500);
  });

  // The shared development check and the evaluation-only GermEval set must never be in training, not even
  // re-cased or re-punctuated (checked where ../shared exists).
  for (const set of ['real-posts-dev/dev.jsonl', 'germeval2017-de/posts.jsonl']) {
    const file = `${SHARED_DATA}${set}`;
    it.runIf(existsSync(file))(`holds no post of ${set}`, () => {
      const held = new Set(readJsonl(file).map((post) => normalise(post.text)).filter((text) => text.length > 0));
      expect(held.size).toBeGreaterThan(100);
      expect(corpus.filter((post) => held.has(normalise(post.text))).map((post) => post.id)).toEqual([]);
    });
  }
});
