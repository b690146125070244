// Writes data/labelled/{train,test}.jsonl from the project's own templates (labelled-templates.ts).
// Reproducible (fixed seed). Templates never cross splits: every 4th template of a label is test-only;
// TRAIN_ONLY_TEMPLATES are filled after all the others, so adding them leaves test.jsonl unchanged.
// Run: npx tsx scripts/generate-labelled.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/classify/model.ts';
import { LABELS, SENTIMENTS, type Label, type SentimentLabel } from '../src/model/types.ts';
import { MESSY_TEMPLATES, MOOD_TEMPLATES, TEMPLATES, TRAIN_ONLY_TEMPLATES } from './labelled-templates.ts';

const OUT = fileURLToPath(new URL('../data/labelled/', import.meta.url));
const FILLS_PER_TEMPLATE = 6;
const random = seededRandom(20240611);

interface LabelledPost {
  id: string;
  text: string;
  lang: string;
  label: Label;
  sentiment?: SentimentLabel;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

const EMOJI: Partial<Record<Label, string[]>> = { complaint: ['😡', '😤', '🙄', '😩'], joke: ['😂', '🤣', '💀', '😅'] };
const SENTIMENT: Partial<Record<Label, SentimentLabel>> = { complaint: 'negative', news: 'neutral' };

function compact(service: string): string {
  return service.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]/gu, '');
}

function typo(text: string): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^\p{Ll}{5,}$/u.test(w));
  if (candidates.length === 0) return text;
  const [word, index] = pick(candidates);
  const at = 1 + Math.floor(random() * (word.length - 2));
  words[index] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(' ');
}

function fill(template: string, lang: string, label: Label): string {
  const t = TEMPLATES[lang];
  // About a third of the posts name a service the catalogue does not know, or none ("the app").
  const service = random() < 0.3 ? pick(t.unknown) : pick(t.services);
  let text = template
    .replaceAll('#{s}', `#${compact(service)}`)
    .replaceAll('{s}', service)
    .replaceAll('{h}', `@${compact(service)}`)
    .replaceAll('{c}', pick(t.cities))
    .replaceAll('{d}', pick(t.days))
    .replaceAll('{t}', pick(t.times))
    .replaceAll('{n}', String(pick([12, 40, 90, 300, 1200, 5000, 20000, 150000])));
  const roll = random();
  if (label === 'complaint' || label === 'joke') {
    if (random() < 0.15) text += ` #${compact(service).toLowerCase()}down`;
    if (random() < 0.12) text += ` ${pick(EMOJI[label] ?? [''])}`;
  }
  if (lang !== 'ja') {
    if (roll < 0.25) text = text.toLowerCase();
    else if (roll < 0.29 && label !== 'news') text = text.toUpperCase();
    if (random() < 0.1) text = typo(text);
  }
  return text;
}

interface TemplateGroup {
  label: Label;
  sentiment?: SentimentLabel;
  templates: string[];
}

/** Every template of a language that the 1-in-4 rule splits, with its label and, when the template fixes one, its sentiment. */
function templatesOf(lang: string): TemplateGroup[] {
  const own = TEMPLATES[lang].templates;
  const messy = MESSY_TEMPLATES[lang] ?? {};
  const groups: TemplateGroup[] = LABELS.map((label) => ({
    label, sentiment: SENTIMENT[label], templates: [...own[label], ...(messy[label] ?? [])],
  }));
  const moods = MOOD_TEMPLATES[lang];
  if (moods) for (const sentiment of SENTIMENTS) groups.push({ label: 'other', sentiment, templates: moods[sentiment] });
  return groups;
}

export interface AssignedTemplate {
  lang: string;
  label: Label;
  sentiment?: SentimentLabel;
  template: string;
  split: 'train' | 'test';
}

/** Which split every template feeds, in generation order: the split templates first, then the train-only ones. */
export function assignTemplates(): AssignedTemplate[] {
  const assigned: AssignedTemplate[] = [];
  for (const lang of Object.keys(TEMPLATES)) {
    for (const { label, sentiment, templates } of templatesOf(lang)) {
      templates.forEach((template, index) => assigned.push({ lang, label, sentiment, template, split: index % 4 === 3 ? 'test' : 'train' }));
    }
  }
  for (const [lang, groups] of Object.entries(TRAIN_ONLY_TEMPLATES)) {
    for (const label of LABELS) {
      for (const template of groups[label] ?? []) assigned.push({ lang, label, sentiment: SENTIMENT[label], template, split: 'train' });
    }
  }
  return assigned;
}

function generate(): { train: LabelledPost[]; test: LabelledPost[] } {
  const splits = { train: [] as LabelledPost[], test: [] as LabelledPost[] };
  const seen = new Set<string>();
  for (const { lang, label, sentiment, template, split } of assignTemplates()) {
    const posts = splits[split];
    for (let k = 0; k < FILLS_PER_TEMPLATE; k++) {
      const text = fill(template, lang, label);
      if (seen.has(text)) continue;
      seen.add(text);
      const post: LabelledPost = { id: `${lang}-${split}-${posts.length + 1}`, text, lang, label };
      if (sentiment) post.sentiment = sentiment;
      posts.push(post);
    }
  }
  splits.train.push(...reshares(splits.train, seen));
  return splits;
}

const RESHARERS = ['mia_k', 'djmarco', 'the_real_sam', 'lena_w', 'tech_uncle', 'ayse_99', 'kuba_pl', 'yuki_t', 'jp_moreau', 'ana_lu'];
const RESHARE_EVERY = 8;
/** What a reshare of a post of each label is: repeating somebody's complaint is not a complaint of one's own. */
const RESHARE_LABEL: Record<Label, Label> = { complaint: 'other', news: 'news', joke: 'joke', other: 'other' };

/** "RT @someone: <post>" copies of every 8th training post (train only; the sample generator labels them the same way). */
function reshares(train: readonly LabelledPost[], seen: Set<string>): LabelledPost[] {
  const out: LabelledPost[] = [];
  train.forEach((post, index) => {
    if (index % RESHARE_EVERY !== 0) return;
    const text = `RT @${pick(RESHARERS)}: ${post.text}`;
    if (seen.has(text)) return;
    seen.add(text);
    const label = RESHARE_LABEL[post.label];
    const reshare: LabelledPost = { id: `${post.lang}-train-rt-${out.length + 1}`, text, lang: post.lang, label };
    if (post.sentiment) reshare.sentiment = post.sentiment;
    out.push(reshare);
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { train, test } = generate();
  for (const [name, posts] of [['train', train], ['test', test]] as const) {
    writeFileSync(`${OUT}${name}.jsonl`, posts.map((post) => JSON.stringify(post)).join('\n') + '\n');
    process.stderr.write(`${name}: ${posts.length} posts\n`);
  }
}
