import { beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_NAMES, generateScenario, generateScenarioSamples, type ScenarioSamples } from '../src/sample/scenarios.ts';
import type { SamplePost } from '../src/sample/timeline.ts';

const HOUR = 3_600_000;
const time = (sample: SamplePost) => Date.parse(sample.post.createdAt);

function complaintsAbout(scenario: ScenarioSamples, service: string, from: number, to: number, regions?: readonly string[]): SamplePost[] {
  return scenario.samples.filter((sample) => sample.kind === 'complaint' && sample.services.includes(service)
    && time(sample) >= from && time(sample) < to && (!regions || regions.includes(sample.author.country)));
}

describe('scenario generation', () => {
  it('gives the same posts and truth for the same name and seed', () => {
    const a = generateScenario('sudden', 11);
    const b = generateScenario('sudden', 11);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('gives different posts for a different seed', () => {
    const a = generateScenario('regional', 11);
    const b = generateScenario('regional', 12);
    expect(b.posts.slice(0, 50).map((post) => post.text)).not.toEqual(a.posts.slice(0, 50).map((post) => post.text));
  });

  it('starts every incident after at least eight hours of background', () => {
    for (const name of ['sudden', 'slow', 'regional', 'flapping'] as const) {
      const scenario = generateScenario(name, 3);
      const first = Date.parse(scenario.posts[0].createdAt);
      expect(first - Date.parse(scenario.start)).toBeLessThan(10 * 60_000);
      for (const incident of scenario.truth) expect(Date.parse(incident.riseStart) - Date.parse(scenario.start), name).toBeGreaterThanOrEqual(8 * HOUR);
    }
  });

  it('rejects an unknown scenario name, naming the known ones', () => {
    expect(() => generateScenario('nope' as 'sudden', 1)).toThrow(/choose from sudden, slow/);
  });
});

describe.each([1, 2, 3])('incident scenarios with seed %i', (seed) => {
  it('sudden: complaints jump within minutes of the rise and stay up until the end', () => {
    const scenario = generateScenarioSamples('sudden', seed);
    const [incident] = scenario.truth;
    const rise = Date.parse(incident.riseStart);
    const end = Date.parse(incident.end);
    const hourlyBefore = complaintsAbout(scenario, incident.service, rise - HOUR, rise).length;
    const hourlyInFirstTen = 6 * complaintsAbout(scenario, incident.service, rise, rise + 10 * 60_000).length;
    const during = complaintsAbout(scenario, incident.service, rise, end).length / ((end - rise) / HOUR);
    expect(hourlyInFirstTen).toBeGreaterThan(8 * hourlyBefore + 60);
    expect(during).toBeGreaterThan(0.7 * incident.complaintsPerHourAtPeak);
    expect(during).toBeLessThan(1.2 * incident.complaintsPerHourAtPeak);
  });

  it('slow: complaints in the first ten minutes are well below those of the hour after the rise', () => {
    const scenario = generateScenarioSamples('slow', seed);
    const [incident] = scenario.truth;
    const rise = Date.parse(incident.riseStart);
    const early = complaintsAbout(scenario, incident.service, rise, rise + 10 * 60_000).length;
    const later = complaintsAbout(scenario, incident.service, rise + HOUR, rise + HOUR + 10 * 60_000).length;
    expect(later).toBeGreaterThan(2.5 * early);
  });

  it('regional: the complaints come from the one country named in the truth', () => {
    const scenario = generateScenarioSamples('regional', seed);
    const [incident] = scenario.truth;
    expect(incident.regions).toHaveLength(1);
    const rise = Date.parse(incident.riseStart);
    const all = complaintsAbout(scenario, incident.service, rise, Date.parse(incident.end));
    const inRegion = complaintsAbout(scenario, incident.service, rise, Date.parse(incident.end), incident.regions);
    expect(inRegion.length).toBeGreaterThan(0.9 * all.length);
    expect(inRegion.length / ((Date.parse(incident.end) - rise) / HOUR)).toBeGreaterThan(0.6 * incident.complaintsPerHourAtPeak);
  });

  it('flapping: two outages of one service with a quiet gap between them', () => {
    const scenario = generateScenarioSamples('flapping', seed);
    const [first, second] = scenario.truth;
    expect(second.service).toBe(first.service);
    const gapStart = Date.parse(first.end) + 10 * 60_000;
    const gapEnd = Date.parse(second.riseStart) - 2 * 60_000;
    const gapRate = complaintsAbout(scenario, first.service, gapStart, gapEnd).length / ((gapEnd - gapStart) / HOUR);
    expect(gapRate).toBeLessThan(0.2 * first.complaintsPerHourAtPeak);
    const recoveries = scenario.samples.filter((sample) => sample.kind === 'recovery' && time(sample) > Date.parse(first.end) - 5 * 60_000 && time(sample) < gapEnd);
    expect(recoveries.length).toBeGreaterThan(5);
  });
});

describe('trap scenarios', () => {
  let celebrity: ScenarioSamples;
  let bots: ScenarioSamples;
  let news: ScenarioSamples;
  beforeAll(() => {
    celebrity = generateScenarioSamples('celebrity', 5);
    bots = generateScenarioSamples('bot-flood', 5);
    news = generateScenarioSamples('quiet-viral-news', 5);
  });

  it('celebrity: thousands of identical reshares of one complaint, from distinct authors, and no truth', () => {
    expect(celebrity.truth).toEqual([]);
    const reshares = celebrity.samples.filter((sample) => sample.post.text.startsWith('RT @'));
    expect(reshares.length).toBeGreaterThan(2000);
    expect(new Set(reshares.map((sample) => sample.post.text)).size).toBe(1);
    expect(new Set(reshares.map((sample) => sample.author.id)).size).toBeGreaterThan(0.7 * reshares.length);
    const origin = celebrity.samples.filter((sample) => sample.kind === 'complaint' && reshares[0].post.text === `RT @${sample.author.username}: ${sample.post.text}`);
    expect(origin).toHaveLength(1);
  });

  it('bot-flood: a handful of accounts post hundreds of complaints each, and no truth', () => {
    expect(bots.truth).toEqual([]);
    const perBot = new Map<string, number>();
    for (const sample of bots.samples.filter((entry) => entry.kind === 'bot')) perBot.set(sample.author.id, (perBot.get(sample.author.id) ?? 0) + 1);
    expect(perBot.size).toBeGreaterThanOrEqual(3);
    expect(perBot.size).toBeLessThanOrEqual(5);
    for (const count of perBot.values()) expect(count).toBeGreaterThan(60);
    expect([...perBot.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
  });

  it('quiet-viral-news: a heavily shared story about last year, no rise in complaints and no truth', () => {
    expect(news.truth).toEqual([]);
    const reshares = news.samples.filter((sample) => sample.kind === 'reshare');
    expect(reshares.length).toBeGreaterThan(1000);
    const viralStart = Math.min(...reshares.map(time));
    const before = complaintsAbout(news, 'whatsapp', viralStart - 3 * HOUR, viralStart).length;
    const during = complaintsAbout(news, 'whatsapp', viralStart, viralStart + 3 * HOUR).length;
    expect(during).toBeLessThan(2 * before + 10);
  });
});

describe('news-flood', () => {
  it('a story about a past outage in 4-5 languages at once: desks, reshares and jokes by thousands, no complaints and no truth', () => {
    const flood = generateScenarioSamples('news-flood', 5);
    expect(flood.truth).toEqual([]);
    // The story is the one service that gets reshared; background posts about other services are left out.
    const reshares = flood.samples.filter((sample) => sample.kind === 'reshare');
    expect(reshares.length).toBeGreaterThan(500);
    const service = reshares[0].services[0];
    const start = Math.min(...reshares.map(time));
    const story = flood.samples.filter((sample) => sample.services.includes(service) && time(sample) >= start - 60_000 && ['news', 'joke', 'reshare'].includes(sample.kind));
    expect(new Set(story.filter((sample) => sample.kind === 'news').map((sample) => sample.post.lang)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(story.map((sample) => sample.author.id)).size).toBeGreaterThan(1000);
    expect(story.filter((sample) => sample.kind === 'joke').length).toBeGreaterThan(300);
    const before = complaintsAbout(flood, service, start - 3 * 3_600_000, start).length;
    const during = complaintsAbout(flood, service, start, start + 3 * 3_600_000).length;
    expect(during).toBeLessThan(2 * before + 10);
  });
});

describe('background-week', () => {
  it('spans seven days of every service with no truth', () => {
    const week = generateScenarioSamples('background-week', 1, { scale: 0.2 });
    expect(week.weeks).toBe(1);
    expect(week.truth).toEqual([]);
    expect(Date.parse(week.end) - Date.parse(week.start)).toBe(7 * 24 * HOUR);
    const lastPost = Math.max(...week.samples.map(time));
    expect(lastPost).toBeGreaterThan(Date.parse(week.end) - HOUR);
    const complained = new Set(week.samples.filter((sample) => sample.kind === 'complaint').flatMap((sample) => sample.services));
    expect(week.services.filter((service) => !complained.has(service))).toEqual([]);
  });
});

describe('scenario posts', () => {
  it('are in the project Post shape with gold labels, for every scenario', () => {
    for (const name of SCENARIO_NAMES.filter((entry) => entry !== 'background-week')) {
      const { posts } = generateScenario(name, 9, { scale: 0.3 });
      expect(posts.length, name).toBeGreaterThan(1000);
      for (const post of posts.slice(0, 200)) {
        expect(['twitter', 'mastodon']).toContain(post.source);
        expect(post.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(['complaint', 'news', 'joke', 'other']).toContain(post.gold?.label);
      }
    }
  });
});
