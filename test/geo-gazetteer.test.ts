import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GazetteerError, TIMEZONES_FILE, loadGazetteer } from '../src/geo/gazetteer.ts';
import { languagePrior } from '../src/geo/language-prior.ts';
import { findFlags, foldName, nameKey } from '../src/geo/text.ts';

const EMPTY_FILE = { about: '', countries: { NL: ['Netherlands'] }, regions: {}, capitalisedOnly: [], cities: [] };

describe('loadGazetteer', () => {
  const gazetteer = loadGazetteer();

  it('lists every ISO 3166-1 alpha-2 country and Kosovo', () => {
    expect(gazetteer.countries.size).toBe(250);
    for (const code of ['NL', 'DE', 'JP', 'US', 'BR', 'XK', 'AQ']) expect(gazetteer.countries.has(code)).toBe(true);
    expect(gazetteer.countries.has('EU')).toBe(false);
  });

  it('ships a few thousand cities at most', () => {
    expect(gazetteer.cities.length).toBeGreaterThan(1000);
    expect(gazetteer.cities.length).toBeLessThan(5000);
  });

  it('maps the IANA zones of the main markets', () => {
    expect(gazetteer.ianaZones.get('Europe/Amsterdam')).toBe('NL');
    expect(gazetteer.ianaZones.get('America/Sao_Paulo')).toBe('BR');
    expect(gazetteer.ianaZones.get('Asia/Tokyo')).toBe('JP');
    expect(gazetteer.ianaZones.has('UTC')).toBe(false);
  });

  it('names the file and the field when a city row is malformed', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gazetteer-'));
    const file = join(folder, 'gazetteer.json');
    const broken = { ...EMPTY_FILE, cities: [['Rotterdam', 'nl', null, 0.6, 51.9, 4.5]] };
    writeFileSync(file, JSON.stringify(broken));
    expect(() => loadGazetteer(file, TIMEZONES_FILE)).toThrow(GazetteerError);
    expect(() => loadGazetteer(file, TIMEZONES_FILE)).toThrow(/gazetteer\.json: at cities\.0\.1: an upper-case ISO 3166-1/);
  });

  it('names the city whose country is not listed', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gazetteer-'));
    const file = join(folder, 'gazetteer.json');
    const zones = join(folder, 'timezones.json');
    writeFileSync(zones, JSON.stringify({ about: '', iana: {}, legacy: {} }));
    const orphan = { ...EMPTY_FILE, cities: [['Antwerp', 'BE', null, 0.5, 51.2, 4.4]] };
    writeFileSync(file, JSON.stringify(orphan));
    expect(() => loadGazetteer(file, zones)).toThrow(/cities\[0\] \(Antwerp\): BE is not a country/);
  });
});

describe('place-name folding', () => {
  it('folds accents, case and the Turkish dotted capital I', () => {
    expect(foldName('İSTANBUL')).toBe('istanbul');
    expect(foldName('München')).toBe('munchen');
    expect(foldName('Łódź')).toBe('lodz');
    expect(foldName('Straße')).toBe('strasse');
  });

  it('keeps Japanese voiced kana whole', () => {
    expect(foldName('ドイツ')).toBe('ドイツ');
  });

  it('keys hyphenated and apostrophe names by their words', () => {
    expect(nameKey('Saint-Étienne')).toBe('saint etienne');
    expect(nameKey("'s-Hertogenbosch")).toBe('s hertogenbosch');
  });

  it('reads pairs of regional indicators as flags', () => {
    expect(findFlags('Berlin 🇩🇪 / 🇹🇷')).toEqual([{ country: 'DE' }, { country: 'TR' }]);
  });
});

describe('languagePrior', () => {
  it('keeps every guess at or below 0.3', () => {
    for (const lang of ['ja', 'nl', 'pl', 'tr', 'de', 'it', 'fr', 'pt', 'ko', 'ru', 'ca']) {
      const prior = languagePrior(lang);
      expect(prior).not.toBeNull();
      expect(prior!.confidence).toBeLessThanOrEqual(0.3);
    }
  });

  it('trusts Japanese more than French, which is written on several continents', () => {
    expect(languagePrior('ja')!.confidence).toBeGreaterThan(languagePrior('fr')!.confidence);
  });

  it('reads Portuguese as Brazil, which writes most of it', () => {
    expect(languagePrior('pt')?.country).toBe('BR');
  });

  it('reads the language of a tag in any case', () => {
    expect(languagePrior('JA')?.country).toBe('JP');
    expect(languagePrior('ja-JP')?.country).toBe('JP');
  });

  it('places Catalan in Catalonia', () => {
    expect(languagePrior('ca')).toMatchObject({ country: 'ES', subdivision: 'ES-CT' });
  });

  it('makes no guess for a tag that is not a language, whatever its spelling', () => {
    expect(languagePrior('constructor')).toBeNull();
    expect(languagePrior('')).toBeNull();
  });

  it('makes no guess for English, Spanish or Arabic', () => {
    expect(languagePrior('en')).toBeNull();
    expect(languagePrior('es')).toBeNull();
    expect(languagePrior('ar')).toBeNull();
  });
});
