// Rebuilds data/model/{complaint,sentiment,language-trigrams}.json, reproducibly (fixed seeds).
// Reads: data/labelled/train.jsonl (the project's own posts) and, at train time only, the shared
// third-party sets ../shared/data/complaints-en/train.csv and sentiment/jsonl/*.train.jsonl
// (SHARED_DATA overrides the folder). Never reads a validation or test part. Run: npm run train
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPLAINT_MODEL_FILE, SENTIMENT_MODEL_FILE } from '../src/classify/classifier.ts';
import { DEFAULT_FEATURES } from '../src/classify/features.ts';
import { readCsvRows, readJsonl, trainModels, type TrainingPlan, type TrainingSource } from '../src/classify/training.ts';
import { LATIN_LANGUAGES } from '../src/text/language.ts';
import { loadLexicons } from '../src/text/lexicon.ts';
import { buildTrigramProfiles, TRIGRAM_FILE, type TrigramSample } from '../src/text/trigram-profiles.ts';

const SHARED = process.env.SHARED_DATA ?? fileURLToPath(new URL('../../shared/data/', import.meta.url));
const OWN_TRAIN = fileURLToPath(new URL('../data/labelled/train.jsonl', import.meta.url));

export function trainingPlan(): TrainingPlan {
  const sources: TrainingSource[] = [{ name: 'data/labelled/train.jsonl', texts: readJsonl(OWN_TRAIN), labelWeight: 1, sentimentWeight: 0.3 }];
  const complaints = `${SHARED}complaints-en/train.csv`;
  if (existsSync(complaints)) sources.push(complaintsSource(complaints));
  const sentimentDir = `${SHARED}sentiment/jsonl/`;
  if (existsSync(sentimentDir)) {
    const texts = readdirSync(sentimentDir).filter((f) => f.endsWith('.train.jsonl')).sort().flatMap((f) => readJsonl(`${sentimentDir}${f}`));
    sources.push({ name: 'shared/sentiment/jsonl/*.train.jsonl', texts, labelWeight: 0.1, sentimentWeight: 1, defaultLabel: 'other' });
  }
  return {
    features: DEFAULT_FEATURES,
    sources,
    label: { epochs: 12, learningRate: 0.3, l2: 1e-5, seed: 7, runs: 5 },
    sentiment: { epochs: 10, learningRate: 0.1, l2: 1e-5, seed: 7, runs: 3 },
  };
}

/** The complaints corpus: complaint 1 -> complaint, 0 -> other (general complaints to brands, English). */
function complaintsSource(file: string): TrainingSource {
  const texts = readCsvRows(file).map((row) => ({ text: row.text, lang: 'en', label: row.complaint === '1' ? 'complaint' : 'other' }));
  return { name: 'shared/complaints-en/train.csv', texts, labelWeight: 0.5, sentimentWeight: 0 };
}

/** Language-id profiles come from the project's own text only: its labelled posts and every lexicon phrase. */
function trigramSamples(): TrigramSample[] {
  const samples: TrigramSample[] = readJsonl(OWN_TRAIN).map((post) => ({ lang: post.lang ?? '', text: post.text }));
  for (const [lang, lexicon] of loadLexicons()) {
    const phrases = [lexicon.stopwords, lexicon.outage, ...Object.values(lexicon.symptoms), lexicon.recovery, lexicon.negation, lexicon.notOutage,
      lexicon.news, lexicon.joke, lexicon.firstPerson, lexicon.question, lexicon.status, lexicon.ad, lexicon.sarcasm, lexicon.maintenance,
      lexicon.sentiment.positive, lexicon.sentiment.negative].flat();
    for (const text of phrases) samples.push({ lang, text });
  }
  return samples;
}

async function main(): Promise<void> {
  const plan = trainingPlan();
  const { complaint, sentiment, trainedOn } = trainModels(plan);
  writeFileSync(COMPLAINT_MODEL_FILE, JSON.stringify(complaint.toFile(plan.features, trainedOn)) + '\n');
  writeFileSync(SENTIMENT_MODEL_FILE, JSON.stringify(sentiment.toFile(plan.features, trainedOn)) + '\n');
  writeFileSync(TRIGRAM_FILE, JSON.stringify(buildTrigramProfiles(trigramSamples(), LATIN_LANGUAGES)) + '\n');
  for (const [source, n] of Object.entries(trainedOn)) process.stderr.write(`trained on ${source}: ${n} texts\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
