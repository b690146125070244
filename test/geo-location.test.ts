import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../src/geo/gazetteer.ts';
import { matchLocation } from '../src/geo/location.ts';

const gazetteer = loadGazetteer();

function countryOf(location: string): string | undefined {
  return matchLocation(gazetteer, location)?.country;
}

describe('matchLocation: country names in many languages', () => {
  it.each([
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['Alemania', 'DE'],
    ['Niederlande', 'NL'],
    ['Países Bajos', 'NL'],
    ['the Netherlands', 'NL'],
    ['日本', 'JP'],
    ['Türkiye', 'TR'],
    ['TÜRKİYE', 'TR'],
    ['Polska', 'PL'],
    ['Reino Unido', 'GB'],
    ['Estados Unidos', 'US'],
    ['대한민국', 'KR'],
    ['Україна', 'UA'],
  ])('reads "%s" as %s', (location, country) => {
    expect(countryOf(location)).toBe(country);
  });

  it('is more confident about a country name than about a lone city', () => {
    const named = matchLocation(gazetteer, 'Nederland')!.confidence;
    const city = matchLocation(gazetteer, 'Utrecht')!.confidence;
    expect(named).toBeGreaterThan(city);
  });
});

describe('matchLocation: cities and subdivisions', () => {
  it.each([
    ['Rotterdam', 'NL', 'NL-ZH'],
    ['München', 'DE', 'DE-BY'],
    ['Munich', 'DE', 'DE-BY'],
    ['MUNCHEN', 'DE', 'DE-BY'],
    ['São Paulo', 'BR', 'BR-SP'],
    ['Sao Paulo', 'BR', 'BR-SP'],
    ['İstanbul', 'TR', 'TR-34'],
    ['東京', 'JP', 'JP-13'],
    ['東京都渋谷区在住', 'JP', 'JP-13'],
    ['大阪府', 'JP', 'JP-27'],
    ['Kraków', 'PL', 'PL-12'],
    ['Łódź', 'PL', 'PL-10'],
    ['Rio de Janeiro', 'BR', 'BR-RJ'],
    ['Mexico City', 'MX', 'MX-CMX'],
    ['CDMX', 'MX', 'MX-CMX'],
    ['Bengaluru', 'IN', 'IN-KA'],
  ])('reads "%s" as %s, %s', (location, country, subdivision) => {
    expect(matchLocation(gazetteer, location)).toMatchObject({ country, subdivision });
  });

  it('finds a region inside a sentence', () => {
    expect(matchLocation(gazetteer, 'somewhere in Bavaria')).toMatchObject({ country: 'DE', subdivision: 'DE-BY' });
  });

  it('gives the city name as subdivision where no ISO 3166-2 code is listed', () => {
    expect(matchLocation(gazetteer, 'Tbilisi')).toMatchObject({ country: 'GE', subdivision: 'Tbilisi' });
  });

  it('reads a longer name before the shorter one inside it', () => {
    expect(matchLocation(gazetteer, 'New Mexico')).toMatchObject({ country: 'US', subdivision: 'US-NM' });
    expect(matchLocation(gazetteer, 'Papua New Guinea')?.country).toBe('PG');
  });
});

describe('matchLocation: codes', () => {
  it('trusts a capitalised country code after a city', () => {
    expect(matchLocation(gazetteer, 'Berlin, DE')).toMatchObject({ country: 'DE', subdivision: 'DE-BE' });
    expect(matchLocation(gazetteer, 'Rotterdam NL')).toMatchObject({ country: 'NL', subdivision: 'NL-ZH' });
  });

  it('reads a US state code as the United States', () => {
    expect(matchLocation(gazetteer, 'Austin, TX')).toMatchObject({ country: 'US', subdivision: 'US-TX' });
  });

  it('prefers the state when a code is both a state and a country and the city is in that state', () => {
    expect(matchLocation(gazetteer, 'Dover, DE')).toMatchObject({ country: 'US', subdivision: 'US-DE' });
    expect(matchLocation(gazetteer, 'Cambridge, MA')).toMatchObject({ country: 'US', subdivision: 'US-MA' });
  });

  it('prefers the country when a code is both and the city is in that country', () => {
    expect(matchLocation(gazetteer, 'Mumbai, IN')).toMatchObject({ country: 'IN', subdivision: 'IN-MH' });
    expect(matchLocation(gazetteer, 'Madrid, ES')).toMatchObject({ country: 'ES', subdivision: 'ES-MD' });
  });

  it('reads a lone ambiguous code as the country', () => {
    expect(countryOf('DE')).toBe('DE');
  });

  it('does not read lower-case words as codes', () => {
    expect(matchLocation(gazetteer, 'in it de')).toBeNull();
  });

  it('does not read a code in the middle of a text', () => {
    expect(matchLocation(gazetteer, 'IT guy')).toBeNull();
  });

  it('does not read capitals in a shouted phrase as codes', () => {
    expect(matchLocation(gazetteer, 'FOLLOW ME')).toBeNull();
    expect(matchLocation(gazetteer, 'LIVING IN LA')).toBeNull();
  });

  it('reads LA alone as Los Angeles rather than Laos', () => {
    expect(matchLocation(gazetteer, 'LA')).toMatchObject({ country: 'US', subdivision: 'US-CA' });
  });

  it('reads UK as the United Kingdom', () => {
    expect(countryOf('Manchester, UK')).toBe('GB');
    expect(countryOf('UK')).toBe('GB');
  });
});

describe('matchLocation: flags', () => {
  it('reads a country flag', () => {
    expect(matchLocation(gazetteer, '🇳🇱')).toMatchObject({ country: 'NL' });
  });

  it('reads a flag beside words that name nothing', () => {
    expect(countryOf('living my best life 🇲🇽✨')).toBe('MX');
  });

  it('reads the Scottish flag as Scotland', () => {
    expect(matchLocation(gazetteer, '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}')).toMatchObject({
      country: 'GB',
      subdivision: 'GB-SCT',
    });
  });

  it('ignores the flags of the EU and the UN, which are not countries', () => {
    expect(matchLocation(gazetteer, '🇪🇺🇺🇳')).toBeNull();
  });
});

describe('matchLocation: nonsense', () => {
  it.each([
    'in your heart',
    'earth',
    'Earth 🌍',
    'she/her',
    'worldwide',
    'the internet',
    'nice place',
    'reading books',
    'queens of the night',
    'ira y amor',
  ])(
    'finds no place in "%s"',
    (location) => {
      expect(matchLocation(gazetteer, location)).toBeNull();
    },
  );

  it('reads only the start of a very long text', () => {
    const essay = `${'lorem ipsum '.repeat(1000)}Berlin`;
    expect(matchLocation(gazetteer, essay)).toBeNull();
    expect(matchLocation(gazetteer, `Berlin ${'lorem ipsum '.repeat(1000)}`)?.country).toBe('DE');
  });

  it('reads a common word as a place when it is written as a name', () => {
    expect(matchLocation(gazetteer, 'Nice, France')).toMatchObject({ country: 'FR', subdivision: 'FR-PAC' });
    expect(matchLocation(gazetteer, 'Reading')).toMatchObject({ country: 'GB' });
  });
});

describe('matchLocation: ambiguous names', () => {
  it('picks the most populous place of a name when nothing qualifies it', () => {
    expect(matchLocation(gazetteer, 'London')).toMatchObject({ country: 'GB', subdivision: 'GB-ENG' });
    expect(matchLocation(gazetteer, 'Paris')).toMatchObject({ country: 'FR', subdivision: 'FR-IDF' });
    expect(countryOf('Birmingham')).toBe('GB');
  });

  it('follows a qualifying region', () => {
    expect(matchLocation(gazetteer, 'London Ontario')).toMatchObject({ country: 'CA', subdivision: 'CA-ON' });
    expect(matchLocation(gazetteer, 'London, ON')).toMatchObject({ country: 'CA', subdivision: 'CA-ON' });
    expect(matchLocation(gazetteer, 'Paris TX')).toMatchObject({ country: 'US', subdivision: 'US-TX' });
    expect(matchLocation(gazetteer, 'Paris, TN')).toMatchObject({ country: 'US', subdivision: 'US-TN' });
    expect(matchLocation(gazetteer, 'Perth, WA')).toMatchObject({ country: 'AU', subdivision: 'AU-WA' });
    expect(matchLocation(gazetteer, 'Seattle, WA')).toMatchObject({ country: 'US', subdivision: 'US-WA' });
  });

  it('takes the region a text names over a city of the same name elsewhere in that country', () => {
    expect(matchLocation(gazetteer, 'Portland, Maine')).toMatchObject({ country: 'US', subdivision: 'US-ME' });
    expect(matchLocation(gazetteer, 'Portland')).toMatchObject({ country: 'US', subdivision: 'US-OR' });
  });

  it('names a city without the bracket that keeps rows of one name apart', () => {
    expect(matchLocation(gazetteer, 'Hamilton, NZ')).toMatchObject({ country: 'NZ', subdivision: 'Hamilton' });
    expect(matchLocation(gazetteer, 'Victoria, BC')).toMatchObject({ country: 'CA', subdivision: 'CA-BC' });
  });

  it('reads Georgia by its company: a state with Atlanta, a country with Tbilisi', () => {
    expect(matchLocation(gazetteer, 'Atlanta, Georgia')).toMatchObject({ country: 'US', subdivision: 'US-GA' });
    expect(countryOf('Tbilisi, Georgia')).toBe('GE');
  });

  it('stays confident when the competing place of the same name is far smaller', () => {
    const london = matchLocation(gazetteer, 'London')!.confidence;
    const lyon = matchLocation(gazetteer, 'Lyon')!.confidence;
    expect(london).toBeGreaterThan(0.5);
    expect(lyon - london).toBeLessThan(0.05);
  });

  it('reads a Mexican state code after a Mexican city', () => {
    expect(matchLocation(gazetteer, 'Monterrey, NL')).toMatchObject({ country: 'MX', subdivision: 'MX-NLE' });
    expect(countryOf('NL')).toBe('NL');
  });

  it('is less confident when a second country competes', () => {
    const contested = matchLocation(gazetteer, 'Paris TX')!.confidence;
    const plain = matchLocation(gazetteer, 'Austin, TX')!.confidence;
    expect(contested).toBeLessThan(plain);
  });
});
