import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRules, formatTerm, loadRuleVocabulary } from '../src/sources/rules.ts';

const DATA_DIR = join(import.meta.dirname, '..', 'data');

describe('stream rules and search queries', () => {
  it('combine service terms with outage words in one rule when they fit', () => {
    const { rules, requiresOutageWord } = buildRules({
      serviceTerms: ['WhatsApp', 'whats app', '@WhatsApp', '#whatsappdown'],
      outageWords: ['is down', 'storing', 'caído', 'werkt niet'],
    });

    expect(requiresOutageWord).toBe(true);
    expect(rules).toEqual([
      { value: '(WhatsApp OR "whats app" OR @WhatsApp OR #whatsappdown) ("is down" OR storing OR caído OR "werkt niet") -is:retweet', tag: 'outage-radar:1' },
    ]);
  });

  it('quote phrases and punctuation but keep handles, hashtags and words of any script as they are', () => {
    expect(['AT&T', 't-mobile', 'Disney+', '@Xbox', '#PSNdown', 'ワッツアップ', 'واتساب', 'say "hi"  there'].map(formatTerm)).toEqual([
      '"AT&T"',
      '"t-mobile"',
      '"Disney+"',
      '@Xbox',
      '#PSNdown',
      'ワッツアップ',
      'واتساب',
      '"say hi there"',
    ]);
  });

  it('drop duplicate terms regardless of case', () => {
    const { rules } = buildRules({ serviceTerms: ['Steam', 'steam', 'STEAM', 'Steam Deck'], outageWords: [] });

    expect(rules.map((rule) => rule.value)).toEqual(['(Steam OR "Steam Deck") -is:retweet']);
  });

  it('fall back to service terms alone when requiring an outage word would need more rules than allowed', () => {
    const serviceTerms = Array.from({ length: 60 }, (_, i) => `service${i}`);
    const outageWords = Array.from({ length: 60 }, (_, i) => `brokenword${i}`);

    const narrow = buildRules({ serviceTerms, outageWords }, { maxLength: 200, maxRules: 5 });
    const wide = buildRules({ serviceTerms, outageWords }, { maxLength: 200, maxRules: 500 });

    expect(narrow.requiresOutageWord).toBe(false);
    expect(narrow.rules.length).toBeLessThanOrEqual(5);
    expect(wide.requiresOutageWord).toBe(true);
    for (const rule of [...narrow.rules, ...wide.rules]) expect(rule.value.length).toBeLessThanOrEqual(200);
  });

  it('report what does not fit instead of writing an over-long rule', () => {
    const { rules, omitted } = buildRules({ serviceTerms: ['x'.repeat(600), 'Slack'], outageWords: [] });

    expect(rules.map((rule) => rule.value)).toEqual(['Slack -is:retweet']);
    expect(omitted).toEqual(['x'.repeat(600)]);
  });

  it('from the shipped catalogue and lexicons fit basic access: at most 25 rules of at most 512 characters', () => {
    const vocabulary = loadRuleVocabulary(DATA_DIR);

    const { rules, omitted } = buildRules(vocabulary);

    expect(vocabulary.serviceTerms.length).toBeGreaterThan(50);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.length).toBeLessThanOrEqual(25);
    expect(omitted).toEqual([]);
    for (const rule of rules) expect(rule.value.length).toBeLessThanOrEqual(512);
    expect(new Set(rules.map((rule) => rule.tag)).size).toBe(rules.length);
    const covered = rules.map((rule) => rule.value).join(' ');
    expect(covered).toContain('@WhatsApp');
  });

  it('read only the named catalogue and lexicon fields and tolerate a missing lexicon folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outage-radar-rules-'));
    try {
      await writeFile(
        join(dir, 'services.json'),
        JSON.stringify({ services: [{ id: 'kpn', name: 'KPN', aliases: ['kpn internet'], handles: ['@KPNwebcare'], hashtags: ['#kpnstoring'], domains: ['kpn.com'] }] }),
      );
      expect(loadRuleVocabulary(dir)).toEqual({ serviceTerms: ['KPN', 'kpn internet', '@KPNwebcare', '#kpnstoring'], outageWords: [] });

      await mkdir(join(dir, 'lexicon'));
      await writeFile(join(dir, 'lexicon', 'nl.json'), JSON.stringify({ lang: 'nl', outage: ['storing', 'werkt niet'], news: ['volgens'] }));
      expect(loadRuleVocabulary(dir).outageWords).toEqual(['storing', 'werkt niet']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
