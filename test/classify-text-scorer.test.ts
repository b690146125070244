import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TextAnalyser } from '../src/classify/analyser.ts';
import { COMPLAINT_MODEL_FILE, LinearClassifier, SENTIMENT_MODEL_FILE, loadClassifier, readModelFile } from '../src/classify/classifier.ts';
import { TextScorer } from '../src/classify/text-scorer.ts';

const complaint = readModelFile(COMPLAINT_MODEL_FILE);
const sentiment = readModelFile(SENTIMENT_MODEL_FILE);
const analyser = new TextAnalyser(complaint.features);

const posts: { text: string; lang?: string }[] = readFileSync(new URL('../data/labelled/test.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { text: string; lang: string })
  .filter((_, i) => i % 5 === 0);
posts.push(
  { text: 'WhatsApp is dooooown again?! https://t.co/x #whatsappdown @WhatsApp 12:30' },
  { text: 'Störung bei der Telekom, Internet geht nicht 😡 #telekomstörung', lang: 'de' },
  { text: 'また繋がらない #ドコモ障害 LINE落ちてる？' },
  { text: '' },
  { text: 'https://example.com' },
);

/** The plain dot product over every feature extractFeatures gives (text features included): the reference. */
function referenceLogits(post: { text: string; lang?: string }): number[] {
  const { indices, values } = analyser.analyse(post);
  const labels = complaint.model.logits(indices, values, new Float64Array(complaint.model.labels.length));
  const moods = sentiment.model.logits(indices, values, new Float64Array(sentiment.model.labels.length));
  return [...labels, ...moods];
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let c = 0; c < expected.length; c++) expect(Math.abs(actual[c] - expected[c])).toBeLessThan(1e-9 * (1 + Math.abs(expected[c])));
}

describe('text scorer', () => {
  it('gives the plain dot product of the text features, per token memo or not', () => {
    expect(posts.length).toBeGreaterThan(100);
    const classifier = loadClassifier();
    expect(classifier).toBeInstanceOf(LinearClassifier);
    for (const post of posts) expectClose((classifier as LinearClassifier).logitsOf(post), referenceLogits(post));
    // Twice: the second pass reads every token from the memo.
    for (const post of posts) expectClose((classifier as LinearClassifier).logitsOf(post), referenceLogits(post));
  });

  it('keeps giving the same sums when its memo is full and starts over', () => {
    const { model } = complaint;
    const width = model.labels.length;
    const tiny = new TextScorer(model.weights, width, complaint.features, (lang) => analyser.stemmerFor(lang), analyser.services, 3);
    const roomy = new TextScorer(model.weights, width, complaint.features, (lang) => analyser.stemmerFor(lang), analyser.services);
    for (const post of [...posts, ...posts]) {
      const { tokens, kinds, lang } = analyser.analyse(post, false);
      const a = new Float64Array(width);
      const b = new Float64Array(width);
      expect(tiny.addText(tokens, kinds, lang, a)).toBe(roomy.addText(tokens, kinds, lang, b));
      expectClose(a, b);
      // The count is the number of text features extractFeatures gives.
      const full = analyser.analyse(post);
      expect(roomy.addText(tokens, kinds, lang, new Float64Array(width))).toBe(full.indices.length - full.named.length);
    }
  });
});
