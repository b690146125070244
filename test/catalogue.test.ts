import { describe, expect, it } from 'vitest';
import { CatalogueError, loadCatalogue, parseCatalogue } from '../src/classify/catalogue.ts';
import { ServiceMatcher } from '../src/classify/services.ts';
import { scanText } from '../src/text/tokenize.ts';

const REQUIRED = `whatsapp facebook instagram messenger threads x youtube tiktok snapchat discord telegram signal reddit
linkedin gmail google outlook microsoft-teams microsoft-365 slack zoom aws azure google-cloud cloudflare github netflix spotify
disney-plus icloud playstation-network xbox-live steam fortnite roblox paypal stripe visa ing rabobank abn-amro deutsche-bank
sparkasse bbva santander nubank itau kpn ziggo vodafone deutsche-telekom orange movistar vivo tim turk-telekom docomo line
revolut uber`.split(/\s+/);

function servicesIn(text: string, outageCue = false): string[] {
  const matcher = new ServiceMatcher(loadCatalogue());
  const scan = scanText(text);
  const tokens = [...scan.tokens];
  const kinds = [...scan.kinds];
  return matcher.match(tokens, kinds, scan.hosts, outageCue).map((match) => match.service);
}

describe('service catalogue', () => {
  it('holds at least 40 services including every id the project uses', () => {
    const catalogue = loadCatalogue();
    expect(catalogue.services.length).toBeGreaterThanOrEqual(40);
    for (const id of REQUIRED) expect(catalogue.byId(id), id).toBeDefined();
  });

  it('finds a service by id with its handles, hashtags and domains', () => {
    const whatsapp = loadCatalogue().byId('whatsapp');
    expect(whatsapp?.handles).toContain('@WhatsApp');
    expect(whatsapp?.hashtags).toContain('#whatsappdown');
    expect(whatsapp?.domains).toContain('whatsapp.com');
  });

  it('rejects a service without a category and names the service and field', () => {
    const bad = { version: 1, services: [{ id: 'acme', name: 'Acme', aliases: ['acme'], handles: [], hashtags: [], domains: [] }] };
    expect(() => parseCatalogue(bad, 'services.json')).toThrow(/services\.json \(service "acme"\): services\.0\.category/);
  });

  it('rejects a duplicate id', () => {
    const service = { id: 'acme', name: 'Acme', category: 'cloud', aliases: ['acme'], handles: [], hashtags: [], domains: [] };
    expect(() => parseCatalogue({ version: 1, services: [service, service] })).toThrow(CatalogueError);
  });
});

describe('service matching', () => {
  it('finds services by name, handle, hashtag and link', () => {
    expect(servicesIn('whatsapp is down')).toEqual(['whatsapp']);
    expect(servicesIn('@KPNwebcare help')).toEqual(['kpn']);
    expect(servicesIn('#ziggostoring weer')).toEqual(['ziggo']);
    expect(servicesIn('see https://www.netflix.com/title/1')).toEqual(['netflix']);
  });

  it('reads no service in a link shortener or a media link (t.co, pic.twitter.com), but X in a twitter.com link', () => {
    expect(servicesIn('Ich mag nicht mehr. https://t.co/CQkeQdy9Va')).toEqual([]);
    expect(servicesIn('no signal all day pic.twitter.com/kMz9xGrU')).toEqual([]);
    expect(servicesIn('read this https://bit.ly/3abc')).toEqual([]);
    expect(servicesIn('see https://twitter.com/user/status/1')).toEqual(['x']);
  });

  it('finds multi-word names', () => {
    expect(servicesIn('deutsche bank app geht nicht')).toEqual(['deutsche-bank']);
    expect(servicesIn('microsoft teams keeps crashing')).toEqual(['microsoft-teams']);
  });

  it('prefers the longer name over a shorter one inside it', () => {
    expect(servicesIn('Türk Telekom çöktü')).toEqual(['turk-telekom']);
  });

  it('does not read Apple in "apple pie" as the service', () => {
    expect(servicesIn('apple pie with grandma', true)).toEqual([]);
  });

  it('reads Apple as iCloud in a service context', () => {
    expect(servicesIn('apple id login broken')).toEqual(['icloud']);
  });

  it('does not read signal the noun as the messenger', () => {
    expect(servicesIn('no signal at all in the tunnel', true)).toEqual([]);
    expect(servicesIn('signal app messages not sending')).toEqual(['signal']);
  });

  it('keeps ambiguous names (Orange, Play, Vivo) only with context', () => {
    expect(servicesIn("un jus d'orange")).toEqual([]);
    expect(servicesIn('orange panne internet fibre')).toEqual(['orange']);
    expect(servicesIn('assistindo ao vivo')).toEqual([]);
    expect(servicesIn('sieć play awaria internetu')).toEqual(['play']);
  });

  it('drops an ambiguous name that only the outage cue confirms when another service is named', () => {
    expect(servicesIn("tiktok videos won't play", true)).toEqual(['tiktok']);
    expect(servicesIn('play nie działa od rana', true)).toEqual(['play']);
    expect(servicesIn('@Play_Polska i tiktok nie działa', true).sort()).toEqual(['play', 'tiktok']);
  });

  it('gives generic entries (internet, mobile) only when no service is named, never through match()', () => {
    const matcher = new ServiceMatcher(loadCatalogue());
    const generic = (text: string) => {
      const scan = scanText(text);
      return matcher.matchGeneric(scan.tokens, scan.kinds).map((match) => match.service);
    };
    expect(servicesIn('no internet and no 4g since noon', true)).toEqual([]);
    expect(generic('no internet and no 4g since noon').sort()).toEqual(['internet', 'mobile']);
    expect(generic('kein Netz im ICE')).toEqual(['mobile']);
    expect(generic('I thought it was my wifi but it was discord')).toEqual([]);
  });
});
