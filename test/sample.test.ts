import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveFileName, writeSampleArchive, type ArchiveSummary } from '../src/sample/archive.ts';
import { CSV_HEADER } from '../src/sample/formats.ts';
import { OUTAGE_DAY, generateOutageDay, outageDayTruth } from '../src/sample/outage-day.ts';
import { SAMPLE_SERVICES } from '../src/sample/services.ts';
import type { SamplePost } from '../src/sample/timeline.ts';

const PROJECT_SERVICE_IDS = `whatsapp facebook instagram messenger threads x youtube tiktok snapchat discord telegram signal
  reddit linkedin gmail google outlook microsoft-teams microsoft-365 slack zoom aws azure google-cloud cloudflare github netflix
  spotify disney-plus icloud playstation-network xbox-live steam fortnite roblox paypal stripe visa ing rabobank abn-amro
  deutsche-bank sparkasse bbva santander nubank itau kpn ziggo vodafone deutsche-telekom orange movistar vivo tim turk-telekom
  docomo line revolut uber`.split(/\s+/);
const FACEBOOK_FAMILY = new Set(['whatsapp', 'facebook', 'instagram', 'messenger']);
const MINUTE = 60_000;

const temporaryDirs: string[] = [];
function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sample-test-'));
  temporaryDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

function readLines(path: string): string[] {
  const raw = path.endsWith('.gz') ? gunzipSync(readFileSync(path)) : readFileSync(path);
  return raw.toString('utf8').split('\n').filter((line) => line.length > 0);
}

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { row.push(field); field = ''; } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; i++;
    } else field += char;
  }
  return rows;
}

const at = (hour: number, minute = 0) => Date.UTC(2021, 9, 4, hour, minute);

describe('the 4 Oct 2021 day', () => {
  let day: SamplePost[];
  beforeAll(() => {
    day = [...generateOutageDay({ seed: 7, scale: 0.3 })];
  });

  const complaintsAbout = (services: (id: string) => boolean, from: number, to: number) => day.filter((sample) =>
    sample.kind === 'complaint' && sample.services.some(services) && Date.parse(sample.post.createdAt) >= from && Date.parse(sample.post.createdAt) < to).length;
  const family = (id: string) => FACEBOOK_FAMILY.has(id);

  it('starts at midnight UTC and ends before the next midnight, in time order', () => {
    const times = day.map((sample) => Date.parse(sample.post.createdAt));
    expect(times[0]).toBeGreaterThanOrEqual(at(0));
    expect(times[0]).toBeLessThan(at(0, 10));
    expect(times[times.length - 1]).toBeLessThan(at(24));
    expect(times.every((time, i) => i === 0 || time >= times[i - 1] - 1000)).toBe(true);
  });

  it('has Facebook-family complaints jump within three minutes of 15:39 UTC', () => {
    const before = complaintsAbout(family, at(14, 39), at(15, 39)) / 60;
    const first = complaintsAbout(family, at(15, 42), at(15, 52)) / 10;
    expect(complaintsAbout(family, at(15, 39), at(15, 42))).toBeGreaterThan(20);
    expect(first).toBeGreaterThan(40 * Math.max(before, 0.1));
  });

  it('keeps the outage loud for hours and lets complaints fade after 21:40 UTC while recovery posts arrive', () => {
    const peakRate = complaintsAbout(family, at(15, 45), at(16, 15)) / 30;
    expect(complaintsAbout(family, at(20), at(21)) / 60).toBeGreaterThan(0.2 * peakRate);
    expect(complaintsAbout(family, at(22, 30), at(23, 30)) / 60).toBeLessThan(0.05 * peakRate);
    const recoveries = day.filter((sample) => sample.kind === 'recovery').map((sample) => Date.parse(sample.post.createdAt));
    expect(recoveries.length).toBeGreaterThan(100);
    expect(recoveries.filter((time) => time >= at(21, 40)).length / recoveries.length).toBeGreaterThan(0.8);
  });

  it('brings the news 10 to 30 minutes after the outage starts', () => {
    const news = day.filter((sample) => sample.kind === 'news' && sample.services.some(family)).map((sample) => Date.parse(sample.post.createdAt));
    expect(Math.min(...news)).toBeGreaterThanOrEqual(at(15, 49));
    expect(news.filter((time) => time < at(16, 10)).length).toBeGreaterThan(5);
  });

  it('gives every other service only its ordinary background of complaints during the outage', () => {
    for (const service of SAMPLE_SERVICES.filter((entry) => !FACEBOOK_FAMILY.has(entry.id))) {
      const is = (id: string) => id === service.id;
      const during = complaintsAbout(is, at(15, 39), at(21, 39)) / 6;
      const morning = complaintsAbout(is, at(9), at(15)) / 6;
      expect(during, service.id).toBeLessThanOrEqual(2 * morning + 4);
    }
  });

  it('gives a typical service 0 to 3 background complaints an hour in a big country before the outage', () => {
    const bigCountries = ['US', 'BR', 'GB', 'DE', 'IN', 'ES'];
    const hours = 15;
    const perHour: number[] = [];
    for (const service of SAMPLE_SERVICES) {
      for (const code of bigCountries) {
        const count = day.filter((sample) => sample.kind === 'complaint' && sample.services[0] === service.id
          && sample.author.country === code && Date.parse(sample.post.createdAt) < at(hours)).length;
        if (count > 0) perHour.push(count / 0.3 / hours);
      }
    }
    perHour.sort((a, b) => a - b);
    const median = perHour[Math.floor(perHour.length / 2)];
    expect(median).toBeGreaterThan(0.1);
    expect(median).toBeLessThan(3);
  });

  it('gives WhatsApp a baseline of complaints before 15:39 in the countries that use it most', () => {
    for (const code of ['BR', 'IN', 'GB', 'ES', 'TR']) {
      const before = day.filter((sample) => sample.kind === 'complaint' && sample.services.includes('whatsapp')
        && sample.author.country === code && Date.parse(sample.post.createdAt) < at(15, 39));
      expect(before.length, code).toBeGreaterThan(0);
    }
  });

  it('mixes jokes, brand marketing, other senses of the words, status bots and ads with the complaints', () => {
    const kinds = new Set(day.map((sample) => sample.kind));
    for (const kind of ['complaint', 'news', 'joke', 'marketing', 'other-sense', 'mention', 'status', 'ad', 'recovery']) {
      expect(kinds.has(kind as SamplePost['kind']), kind).toBe(true);
    }
  });

  it('writes in at least ten languages with realistic country mixes', () => {
    const languages = new Set(day.map((sample) => sample.post.lang));
    for (const lang of ['en', 'nl', 'de', 'fr', 'es', 'pt', 'it', 'pl', 'tr', 'ja']) expect(languages.has(lang), lang).toBe(true);
    const countries = (lang: string) => {
      const counts: Record<string, number> = {};
      for (const sample of day.filter((entry) => entry.author.lang === lang)) counts[sample.author.country] = (counts[sample.author.country] ?? 0) + 1;
      return counts;
    };
    const pt = countries('pt');
    expect(pt.BR / (pt.BR + pt.PT)).toBeGreaterThan(0.85);
    expect(pt.PT).toBeGreaterThan(0);
    expect(Object.keys(countries('es'))).toEqual(expect.arrayContaining(['ES', 'MX', 'AR']));
    expect(Object.keys(countries('en'))).toEqual(expect.arrayContaining(['US', 'GB', 'IN']));
  });

  it('has authors who post several times and many who post once', () => {
    const perAuthor = new Map<string, number>();
    for (const sample of day) perAuthor.set(sample.author.id, (perAuthor.get(sample.author.id) ?? 0) + 1);
    const counts = [...perAuthor.values()];
    expect(counts.filter((count) => count >= 3).length).toBeGreaterThan(50);
    expect(counts.filter((count) => count === 1).length).toBeGreaterThan(counts.length / 3);
  });

  it('tags a few posts with a place, fewer with coordinates, and gives many authors a free-text location', () => {
    const tweets = day.filter((sample) => sample.post.source !== 'mastodon');
    const share = (test: (sample: SamplePost) => boolean) => tweets.filter(test).length / tweets.length;
    expect(share((sample) => sample.post.place !== undefined)).toBeGreaterThan(0.02);
    expect(share((sample) => sample.post.place !== undefined)).toBeLessThan(0.12);
    expect(share((sample) => sample.post.geo !== undefined)).toBeGreaterThan(0.003);
    expect(share((sample) => sample.post.geo !== undefined)).toBeLessThan(0.04);
    expect(share((sample) => sample.post.author?.location !== undefined)).toBeGreaterThan(0.4);
    expect(share((sample) => sample.post.author?.location !== undefined)).toBeLessThan(0.75);
  });

  it('gives every post a unique id within its source', () => {
    const keys = new Set(day.map((sample) => `${sample.post.source}:${sample.post.id}`));
    expect(keys.size).toBe(day.length);
  });

  it('states the outage window and all four services in its truth', () => {
    const truth = outageDayTruth(1);
    expect(truth.map((incident) => incident.service).sort()).toEqual(['facebook', 'instagram', 'messenger', 'whatsapp']);
    for (const incident of truth) {
      expect(incident.riseStart).toBe('2021-10-04T15:39:00.000Z');
      expect(incident.end).toBe('2021-10-04T21:40:00.000Z');
      expect(incident.regions).toEqual(expect.arrayContaining(['BR', 'IN', 'NL', 'US', 'DE', 'JP']));
    }
  });
});

describe('the sample catalogue', () => {
  it('covers every service id the project uses', () => {
    const ids = new Set(SAMPLE_SERVICES.map((service) => service.id));
    expect(PROJECT_SERVICE_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('the archive files', () => {
  let dir: string;
  let summary: ArchiveSummary;
  beforeAll(async () => {
    dir = temporaryDir();
    summary = await writeSampleArchive({ seed: 3, scale: 0.3, out: dir, gzip: true, formats: ['twitter', 'mastodon', 'csv'] });
  });

  it('are byte-identical for the same seed', async () => {
    const again = temporaryDir();
    await writeSampleArchive({ seed: 3, scale: 0.3, out: again, gzip: true, formats: ['twitter', 'mastodon', 'csv'] });
    for (const file of readdirSync(dir)) expect(readFileSync(join(again, file)).equals(readFileSync(join(dir, file))), file).toBe(true);
  });

  it('differ for a different seed', async () => {
    const other = temporaryDir();
    await writeSampleArchive({ seed: 4, scale: 0.3, out: other, gzip: false, formats: ['csv'] });
    const mine = gunzipSync(readFileSync(join(dir, archiveFileName('csv', true))));
    expect(readFileSync(join(other, archiveFileName('csv', false))).equals(mine)).toBe(false);
  });

  it('hold Twitter API v2 search pages with users, places and the scheduled flaws', () => {
    const lines = readLines(join(dir, archiveFileName('twitter', true)));
    const pages = lines.flatMap((line) => { try { return [JSON.parse(line)]; } catch { return []; } });
    expect(lines.length - pages.length).toBe(2);
    const tweets = pages.flatMap((page) => page.data);
    expect(pages.every((page) => page.meta.result_count === page.data.length && page.includes.users.length > 0)).toBe(true);
    expect(pages.slice(0, -1).every((page) => typeof page.meta.next_token === 'string')).toBe(true);
    expect(pages[pages.length - 1].meta.next_token).toBeUndefined();
    expect(tweets.filter((tweet) => tweet.created_at === undefined)).toHaveLength(2);
    expect(tweets.length - new Set(tweets.map((tweet) => tweet.id)).size).toBe(summary.formats.twitter?.flaws.duplicates);
    expect(summary.formats.twitter?.flaws.duplicates).toBeGreaterThanOrEqual(10);
    const placed = pages.find((page) => page.includes.places?.length > 0);
    expect(placed.includes.places[0]).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), full_name: expect.any(String), country_code: expect.stringMatching(/^[A-Z]{2}$/) });
    const withPoint = tweets.find((tweet) => tweet.geo?.coordinates);
    expect(withPoint.geo.coordinates.type).toBe('Point');
  });

  it('hold Mastodon statuses with HTML content and accounts', () => {
    const lines = readLines(join(dir, archiveFileName('mastodon', true)));
    const statuses = lines.flatMap((line) => { try { return [JSON.parse(line)]; } catch { return []; } });
    expect(lines.length - statuses.length).toBe(1);
    expect(statuses.every((status) => status.content.startsWith('<p>') && status.account.acct.includes('@'))).toBe(true);
    expect(statuses.filter((status) => status.created_at === undefined)).toHaveLength(1);
    expect(statuses.some((status) => status.content.includes('class="mention hashtag"'))).toBe(true);
  });

  it('hold RFC 4180 CSV whose quoted texts survive a round trip', () => {
    const raw = gunzipSync(readFileSync(join(dir, archiveFileName('csv', true)))).toString('utf8');
    const rows = parseCsv(raw);
    expect(rows[0].join(',')).toBe(CSV_HEADER);
    const wellFormed = rows.slice(1).filter((row) => row.length === 8);
    expect(rows.length - 1 - wellFormed.length).toBe(1);
    expect(wellFormed.filter((row) => row[1] === 'yesterday evening')).toHaveLength(1);
    expect(wellFormed.some((row) => row[2].includes(','))).toBe(true);
    expect(wellFormed.filter((row) => row[6] !== '').every((row) => Number.isFinite(Number(row[6])) && Number.isFinite(Number(row[7])))).toBe(true);
  });

  it('come with a truth file that names the incidents and counts the posts', () => {
    const truth = JSON.parse(readFileSync(join(dir, '2021-10-04.truth.json'), 'utf8'));
    expect(truth.incidents).toEqual(outageDayTruth(0.3));
    expect(truth.posts).toBe(summary.posts);
    expect(truth.files.twitter.posts + truth.files.mastodon.posts + truth.files.csv.posts).toBe(summary.posts);
  });
});

describe('the generate-sample command', () => {
  it('writes only the chosen formats, uncompressed with --no-gzip', async () => {
    const out = temporaryDir();
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/generate-sample.ts', '--seed', '5', '--scale', '0.02', '--out', out, '--no-gzip', '--formats', 'csv'], { cwd: join(import.meta.dirname, '..') });
    expect(readdirSync(out).sort()).toEqual(['2021-10-04.csv', '2021-10-04.truth.json']);
    expect(stdout).toMatch(/posts in/);
    expect(readFileSync(join(out, '2021-10-04.csv'), 'utf8').startsWith(`${CSV_HEADER}\r\n`)).toBe(true);
  });
});

describe('the outage window constants', () => {
  it('put the rise at 15:39 and the end at 21:40 UTC on 4 Oct 2021', () => {
    expect(new Date(OUTAGE_DAY.riseStart).toISOString()).toBe('2021-10-04T15:39:00.000Z');
    expect(OUTAGE_DAY.end - OUTAGE_DAY.riseStart).toBe((6 * 60 + 1) * MINUTE);
  });
});
