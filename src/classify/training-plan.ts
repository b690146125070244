// What `npm run train` trains on, and with which weights: the project's own corpus and templates
// (data/), plus the shared third-party sets (../shared/data/) read at train time only. The
// evaluation's cross-validation uses the same plan, so its folds train exactly as the shipped model.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FEATURES } from './features.ts';
import { readCsvRows, readJsonl, type LabelledText, type TrainingPlan, type TrainingSource } from './training.ts';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));

/** The shared data sets' folder: SHARED_DATA, else ../shared/data/ beside the project. */
export const SHARED_DATA = process.env.SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export const SOURCE = {
  corpus: 'data/corpus/*.jsonl',
  templates: 'data/labelled/train.jsonl',
  realPosts: 'shared/real-posts-dev/train.jsonl',
  freeMobile: 'shared/freemobile-fr (data/labels/freemobile-fr.jsonl)',
  complaintsEn: 'shared/complaints-en/train.csv',
  crisisLex: 'shared/crisislex-nonen/posts.jsonl',
  sentiment: 'shared/sentiment/jsonl/*.train.jsonl',
} as const;

/** The project's hand-written corpus: every data/corpus/<lang>.jsonl. */
export function corpusTexts(dir = `${DATA}corpus/`): LabelledText[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => readJsonl(`${dir}${f}`));
}

/**
 * Hand labels of a shared unlabelled pool (`data/labels/<set>.jsonl`: `{id, label}` lines, no text) joined
 * with the pool's texts: the labels ship with the project, the third-party text stays in ../shared.
 */
export function joinLabels(labelsFile: string, poolFile: string): LabelledText[] {
  if (!existsSync(labelsFile) || !existsSync(poolFile)) return [];
  const pool = new Map(readJsonl(poolFile).map((post) => [post.id, post]));
  return readJsonl(labelsFile).flatMap((entry) => {
    const post = entry.id === undefined ? undefined : pool.get(entry.id);
    return post ? [{ ...post, label: entry.label, sentiment: entry.sentiment }] : [];
  });
}

/** The complaints corpus: complaint 1 -> complaint, 0 -> other (general complaints to brands, English). */
function complaintsEn(file: string): LabelledText[] {
  return readCsvRows(file).map((row) => ({ text: row.text, lang: 'en', label: row.complaint === '1' ? 'complaint' : 'other' }));
}

export function trainingPlan(shared = SHARED_DATA): TrainingPlan {
  const sources: TrainingSource[] = [
    // The corpus's sentiment is nearly a function of its label (complaints negative, news neutral): it would teach
    // "complaint = negative", not sentiment, so the sentiment model does not read it.
    { name: SOURCE.corpus, texts: corpusTexts(), labelWeight: 1, sentimentWeight: 0 },
    { name: SOURCE.templates, texts: readJsonl(`${DATA}labelled/train.jsonl`), labelWeight: 0.3, sentimentWeight: 0.3 },
  ];
  const add = (name: string, file: string, read: () => LabelledText[], labelWeight: number, sentimentWeight: number, defaultLabel?: string): void => {
    if (existsSync(file)) sources.push({ name, texts: read(), labelWeight, sentimentWeight, defaultLabel });
  };
  const real = `${shared}real-posts-dev/train.jsonl`;
  add(SOURCE.realPosts, real, () => readJsonl(real), 10, 0);
  const free = `${shared}freemobile-fr/posts.jsonl`;
  add(SOURCE.freeMobile, free, () => joinLabels(`${DATA}labels/freemobile-fr.jsonl`, free), 2, 0);
  const complaints = `${shared}complaints-en/train.csv`;
  add(SOURCE.complaintsEn, complaints, () => complaintsEn(complaints), 0.5, 0);
  const crisis = `${shared}crisislex-nonen/posts.jsonl`;
  add(SOURCE.crisisLex, crisis, () => readJsonl(crisis), 0.3, 0, 'other');
  const sentimentDir = `${shared}sentiment/jsonl/`;
  add(SOURCE.sentiment, sentimentDir, () => readdirSync(sentimentDir).filter((f) => f.endsWith('.train.jsonl')).sort().flatMap((f) => readJsonl(`${sentimentDir}${f}`)), 0.1, 1, 'other');
  return {
    features: DEFAULT_FEATURES,
    sources: sources.filter((source) => source.texts.length > 0),
    // threshold: chosen by grouped 5-fold cross-validation on the real sets in training (docs/classifier.md), never on the dev part.
    label: { epochs: 12, learningRate: 0.3, l2: 1e-5, seed: 7, runs: 5, threshold: 0.4 },
    sentiment: { epochs: 10, learningRate: 0.1, l2: 1e-5, seed: 7, runs: 3 },
  };
}
