import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLexicon, LexiconError, loadLexicons, parseLexicon } from '../src/text/lexicon.ts';
import { scanText } from '../src/text/tokenize.ts';

const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'pt', 'it', 'pl', 'tr', 'ja'];

function cuesOf(lang: string, text: string): string[] {
  const lexicon = compileLexicon(lang, loadLexicons());
  return lexicon.cues.findAll(scanText(text).tokens).map((hit) => `${hit.value.category}:${hit.value.phrase}`);
}

describe('lexicons', () => {
  it('ship for the ten languages and validate', () => {
    const lexicons = loadLexicons();
    for (const lang of LANGUAGES) expect(lexicons.get(lang)?.outage.length).toBeGreaterThan(20);
  });

  it('carry symptom lists for login, messages, connection, payments and calls in every language', () => {
    for (const lexicon of loadLexicons().values()) {
      for (const symptom of ['login', 'messages', 'connection', 'payments', 'calls']) expect(lexicon.symptoms[symptom]?.length).toBeGreaterThan(0);
    }
  });

  const outages: Array<[string, string, string]> = [
    ['en', 'whatsapp is down again', 'outage:is down'],
    ['nl', 'ziggo werkt niet', 'outage:werkt niet'],
    ['nl', 'grote storing bij kpn', 'outage:storing'],
    ['de', 'Störung bei Vodafone', 'outage:störung'],
    ['fr', 'orange en panne', 'outage:en panne'],
    ['es', 'whatsapp no funciona', 'outage:no funciona'],
    ['pt', 'nubank fora do ar', 'outage:fora do ar'],
    ['it', 'tim non funziona', 'outage:non funziona'],
    ['pl', 'awaria play', 'outage:awaria'],
    ['tr', 'türk telekom çöktü', 'outage:çöktü'],
    ['ja', 'LINE落ちてる', 'outage:落ちてる'],
  ];
  for (const [lang, text, cue] of outages) {
    it(`finds ${cue} in ${lang} "${text}"`, () => {
      expect(cuesOf(lang, text)).toContain(cue);
    });
  }

  it('matches phrases typed without accents', () => {
    expect(cuesOf('pt', 'o app nao funciona')).toContain('outage:não funciona');
  });

  it('marks recovery phrases', () => {
    expect(cuesOf('nl', 'ING werkt weer')).toContain('recovery:werkt weer');
    expect(cuesOf('de', 'WhatsApp geht wieder')).toContain('recovery:geht wieder');
  });

  it('lends English outage words to other languages (code-switching)', () => {
    expect(cuesOf('it', 'whatsapp down e la rete si infuoca')).toContain('outage:down');
  });

  it('rejects a lexicon with a missing list and names the file and field', () => {
    expect(() => parseLexicon({ lang: 'xx', stopwords: [] }, 'xx.json')).toThrow(/xx\.json: outage/);
  });

  it('rejects a lexicon whose lang differs from its file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    const valid = JSON.parse(JSON.stringify(loadLexicons().get('nl')));
    writeFileSync(join(dir, 'de.json'), JSON.stringify(valid));
    expect(() => loadLexicons(`${dir}/`)).toThrow(LexiconError);
  });
});
