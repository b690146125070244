import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../src/text/language.ts';
import { buildTrigramProfiles, loadTrigramProfiles, TrigramProfiles } from '../src/text/trigram-profiles.ts';
import { scanText } from '../src/text/tokenize.ts';

describe('language id: trigram fallback for short posts', () => {
  const short: Array<[string, string]> = [
    ['de', 'wlan kaputt seit gestern'],
    ['pt', 'sem sinal desde cedo'],
    ['it', 'connessione lentissima stasera'],
    ['pl', 'światłowód znowu leży'],
    ['nl', 'storing bij ziggo'],
  ];
  for (const [lang, text] of short) {
    it(`tells ${lang} from a short post without a stopword vote: "${text}"`, () => {
      expect(detectLanguage(text)).toBe(lang);
    });
  }

  it('reads the commonest short English forms as English: a name and "down" lean English, a shared stopword narrows the choice', () => {
    for (const text of ['whatsapp down', 'Is Facebook down?', 'instagram down?', 'gmail down', 'no internet since 10:00', 'twitter down?']) {
      expect(detectLanguage(text), text).toBe('en');
    }
    expect(detectLanguage('is het bij jullie ook zo traag')).toBe('nl');
  });

  it('ships trigram profiles for every Latin-script language', () => {
    expect(loadTrigramProfiles()?.languages).toEqual(['en', 'nl', 'de', 'fr', 'es', 'pt', 'it', 'pl', 'tr', 'hi']);
  });

  it('builds the same profiles from the same samples', () => {
    const samples = [{ lang: 'en', text: 'the internet is down' }, { lang: 'de', text: 'das Internet geht nicht' }];
    expect(JSON.stringify(buildTrigramProfiles(samples, ['en', 'de']))).toBe(JSON.stringify(buildTrigramProfiles([...samples], ['en', 'de'])));
  });

  it('scores words by the trigrams each language uses most', () => {
    const profiles = TrigramProfiles.fromFile(buildTrigramProfiles([
      { lang: 'en', text: 'the weather is nice and the night is long' },
      { lang: 'de', text: 'das Wetter ist schön und die Nacht ist lang' },
    ], ['en', 'de']));
    const scan = scanText('nachts schön');
    expect(profiles.best(scan.tokens, scan.kinds)).toBe('de');
  });

  it('says nothing when no trigram of the words is known', () => {
    const profiles = TrigramProfiles.fromFile(buildTrigramProfiles([{ lang: 'en', text: 'abc' }, { lang: 'de', text: 'def' }], ['en', 'de']));
    const scan = scanText('xyz');
    expect(profiles.best(scan.tokens, scan.kinds)).toBeUndefined();
  });
});

describe('tokenizer: emoticons', () => {
  it('folds typed smileys to one token per mood', () => {
    expect(scanText('works again :-) :D ;) <3').tokens).toEqual(['works', 'again', ':)', ':)', ';)', '<3']);
  });

  it('folds sad faces to one token', () => {
    expect(scanText('no wifi :( =( :/').tokens).toEqual(['no', 'wifi', ':(', ':(', ':(']);
  });

  it('keeps clock times and links apart from emoticons', () => {
    expect(scanText('down since 8:30 https://x.com/status').tokens).toEqual(['down', 'since', '8', ':', '30', 'x.com']);
  });
});
