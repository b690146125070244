import { describe, expect, it } from 'vitest';
import { capText, MAX_POST_TEXT_CHARS } from '../src/text/cap.ts';
import { foldText } from '../src/text/fold.ts';
import { detectLanguage } from '../src/text/language.ts';
import { WordStemmer } from '../src/text/stem.ts';
import { scanText, TokenKind } from '../src/text/tokenize.ts';

describe('scanText', () => {
  it('lower-cases and strips accents so that typed variants meet', () => {
    expect(scanText('STÖRUNG bei der Telekom').tokens).toEqual(['storung', 'bei', 'der', 'telekom']);
    expect(scanText('Não funciona, çöktü, błąd').tokens).toEqual(['nao', 'funciona', 'coktu', 'blad']);
  });

  it('collapses elongated letters and counts them', () => {
    const scan = scanText('whatsapp dooown again sooo annoying');
    expect(scan.tokens).toEqual(['whatsapp', 'down', 'again', 'so', 'annoying']);
    expect(scan.elongated).toBe(2);
  });

  it('keeps handles, hashtags and links apart from words', () => {
    const scan = scanText('@KPNwebcare #KPNstoring see https://www.kpn.com/storing now');
    expect(scan.tokens).toEqual(['kpnwebcare', 'kpnstoring', 'see', 'kpn.com', 'now']);
    expect(scan.kinds).toEqual([TokenKind.Handle, TokenKind.Hashtag, TokenKind.Word, TokenKind.Url, TokenKind.Word]);
    expect(scan.hosts).toEqual(['kpn.com']);
  });

  it("keeps apostrophes and hyphens inside words (can't, wi-fi)", () => {
    expect(scanText("can't connect to the wi-fi").tokens).toEqual(["can't", 'connect', 'to', 'the', 'wi-fi']);
  });

  it('reads a word with zero-width, bidi, soft-hyphen or control characters inside as the word itself', () => {
    expect(scanText('whats\u200Bapp down').tokens).toEqual(['whatsapp', 'down']);
    expect(scanText('whats\u200Dapp \u202Einsta\u00ADgram\u202C \uFEFFnet\u2060flix \u2066x\u2069 wh\u0007ats\u200Fapp').tokens).toEqual([
      'whatsapp', 'instagram', 'netflix', 'x', 'whatsapp',
    ]);
  });

  it('still splits words at tabs, line breaks and line separators', () => {
    expect(scanText('whats\tapp\nnet\u2028flix').tokens).toEqual(['whats', 'app', 'net', 'flix']);
  });

  it('splits Japanese into characters and keeps question marks as tokens', () => {
    const scan = scanText('LINE落ちてる？');
    expect(scan.tokens).toEqual(['line', '落', 'ち', 'て', 'る', '?']);
  });

  it('keeps emoji as tokens of their own', () => {
    const scan = scanText('down again 😭😭');
    expect(scan.kinds.filter((kind) => kind === TokenKind.Emoji)).toHaveLength(2);
  });

  it('counts upper-case letters for the all-caps cue', () => {
    const scan = scanText('IS DISCORD DOWN');
    expect(scan.upper).toBe(scan.letters);
  });
});

describe('foldText', () => {
  it('folds German, Polish and Turkish letters to plain ones', () => {
    expect(foldText('Scheiße Łódź Işık')).toBe('scheisse lodz isik');
  });
});

describe('detectLanguage', () => {
  const samples: Array<[string, string]> = [
    ['en', 'is whatsapp down for anyone else or just me'],
    ['nl', 'KPN ligt er weer uit, geen internet en geen tv'],
    ['de', 'Störung bei der Telekom, seit heute morgen kein Internet'],
    ['fr', "WhatsApp ne marche plus chez moi depuis ce soir"],
    ['es', 'Se cayó WhatsApp, cualquier cosa por carta'],
    ['pt', 'o zap caiu de novo, não consigo mandar mensagem'],
    ['it', 'whatsapp non funziona da stamattina, anche a voi?'],
    ['pl', 'Play nie działa, brak internetu od rana'],
    ['tr', 'Türk Telekom internetim yok yine çöktü'],
    ['ja', 'LINEが落ちてる？'],
    ['ar', 'واتساب لا يعمل منذ الصباح'],
    ['hi', 'व्हाट्सएप काम नहीं कर रहा है'],
  ];
  for (const [lang, text] of samples) {
    it(`tells ${lang} from "${text}"`, () => {
      expect(detectLanguage(text)).toBe(lang);
    });
  }

  it('says und when nothing tells', () => {
    expect(detectLanguage('12345 !!!')).toBe('und');
  });

  it('does not mistake English "I" for Italian', () => {
    expect(detectLanguage('I feel down today')).toBe('en');
  });

  it('takes a few microseconds per short post', () => {
    const texts = samples.map(([, text]) => text);
    for (let i = 0; i < 2000; i++) detectLanguage(texts[i % texts.length]);
    const start = process.hrtime.bigint();
    const rounds = 20_000;
    for (let i = 0; i < rounds; i++) detectLanguage(texts[i % texts.length]);
    const microseconds = Number(process.hrtime.bigint() - start) / 1000 / rounds;
    // Generous bound (shared CI machines); typical is 1-3 µs.
    expect(microseconds).toBeLessThan(25);
  });
});

describe('WordStemmer', () => {
  it("stems with natural's Porter stemmer of the language", () => {
    expect(WordStemmer.forLanguage('nl')?.stem('storingen')).toBe('storing');
    expect(WordStemmer.forLanguage('en')?.stem('working')).toBe('work');
  });

  it('has no stemmer for languages natural lacks', () => {
    expect(WordStemmer.forLanguage('tr')).toBeUndefined();
    expect(WordStemmer.forLanguage('ja')).toBeUndefined();
  });
});

describe('capText', () => {
  it('keeps a text up to the cap as it is and cuts a longer one to the cap', () => {
    const short = 'whatsapp down';
    expect(capText(short)).toBe(short);
    expect(capText('x'.repeat(MAX_POST_TEXT_CHARS))).toHaveLength(MAX_POST_TEXT_CHARS);
    expect(capText('x'.repeat(MAX_POST_TEXT_CHARS * 100))).toHaveLength(MAX_POST_TEXT_CHARS);
  });

  it('never cuts an emoji in half', () => {
    const text = `${'x'.repeat(MAX_POST_TEXT_CHARS - 1)}😢 and more`;
    expect(capText(text)).toBe('x'.repeat(MAX_POST_TEXT_CHARS - 1));
  });
});
