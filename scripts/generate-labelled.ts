// Writes data/labelled/{train,test}.jsonl from the project's own templates (labelled-templates.ts).
// Reproducible (fixed seed). Templates never cross splits: every 4th template of a label is test-only.
// Run: npx tsx scripts/generate-labelled.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/classify/model.ts';
import { LABELS, SENTIMENTS, type Label, type SentimentLabel } from '../src/model/types.ts';
import { MESSY_TEMPLATES, MOOD_TEMPLATES, TEMPLATES } from './labelled-templates.ts';

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

/** Every template of a language with its label and, when the template fixes one, its sentiment. */
function templatesOf(lang: string): Array<{ label: Label; sentiment?: SentimentLabel; templates: string[] }> {
  const own = TEMPLATES[lang].templates;
  const messy = MESSY_TEMPLATES[lang] ?? {};
  const groups: Array<{ label: Label; sentiment?: SentimentLabel; templates: string[] }> = LABELS.map((label) => ({
    label, sentiment: SENTIMENT[label], templates: [...own[label], ...(messy[label] ?? [])],
  }));
  const moods = MOOD_TEMPLATES[lang];
  if (moods) for (const sentiment of SENTIMENTS) groups.push({ label: 'other', sentiment, templates: moods[sentiment] });
  return groups;
}

function generate(): { train: LabelledPost[]; test: LabelledPost[] } {
  const train: LabelledPost[] = [];
  const test: LabelledPost[] = [];
  const seen = new Set<string>();
  for (const lang of Object.keys(TEMPLATES)) {
    for (const { label, sentiment, templates } of templatesOf(lang)) {
      templates.forEach((template, index) => {
        const split = index % 4 === 3 ? test : train;
        const name = split === test ? 'test' : 'train';
        for (let k = 0; k < FILLS_PER_TEMPLATE; k++) {
          const text = fill(template, lang, label);
          if (seen.has(text)) continue;
          seen.add(text);
          const post: LabelledPost = { id: `${lang}-${name}-${split.length + 1}`, text, lang, label };
          if (sentiment) post.sentiment = sentiment;
          split.push(post);
        }
      });
    }
  }
  return { train, test };
}

const { train, test } = generate();
for (const [name, posts] of [['train', train], ['test', test]] as const) {
  writeFileSync(`${OUT}${name}.jsonl`, posts.map((post) => JSON.stringify(post)).join('\n') + '\n');
  process.stderr.write(`${name}: ${posts.length} posts\n`);
}
