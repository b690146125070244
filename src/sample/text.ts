// Post texts: per-language templates with slots ({svc}, {symptom}, {emoji}...) filled from the
// service catalogue, then roughened the way people type (lowercase, caps, hashtags, typos).
import { z } from 'zod';
import { loadTemplate } from './load.ts';
import type { Random } from './random.ts';
import { spellService, type SampleService } from './services.ts';

const lines = z.array(z.string()).min(1);
const LanguageTextSchema = z.object({
  complaint: lines,
  complaintMulti: lines,
  recovery: lines,
  newsHeadline: lines,
  newsSentence: lines,
  newsAfter: lines,
  newsRetro: lines,
  joke: lines,
  /** Jokes about a past outage, told while a story about it goes round (nobody is affected now). */
  jokeRetro: lines,
  marketing: lines.optional(),
  mention: lines,
  /** Mentions that fit any service (banks, ISPs, cloud...), not only apps people post on. */
  mentionService: lines,
  otherSense: lines,
  quoteComments: lines,
  /** What people put before or after a complaint ("ugh", "again", "zucht"). */
  openers: lines,
  closers: lines,
  symptoms: z.record(lines).refine((record) => 'generic' in record, 'needs a "generic" symptom list'),
  usernames: lines,
  newsAccounts: lines,
});
const SharedTextSchema = z.object({
  emoji: z.object({ angry: lines, laugh: lines }),
  statusBots: lines,
  statusProblem: lines,
  statusOk: lines,
  advertisers: lines,
  ads: lines,
  brands: lines,
  celebrities: lines,
});

export type LanguageText = z.infer<typeof LanguageTextSchema>;
/** The template lists a post can be written from. */
export type TemplateList = 'complaint' | 'complaintMulti' | 'recovery' | 'newsHeadline' | 'newsSentence' | 'newsAfter'
  | 'newsRetro' | 'joke' | 'jokeRetro' | 'marketing' | 'mention' | 'mentionService' | 'otherSense';

/** The languages with their own templates (every language a sample post can be written in). */
export const TEXT_LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'pt', 'it', 'pl', 'tr', 'ja'] as const;

const texts = new Map<string, LanguageText>(
  TEXT_LANGUAGES.map((lang) => [lang, loadTemplate(`text/${lang}.json`, LanguageTextSchema)]),
);
export const SHARED_TEXT = loadTemplate('shared.json', SharedTextSchema);

export function languageText(lang: string): LanguageText {
  const found = texts.get(lang);
  if (!found) throw new Error(`sample text: no templates for language "${lang}" (have ${TEXT_LANGUAGES.join(', ')})`);
  return found;
}

export function usernameStems(lang: string): readonly string[] {
  return languageText(lang).usernames;
}

const SERVICE_SLOTS = ['{svc}', '{svc2}', '{svc3}'];

/** Whether a template names no more services than the post is about. */
function fitsServices(template: string, serviceCount: number): boolean {
  return SERVICE_SLOTS.slice(serviceCount).every((slot) => !template.includes(slot));
}

/** The languages that have templates for `list` (all but brand marketing, which few languages have). */
export function languagesWith(list: TemplateList): string[] {
  return TEXT_LANGUAGES.filter((lang) => languageText(lang)[list] !== undefined);
}

/** The templates of one list in `lang` that need at most `serviceCount` services. */
export function templates(lang: string, list: TemplateList, serviceCount: number): readonly string[] {
  const key = `${lang}|${list}|${Math.min(serviceCount, SERVICE_SLOTS.length)}`;
  let fitting = fittingTemplates.get(key);
  if (!fitting) {
    fitting = fittingTemplatesOf(lang, list, serviceCount);
    fittingTemplates.set(key, fitting);
  }
  return fitting;
}

const fittingTemplates = new Map<string, readonly string[]>();

function fittingTemplatesOf(lang: string, list: TemplateList, serviceCount: number): readonly string[] {
  const all = languageText(lang)[list] ?? [];
  const fitting = all.filter((template) => fitsServices(template, serviceCount));
  if (fitting.length === 0) throw new Error(`sample text: no "${list}" template in ${lang} fits ${serviceCount} service(s)`);
  return fitting;
}

export interface Slots {
  lang: string;
  /** The services the post is about; the first is the main one ({svc}), then {svc2}, {svc3}. */
  services: readonly SampleService[];
  city?: string;
  /** Local clock time for news ("15:39"). */
  time?: string;
  hours?: number;
  mood?: 'angry' | 'laugh';
  /** Written by a desk or a brand: services by their proper names, no slang or misspellings. */
  formal?: boolean;
}

const SHORT_LINK_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function shortLink(random: Random): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += SHORT_LINK_ALPHABET[random.int(SHORT_LINK_ALPHABET.length)];
  return `https://t.co/${code}`;
}

function symptomFor(service: SampleService | undefined, lang: string, random: Random): string {
  const symptoms = languageText(lang).symptoms;
  const own = service ? symptoms[service.category] : undefined;
  return random.pick(own && random.chance(0.75) ? own : symptoms.generic);
}

/** Fills a template's slots. Unknown slots are a template error and say which template. */
export function fill(template: string, slots: Slots, random: Random): string {
  const spell = (service: SampleService | undefined): string => {
    if (!service) return '';
    // Drawn even when formal, so the posts after this one keep their random draws.
    const casual = spellService(service, slots.lang, random);
    return slots.formal ? service.names[0] : casual;
  };
  return template.replace(/\{(\w+)\}/g, (_whole, slot: string) => {
    const main = slots.services[0];
    switch (slot) {
      case 'svc': return spell(main);
      case 'svc2': return spell(slots.services[1]);
      case 'svc3': return spell(slots.services[2]);
      case 'handle': return main ? random.pick(main.handles) : '';
      case 'tag': return main ? random.pick(main.tags) : '';
      case 'symptom': return symptomFor(main, slots.lang, random);
      case 'emoji': return random.pick(SHARED_TEXT.emoji[slots.mood ?? 'angry']);
      case 'city': return slots.city ?? '';
      case 'url': return shortLink(random);
      case 'time': return slots.time ?? '';
      case 'n': return String(1000 * (5 + random.int(95)));
      case 'hours': return String(slots.hours ?? 6);
      default: throw new Error(`sample text: unknown slot {${slot}} in template "${template}"`);
    }
  }).replace(/ {2,}/g, ' ').trim();
}

function swapTwoLetters(text: string, random: Random): string {
  const at = 1 + random.int(Math.max(1, text.length - 3));
  const a = text.charAt(at);
  const b = text.charAt(at + 1);
  if (!/\p{L}/u.test(a) || !/\p{L}/u.test(b)) return text;
  return text.slice(0, at) + b + a + text.slice(at + 2);
}

/** A complaint with an interjection in front or behind, now and then ("ugh ...", "... again"). */
export function addChatter(text: string, lang: string, random: Random): string {
  const { openers, closers } = languageText(lang);
  const space = lang === 'ja' ? '' : ' ';
  if (random.chance(0.15)) return random.pick(openers) + space + text;
  if (random.chance(0.12)) return text + space + random.pick(closers);
  return text;
}

/** How people actually type: lowercase, shouting, trailing emoji or hashtag, stretched words, typos. */
export function roughen(text: string, slots: Slots, random: Random, shouting: number, hashtags: boolean): string {
  let result = text;
  if (random.chance(shouting)) result = result.toUpperCase();
  else if (random.chance(0.25)) result = result.toLowerCase();
  if (random.chance(0.04)) result = result.replace(/down/i, (word) => word.replace(/o/i, 'ooo'));
  if (random.chance(0.05)) result = swapTwoLetters(result, random);
  if (hashtags && slots.services[0] && random.chance(0.12)) result += `${random.chance(0.2) ? '\n\n' : ' '}${random.pick(slots.services[0].tags)}`;
  if (random.chance(0.2)) result += ` ${random.pick(SHARED_TEXT.emoji[slots.mood ?? 'angry'])}`;
  return result;
}
