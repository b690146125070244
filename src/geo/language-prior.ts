// The last resort: the country a post's language most likely comes from. A guess, so confidence is the
// country's rough share of that language's posts times 0.3 and never above 0.3.
// A language is left out when no single country writes a clear majority of it (en, es, ar, zh, sw...):
// naming the biggest one would be wrong more often than right.

export interface LanguagePrior {
  country: string;
  subdivision?: string;
  confidence: number;
}

const MAX_LANGUAGE_CONFIDENCE = 0.3;

/** ISO 639-1 -> [country, its rough share of the language's posts, subdivision]. */
const PRIORS: ReadonlyMap<string, readonly [string, number, string?]> = new Map(Object.entries({
  ja: ['JP', 0.97], // almost all Japanese is written in Japan
  ko: ['KR', 0.95],
  th: ['TH', 0.95],
  vi: ['VN', 0.9],
  pl: ['PL', 0.93], // diaspora (GB, DE, IE) writes Polish too
  tr: ['TR', 0.88], // Cyprus and the diaspora in DE, NL
  it: ['IT', 0.9], // Ticino and San Marino are small
  nl: ['NL', 0.7], // Flanders writes about a third as much Dutch as the Netherlands
  de: ['DE', 0.78], // Austria and Switzerland share the rest
  fr: ['FR', 0.55], // Belgium, Switzerland, Quebec and West Africa write the other half
  pt: ['BR', 0.85], // Brazil outweighs Portugal, Angola and Mozambique by far
  el: ['GR', 0.88], // Cyprus
  cs: ['CZ', 0.95],
  sk: ['SK', 0.9],
  hu: ['HU', 0.9], // Hungarian minorities in RO, SK, RS
  ro: ['RO', 0.8], // Moldova
  bg: ['BG', 0.95],
  hr: ['HR', 0.8], // Bosnia and Herzegovina
  sr: ['RS', 0.75], // Bosnia and Herzegovina, Montenegro
  sl: ['SI', 0.97],
  sv: ['SE', 0.92], // Finland's Swedish speakers
  da: ['DK', 0.97],
  nb: ['NO', 0.98],
  no: ['NO', 0.98],
  fi: ['FI', 0.98],
  et: ['EE', 0.97],
  lv: ['LV', 0.97],
  lt: ['LT', 0.97],
  is: ['IS', 0.98],
  uk: ['UA', 0.92],
  ru: ['RU', 0.65], // Ukraine, Belarus, Kazakhstan and the Baltics write much Russian
  he: ['IL', 0.95],
  fa: ['IR', 0.8], // Afghanistan (Dari) and the diaspora
  hi: ['IN', 0.97],
  bn: ['BD', 0.6], // West Bengal in India
  ta: ['IN', 0.8, 'IN-TN'], // Sri Lanka and Singapore write Tamil too
  ur: ['PK', 0.7], // India's Urdu speakers
  id: ['ID', 0.95],
  ms: ['MY', 0.75], // Brunei, Singapore; language id often confuses ms with id
  tl: ['PH', 0.97],
  ca: ['ES', 0.9, 'ES-CT'], // Andorra, and Valencia and the Balearics (ES too, other subdivisions)
  eu: ['ES', 0.9, 'ES-PV'],
  gl: ['ES', 0.98, 'ES-GA'],
} satisfies Record<string, readonly [string, number, string?]>));

export function languagePrior(lang: string): LanguagePrior | null {
  const primary = lang.split(/[-_]/, 1)[0].toLowerCase();
  const prior = PRIORS.get(primary);
  if (prior === undefined) return null;
  const [country, share, subdivision] = prior;
  return {
    country,
    ...(subdivision === undefined ? {} : { subdivision }),
    confidence: Math.round(MAX_LANGUAGE_CONFIDENCE * share * 100) / 100,
  };
}
