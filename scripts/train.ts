// Rebuilds data/model/{complaint,sentiment,language-trigrams}.json, reproducibly (fixed seeds).
// Reads what src/classify/training-plan.ts lists: the project's corpus and templates, and at train time
// only the shared third-party sets (SHARED_DATA overrides ../shared/data/). Never reads a validation,
// dev or test part. Run: npm run train
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPLAINT_MODEL_FILE, SENTIMENT_MODEL_FILE } from '../src/classify/classifier.ts';
import { corpusTexts, trainingPlan } from '../src/classify/training-plan.ts';
import { readJsonl, trainModels } from '../src/classify/training.ts';
import { LATIN_LANGUAGES } from '../src/text/language.ts';
import { loadLexicons } from '../src/text/lexicon.ts';
import { buildTrigramProfiles, TRIGRAM_FILE, type TrigramSample } from '../src/text/trigram-profiles.ts';

const OWN_TRAIN = fileURLToPath(new URL('../data/labelled/train.jsonl', import.meta.url));

/** Language-id profiles come from the project's own text only: its corpus, its labelled posts and every lexicon phrase. */
function trigramSamples(): TrigramSample[] {
  const samples: TrigramSample[] = [...corpusTexts(), ...readJsonl(OWN_TRAIN)].map((post) => ({ lang: post.lang ?? '', text: post.text }));
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
