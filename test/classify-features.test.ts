import { describe, expect, it } from 'vitest';
import { TextAnalyser } from '../src/classify/analyser.ts';

const analyser = new TextAnalyser();
const named = (text: string, lang: string): string[] => analyser.analyse({ text, lang }).named.map((feature) => feature.name);

describe('features: hashtags', () => {
  it('marks an outage told only in a hashtag under an unrelated sentence', () => {
    expect(named('time to read a book I guess #whatsappdown', 'en')).toContain('cue:outage-only-in-hashtag');
  });

  it('does not mark an outage told in the text itself', () => {
    expect(named('whatsapp is down again #whatsappdown', 'en')).not.toContain('cue:outage-only-in-hashtag');
  });

  it('splits an unknown service from a trailing outage word in a hashtag', () => {
    expect(named('alguém mais? #pixcaiu', 'pt')).toContain('outage:caiu');
  });

  it('reads the characters of a Japanese hashtag', () => {
    expect(named('また繋がらない #ドコモ障害', 'ja')).toContain('outage:障害');
  });
});

describe('features: voice and polarity', () => {
  it('names sarcasm around a failure', () => {
    expect(named('oh great, the wifi is dead again', 'en')).toContain('cue:outage+sarcasm');
  });

  it('names a negated praise word instead of praise', () => {
    const features = named('the new update is not good at all', 'en');
    expect(features).toContain('negated-positive:good');
    expect(features).not.toContain('positive:good');
  });

  it('names planned maintenance complained about in the user voice', () => {
    expect(named('znowu prace serwisowe w środku dnia, żenada, nic mi nie działa', 'pl')).toContain('cue:maintenance+user-voice');
  });

  it('borrows English polarity words for code-switched posts', () => {
    expect(named('yeh movie best hai, love it', 'hi')).toContain('positive:love');
  });
});
