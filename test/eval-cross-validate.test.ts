import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES } from '../src/classify/features.ts';
import { readJsonl, type LabelledText } from '../src/classify/training.ts';
import { joinLabels } from '../src/classify/training-plan.ts';
import { crossValidate } from '../src/eval/cross-validate.ts';
import { formatRealPosts } from '../src/eval/real-posts.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const own = readJsonl(new URL('../data/labelled/train.jsonl', import.meta.url).pathname).slice(0, 300);
const real: LabelledText[] = [
  ...['whatsapp werkt weer niet bij mij', 'geen internet sinds vanochtend', 'kpn ligt eruit hier ook', 'mijn ziggo doet het niet'].map((text, i) => ({ text, lang: 'nl', label: 'complaint', source: `page-${i % 2}` })),
  ...['Storing bij KPN opgelost volgens woordvoerder', 'Ik ga lekker fietsen vandaag', 'Nieuwe telefoon gekocht, blij mee'].map((text, i) => ({ text, lang: 'nl', label: i === 0 ? 'news' : 'other', source: `page-${2 + i}` })),
];
const plan = () => ({
  features: { ...DEFAULT_FEATURES, dim: 1 << 12, namedBits: 8 },
  sources: [
    { name: 'own', texts: own, labelWeight: 1, sentimentWeight: 0 },
    { name: 'real', texts: real, labelWeight: 5, sentimentWeight: 0 },
  ],
  label: { epochs: 2, learningRate: 0.3, l2: 1e-5, seed: 7, threshold: 0.4 },
  sentiment: { epochs: 1, learningRate: 0.1, l2: 1e-5, seed: 7 },
});

describe('cross-validation on the real sets in training', () => {
  it('scores every post of the held-out sources exactly once, and no post of the others', () => {
    const result = crossValidate(plan(), { real: (text) => text.source ?? '' }, 3);
    expect(result.n).toBe(real.length);
    expect(result.sources).toEqual({ real: real.length });
    expect(result.overall.support).toBe(4);
    expect(result.sweep.map((point) => point.threshold)).toEqual([0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]);
  });

  it('prints the threshold sweep the shipped threshold is chosen from, under its figures', () => {
    const crossValidation = crossValidate(plan(), { real: (text) => text.source ?? '' }, 3);
    const text = formatRealPosts({ crossValidation, missing: [] });
    const line = text.split('\n').find((l) => l.startsWith('complaint threshold sweep on these folds:'));
    expect(line).toBeDefined();
    for (const point of crossValidation.sweep) expect(line).toContain(`${point.threshold.toFixed(2)}: P ${point.precision.toFixed(3)} R ${point.recall.toFixed(3)} F1 ${point.f1.toFixed(3)}`);
  });

  it('gives the same figures for the same data (folds come from a hash of the group, training from seeds)', () => {
    const first = crossValidate(plan(), { real: (text) => text.source ?? '' }, 3);
    const second = crossValidate(plan(), { real: (text) => text.source ?? '' }, 3);
    expect(second).toEqual(first);
  });
});

describe('hand labels of a shared pool', () => {
  it('joins labels to the pool by id and leaves out ids the pool does not have', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outage-radar-labels-'));
    writeFileSync(join(dir, 'pool.jsonl'), ['{"id":"a","text":"plus de box depuis lundi","lang":"fr"}', '{"id":"b","text":"nouvelle chaîne sur le canal 82","lang":"fr"}'].join('\n'));
    writeFileSync(join(dir, 'labels.jsonl'), ['{"id":"a","label":"complaint","sentiment":"negative"}', '{"id":"zz","label":"other"}'].join('\n'));
    expect(joinLabels(join(dir, 'labels.jsonl'), join(dir, 'pool.jsonl'))).toEqual([{ id: 'a', text: 'plus de box depuis lundi', lang: 'fr', label: 'complaint', sentiment: 'negative' }]);
  });
});

describe('the complaint threshold', () => {
  it('chooses the first label at the threshold, else the most probable other, and survives the model file', async () => {
    const { LinearModel } = await import('../src/classify/model.ts');
    const model = LinearModel.empty(['complaint', 'news', 'joke', 'other'], 16);
    model.threshold = 0.4;
    expect(model.choose([0.41, 0.5, 0.05, 0.04])).toBe(0);
    expect(model.choose([0.39, 0.1, 0.2, 0.31])).toBe(3);
    expect(LinearModel.fromFile(model.toFile({ charNgrams: [3] })).threshold).toBe(0.4);
    model.threshold = undefined;
    expect(model.choose([0.41, 0.5, 0.05, 0.04])).toBe(1);
  });
});
