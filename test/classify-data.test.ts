import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignTemplates } from '../scripts/generate-labelled.ts';
import { DEFAULT_FEATURES } from '../src/classify/features.ts';
import { trainModels } from '../src/classify/training.ts';
import { LABELS } from '../src/model/types.ts';

interface Labelled {
  id: string;
  text: string;
  lang: string;
  label: string;
  sentiment?: string;
}

const read = (split: string): Labelled[] =>
  readFileSync(new URL(`../data/labelled/${split}.jsonl`, import.meta.url), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Labelled);

const train = read('train');
const test = read('test');
const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'pt', 'it', 'pl', 'tr', 'ja'];

describe('the project labelled posts', () => {
  it('never share a text between train and test', () => {
    const trainTexts = new Set(train.map((post) => post.text));
    expect(test.filter((post) => trainTexts.has(post.text))).toEqual([]);
  });

  it('never use a test template, even re-punctuated or re-cased, for training in the same language', () => {
    const key = (lang: string, template: string): string =>
      `${lang}:${template.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}{}]/gu, '')}`;
    const assigned = assignTemplates();
    const testKeys = new Set(assigned.filter((t) => t.split === 'test').map((t) => key(t.lang, t.template)));
    const leaked = assigned.filter((t) => t.split === 'train' && testKeys.has(key(t.lang, t.template))).map((t) => `${t.lang}: ${t.template}`);
    expect(leaked).toEqual([]);
  });

  it('keep every fourth template of a label for the test split', () => {
    const assigned = assignTemplates();
    for (const lang of LANGUAGES) {
      const mine = assigned.filter((t) => t.lang === lang);
      const share = mine.filter((t) => t.split === 'test').length / mine.length;
      expect(share, lang).toBeGreaterThan(0.15);
    }
  });

  it('have unique ids', () => {
    const ids = [...train, ...test].map((post) => post.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cover the ten languages with several hundred posts each and every label in both splits', () => {
    for (const lang of LANGUAGES) {
      expect([...train, ...test].filter((post) => post.lang === lang).length, lang).toBeGreaterThanOrEqual(300);
      for (const label of LABELS) {
        expect(train.some((post) => post.lang === lang && post.label === label), `${lang} ${label} train`).toBe(true);
        expect(test.some((post) => post.lang === lang && post.label === label), `${lang} ${label} test`).toBe(true);
      }
    }
  });
});

describe('trainModels', () => {
  const plan = () => ({
    features: { ...DEFAULT_FEATURES, dim: 1 << 12, namedBits: 8 },
    sources: [{ name: 'sample', texts: train.slice(0, 200), labelWeight: 1, sentimentWeight: 1 }],
    label: { epochs: 2, learningRate: 0.3, l2: 1e-5, seed: 7 },
    sentiment: { epochs: 2, learningRate: 0.1, l2: 1e-5, seed: 7 },
  });

  it('gives the same weights for the same data and seed', () => {
    const first = trainModels(plan());
    const second = trainModels(plan());
    expect(Buffer.from(first.complaint.weights.buffer).equals(Buffer.from(second.complaint.weights.buffer))).toBe(true);
    expect(first.trainedOn).toEqual({ sample: 200 });
  });

  it('round-trips through the model file format', async () => {
    const { LinearModel } = await import('../src/classify/model.ts');
    const { complaint } = trainModels(plan());
    const restored = LinearModel.fromFile(complaint.toFile(plan().features));
    let maxError = 0;
    for (let i = 0; i < complaint.weights.length; i++) maxError = Math.max(maxError, Math.abs(complaint.weights[i] - restored.weights[i]));
    expect(maxError).toBeLessThan(1e-3);
  });
});
