// Finds the services a post names: aliases, handles, hashtags (#kpnstoring -> kpn + storing) and link
// domains, with ambiguous names (Apple, Signal, Orange, Line, Play...) kept only in a service context.
import { PhraseTrie, type PhraseHit } from '../text/phrases.ts';
import { phraseTokens, TokenKind } from '../text/tokenize.ts';
import type { Catalogue } from './catalogue.ts';

interface AliasEntry {
  service: string;
  ambiguous: boolean;
}

export interface ServiceMatch {
  service: string;
  /** How the post named it. */
  via: 'alias' | 'handle' | 'hashtag' | 'domain';
}

function pushMatch(found: ServiceMatch[], seen: Set<string>, service: string, via: ServiceMatch['via']): void {
  if (seen.has(service)) return;
  seen.add(service);
  found.push({ service, via });
}

export class ServiceMatcher {
  private readonly aliases = new PhraseTrie<AliasEntry>();
  private readonly senses = new PhraseTrie<string>();
  private readonly contexts = new Map<string, Set<string>>();
  private readonly handles = new Map<string, string>();
  private readonly hashtags = new Map<string, string>();
  private readonly domains = new Map<string, string>();
  private readonly linkHosts: ReadonlySet<string>;
  /** Words of the generic entries (internet, mobile network): used only when no service is named. */
  private readonly generic = new PhraseTrie<string>();
  private readonly genericVetoes = new PhraseTrie<string>();
  private readonly genericHashtags = new Map<string, string>();
  /** Single-token aliases, for splitting hashtags by their longest known prefix. */
  private readonly prefixes = new Map<string, string>();
  private readonly longestPrefix: number;

  constructor(catalogue: Catalogue) {
    let longest = 0;
    this.linkHosts = new Set(catalogue.linkHosts);
    for (const service of catalogue.services) {
      if (service.generic) {
        for (const alias of service.aliases) this.generic.add(phraseTokens(alias), service.id);
        for (const hashtag of service.hashtags) this.genericHashtags.set(phraseTokens(hashtag).join(''), service.id);
        for (const sense of service.otherSenses ?? []) this.genericVetoes.add(phraseTokens(sense), service.id);
        continue;
      }
      const add = (alias: string, ambiguous: boolean): void => {
        const tokens = phraseTokens(alias);
        this.aliases.add(tokens, { service: service.id, ambiguous });
        const joined = tokens.join('');
        if (!ambiguous && joined.length >= 3 && !this.prefixes.has(joined)) {
          this.prefixes.set(joined, service.id);
          longest = Math.max(longest, joined.length);
        }
      };
      for (const alias of service.aliases) add(alias, false);
      for (const alias of service.ambiguousAliases ?? []) add(alias, true);
      for (const sense of service.otherSenses ?? []) this.senses.add(phraseTokens(sense), service.id);
      const contexts = new Set<string>();
      for (const context of service.contexts ?? []) for (const token of phraseTokens(context)) contexts.add(token);
      this.contexts.set(service.id, contexts);
      for (const handle of service.handles) this.handles.set(handle.slice(1).toLowerCase(), service.id);
      for (const hashtag of service.hashtags) this.hashtags.set(phraseTokens(hashtag).join(''), service.id);
      for (const domain of service.domains) this.domains.set(domain, service.id);
    }
    this.longestPrefix = longest;
  }

  /** Whether a token is a service's unambiguous one-word name ("whatsapp", "kpn"): text features see it as any service. */
  isServiceWord(token: string): boolean {
    return this.prefixes.has(token);
  }

  /** Whether a hashtag body is one the catalogue lists for a service ("zoomdown", "kpnstoring"). */
  isServiceHashtag(body: string): boolean {
    return this.hashtags.has(body);
  }

  /**
   * Splits a hashtag body into a known service name and the rest ("whatsappdown" -> ["whatsapp", "down"]),
   * or returns undefined when it starts with no known name.
   */
  splitHashtag(body: string): [string, string] | undefined {
    for (let length = Math.min(body.length, this.longestPrefix); length >= 3; length--) {
      const head = body.slice(0, length);
      if (this.prefixes.has(head)) return [head, body.slice(length)];
    }
    return undefined;
  }

  /**
   * The services a scanned post names. `tokens` are the post's tokens with hashtags already split,
   * `kinds` their kinds; `outageCue` says whether an outage or recovery phrase matched (it confirms ambiguous names).
   */
  match(tokens: readonly string[], kinds: readonly TokenKind[], hosts: readonly string[], outageCue: boolean): ServiceMatch[] {
    const found: ServiceMatch[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      const kind = kinds[i];
      if (kind === TokenKind.Handle) {
        const service = this.handles.get(tokens[i]);
        if (service) pushMatch(found, seen, service, 'handle');
      } else if (kind === TokenKind.Hashtag) {
        const service = this.hashtags.get(tokens[i]);
        if (service) pushMatch(found, seen, service, 'hashtag');
      }
    }
    for (const host of hosts) {
      if (this.linkHosts.has(host)) continue;
      const service = this.domains.get(host) ?? this.domains.get(host.split('.').slice(-2).join('.'));
      if (service) pushMatch(found, seen, service, 'domain');
    }
    const hits = this.aliases.findAll(tokens);
    if (hits.length === 0) return found;
    let vetoes: PhraseHit<string>[] | undefined;
    let onlyByCue: Set<string> | undefined;
    for (const hit of hits) {
      // A longer name wins over a shorter one inside it ("Türk Telekom" is not also "Telekom").
      if (hits.some((other) => other !== hit && other.start <= hit.start && other.end >= hit.end && other.end - other.start > hit.end - hit.start)) continue;
      const { service, ambiguous } = hit.value;
      if (seen.has(service)) continue;
      const viaTag = kinds[hit.start] === TokenKind.Hashtag || kinds[hit.start] === TokenKind.Handle;
      if (!viaTag) {
        vetoes ??= this.senses.findAll(tokens);
        if (vetoes.some((veto) => veto.value === service && veto.start <= hit.start && veto.end >= hit.end)) continue;
        if (ambiguous && !this.hasContext(service, tokens)) {
          if (!outageCue) continue;
          // Confirmed by the outage cue alone, an ambiguous name is kept only if no other service is named:
          // in "TikTok videos won't play" the outage is TikTok's and "play" is a verb.
          (onlyByCue ??= new Set()).add(service);
        }
      }
      pushMatch(found, seen, service, viaTag ? (kinds[hit.start] === TokenKind.Handle ? 'handle' : 'hashtag') : 'alias');
    }
    if (onlyByCue && found.some((match) => !onlyByCue.has(match.service))) return found.filter((match) => !onlyByCue.has(match.service));
    return found;
  }

  /**
   * The generic entries a post's words name ("wifi" -> internet, "kein netz" -> mobile), for a post that names
   * no service. They are attribution only: the classifier's features never see them.
   */
  matchGeneric(tokens: readonly string[], kinds: readonly TokenKind[]): ServiceMatch[] {
    const found: ServiceMatch[] = [];
    // A vetoed entry is treated as seen: "thought it was my wifi but..." blames something else.
    const seen = new Set<string>(this.genericVetoes.findAll(tokens).map((hit) => hit.value));
    for (let i = 0; i < tokens.length; i++) {
      const service = kinds[i] === TokenKind.Hashtag ? this.genericHashtags.get(tokens[i]) : undefined;
      if (service) pushMatch(found, seen, service, 'hashtag');
    }
    for (const hit of this.generic.findAll(tokens)) pushMatch(found, seen, hit.value, 'alias');
    return found;
  }

  private hasContext(service: string, tokens: readonly string[]): boolean {
    const contexts = this.contexts.get(service);
    if (!contexts || contexts.size === 0) return false;
    for (const token of tokens) if (contexts.has(token)) return true;
    return false;
  }
}
