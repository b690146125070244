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

  it('reads the outage in a catalogue hashtag of an ambiguous name', () => {
    expect(named('#zoomdown', 'en')).toContain('cue:outage-hashtags-only');
  });

  it('keeps a Latin name inside a Japanese hashtag whole, so its letters are not read as cues', () => {
    expect(named('#wifi障害', 'ja')).not.toContain('joke:w');
  });

  it('tells a post of outage hashtags alone from an unrelated sentence under an outage hashtag', () => {
    const features = named('#kpnstoring #storing', 'nl');
    expect(features).toContain('cue:outage-hashtags-only');
    expect(features).not.toContain('cue:outage-only-in-hashtag');
  });
});

describe('features: reshares', () => {
  it('marks a retweet of somebody else\'s post', () => {
    expect(named('RT @someone: instagram is down again', 'en')).toContain('shape:reshare');
  });

  it('does not mark a post that merely mentions RT', () => {
    expect(named('is RT down? the channel will not load', 'en')).not.toContain('shape:reshare');
  });
});

describe('features: voice and polarity', () => {
  it('names sarcasm around a failure', () => {
    expect(named('oh great, the wifi is dead again', 'en')).toContain('cue:outage+sarcasm');
  });

  it('reads a recovery phrase negated at the end of its clause as an outage', () => {
    const features = named('Internet geht wieder nicht', 'de');
    expect(features).toContain('negated-recovery:geht wieder');
    expect(features).not.toContain('cue:recovery-only');
  });

  it('keeps a recovery when the negator after it starts a new clause', () => {
    expect(named('whatsapp is back, no problems here', 'en')).toContain('cue:recovery-only');
  });

  it('does not read the praise inside an ironic phrase as praise', () => {
    const features = named('oh good, the wifi is dead again', 'en');
    expect(features).toContain('sarcasm:oh good');
    expect(features).not.toContain('positive:good');
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

describe('features: short reports and look-alikes', () => {
  it('marks a service and an outage word (or the loanword "down") in at most three words as a bare outage', () => {
    expect(named('whatsapp down', 'en')).toContain('cue:bare-outage');
    expect(named('whatsapp caído?', 'es')).toContain('cue:bare-outage');
    expect(named('I feel down', 'en')).not.toContain('cue:bare-outage');
    expect(named('WhatsApp down for thousands of users', 'en')).not.toContain('cue:bare-outage');
  });

  it('marks a percentage ("down 3%") as the shape of markets and polls', () => {
    expect(named('Apple is down 3%', 'en')).toContain('shape:percentage');
    expect(named('Apple is down again', 'en')).not.toContain('shape:percentage');
  });
});

describe('features: service names', () => {
  it('gives every one-word service name the same text features, so which service is named does not decide the label', () => {
    const whatsapp = analyser.analyse({ text: 'whatsapp is down again', lang: 'en' });
    const discord = analyser.analyse({ text: 'discord is down again', lang: 'en' });
    expect(whatsapp.indices).toEqual(discord.indices);
    expect(whatsapp.services.map((match) => match.service)).toEqual(['whatsapp']);
  });
});

describe('features: named cues', () => {
  it('counts a cue once per post however often it occurs, so a long first-person post does not add up to a complaint', () => {
    const post = analyser.analyse({ text: 'Ich war müde, ich ging nach Hause, ich kochte, ich las, ich schlief.', lang: 'de' });
    const names = post.named.map((feature) => feature.name);
    expect(names.filter((name) => name === 'first-person:ich')).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
  });
});
