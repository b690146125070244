// One function writes every kind of post: pick a template list for the kind, fill it, roughen it
// the way that kind of author types, and attach the gold label the kind stands for.
import type { Label, SentimentLabel } from '../model/types.ts';
import type { SampleAuthor } from './authors.ts';
import type { Random } from './random.ts';
import type { SampleService } from './services.ts';
import { addChatter, fill, roughen, templates, type Slots, type TemplateList } from './text.ts';
import type { Draft, PostKind } from './timeline.ts';

interface KindStyle {
  label: Label;
  sentiment?: SentimentLabel;
  mood: 'angry' | 'laugh';
  /** Chance the whole post is in capitals; undefined: written cleanly (news desks, brands). */
  shouting?: number;
  /** Whether the author may add the service's (outage) hashtag. */
  hashtags?: boolean;
}

const KIND_STYLES: Readonly<Record<PostKind, KindStyle>> = {
  complaint: { label: 'complaint', sentiment: 'negative', mood: 'angry', shouting: 0.06, hashtags: true },
  bot: { label: 'complaint', sentiment: 'negative', mood: 'angry', shouting: 0.02, hashtags: true },
  recovery: { label: 'other', sentiment: 'positive', mood: 'laugh', shouting: 0.03, hashtags: true },
  news: { label: 'news', sentiment: 'neutral', mood: 'angry' },
  status: { label: 'news', sentiment: 'neutral', mood: 'angry' },
  joke: { label: 'joke', mood: 'laugh', shouting: 0.02, hashtags: true },
  marketing: { label: 'joke', sentiment: 'positive', mood: 'laugh' },
  mention: { label: 'other', mood: 'laugh', shouting: 0.01 },
  'other-sense': { label: 'other', mood: 'laugh', shouting: 0.01 },
  ad: { label: 'other', sentiment: 'positive', mood: 'laugh' },
  reshare: { label: 'other', mood: 'angry' },
};

/** Share of complaints in other languages written in English instead (the source then tags them 'en'). */
const ENGLISH_SWITCH = 0.07;
/** Share of complaints that are only a hashtag and emoji (the source tags them 'und'). */
const HASHTAG_ONLY = 0.03;

export interface Voice {
  author: SampleAuthor;
  lang: string;
}

export interface ComposeOptions {
  slots?: Partial<Slots>;
  /** Write exactly this template instead of drawing one from the list. */
  template?: string;
}

/** A post of `kind` from the template list `list`, in the voice's language, about `services`. */
export function compose(
  kind: PostKind,
  list: TemplateList,
  voice: Voice,
  services: readonly SampleService[],
  random: Random,
  options: ComposeOptions = {},
): Draft {
  const style = KIND_STYLES[kind];
  const switchToEnglish = options.template === undefined && list === 'complaint' && voice.lang !== 'en' && random.chance(ENGLISH_SWITCH);
  const lang = switchToEnglish ? 'en' : voice.lang;
  const formal = style.shouting === undefined;
  const slots: Slots = { lang, services, city: voice.author.home.name, mood: style.mood, formal, ...options.slots };
  const base = { kind, lang, author: voice.author, services: services.map((service) => service.id), gold: { label: style.label, sentiment: style.sentiment } };
  if ((kind === 'complaint' || kind === 'bot') && services[0] && random.chance(HASHTAG_ONLY)) {
    return { ...base, text: fill('{tag} {emoji}', slots, random), langTag: 'und' };
  }
  const template = options.template ?? random.pick(templates(lang, list, services.length));
  const filled = kind === 'complaint' ? addChatter(fill(template, slots, random), lang, random) : fill(template, slots, random);
  const text = style.shouting === undefined ? filled : roughen(filled, slots, random, style.shouting, style.hashtags ?? false);
  return { ...base, text };
}
