import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { analyseArchives, UnusableInputError } from '../src/batch/analyse.ts';
import { reportSchema, type Report } from '../src/report/schema.ts';
import { renderPage } from '../src/page/page-html.ts';
import { summaryLine } from '../src/commands/analyse.ts';

const SAMPLE = ['twitter.jsonl.gz', 'mastodon.jsonl.gz', 'csv.gz'].map((f) => `data/sample/2021-10-04.${f}`);
const OUTAGE_START = Date.parse('2021-10-04T15:39:00Z');
const META = ['facebook', 'whatsapp', 'instagram'];

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'src/cli.ts', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('batch analysis of the bundled 4 Oct 2021 sample', () => {
  let report: Report;
  beforeAll(async () => {
    report = await analyseArchives(SAMPLE);
  }, 120_000);

  it('produces a report that matches the documented schema', () => {
    expect(() => reportSchema.parse(report)).not.toThrow();
  });

  it('finds the Facebook, WhatsApp and Instagram outage within a few minutes of 15:39 UTC', () => {
    for (const service of META) {
      const global = report.incidents.find((i) => i.service === service && i.region === 'GLOBAL');
      expect(global, service).toBeDefined();
      const start = Date.parse(global!.start);
      expect(Math.abs(start - OUTAGE_START)).toBeLessThanOrEqual(5 * 60_000);
      expect(global!.end && Date.parse(global!.end)).toBeGreaterThan(Date.parse('2021-10-04T20:00:00Z'));
    }
  });

  it('sees the outage in several countries', () => {
    for (const service of META) {
      const global = report.incidents.find((i) => i.service === service && i.region === 'GLOBAL')!;
      const countries = global.regions.filter((r) => r !== 'ZZ');
      expect(countries.length, `${service}: ${countries.join(',')}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('counts each outage once: four incidents, each with its regions, one episode per region, nothing reopened after the end', () => {
    expect(report.incidents.map((i) => i.service).sort()).toEqual(['facebook', 'instagram', 'messenger', 'whatsapp']);
    for (const incident of report.incidents) {
      expect(incident.region).toBe('GLOBAL');
      expect(incident.episodes.length, incident.service).toBeGreaterThanOrEqual(5);
      const perRegion = new Map<string, number>();
      for (const e of incident.episodes) perRegion.set(e.region, (perRegion.get(e.region) ?? 0) + 1);
      expect(Math.max(...perRegion.values()), incident.service).toBe(1);
      expect(Date.parse(incident.end!)).toBeLessThan(Date.parse('2021-10-04T22:30:00Z'));
    }
    // The CLI's summary counts what the report lists.
    expect(summaryLine(report, 'r.json')).toMatch(/; 4 incidents \(/);
  });

  it('raises no incident for services that had none', () => {
    const affected = new Set([...META, 'messenger']);
    const others = report.incidents.filter((i) => !affected.has(i.service));
    expect(others.map((i) => `${i.service}/${i.region} ${i.start}`)).toEqual([]);
  });

  it('reports malformed lines with file, line and reason, and duplicates', () => {
    expect(report.input.malformed).toBeGreaterThan(0);
    expect(report.input.malformedExamples[0]).toMatchObject({ file: expect.any(String), line: expect.any(Number), reason: expect.any(String) });
    expect(report.input.duplicates).toBeGreaterThan(0);
    expect(report.input.parsed).toBe(report.input.files.reduce((sum, f) => sum + f.posts, 0));
  });

  it('keeps series arrays aligned and the incident regions ordered by time', () => {
    const whatsapp = report.services.find((s) => s.id === 'whatsapp')!;
    const n = whatsapp.series.complaints.length;
    expect(n).toBeGreaterThan(1000);
    for (const key of ['baseline', 'confidence', 'negativeShare'] as const) expect(whatsapp.series[key]).toHaveLength(n);
    const at1545 = Math.round((Date.parse('2021-10-04T15:45:00Z') - Date.parse(whatsapp.series.start)) / whatsapp.series.bucketMs);
    expect(whatsapp.series.confidence[at1545]).toBeGreaterThan(0.5);
    expect(whatsapp.series.confidence[Math.round(at1545 / 2)]).toBeLessThan(0.5);
  });

  it('shows example complaints with the features that decided them', () => {
    const whatsapp = report.services.find((s) => s.id === 'whatsapp')!;
    expect(whatsapp.examples.length).toBe(5);
    for (const example of whatsapp.examples) {
      expect(example.text.length).toBeGreaterThan(0);
      expect(example.why.length).toBeGreaterThan(0);
    }
    const scores = whatsapp.examples.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('gives services with an incident their top symptoms per minute, aligned with the series and rising with the outage', () => {
    const whatsapp = report.services.find((s) => s.id === 'whatsapp')!;
    const n = whatsapp.series.complaints.length;
    expect(whatsapp.symptomSeries!.map((s) => s.symptom)).toEqual(whatsapp.topSymptoms.map((s) => s.symptom));
    for (const { symptom, counts } of whatsapp.symptomSeries!) {
      expect(counts).toHaveLength(n);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(whatsapp.topSymptoms.find((s) => s.symptom === symptom)!.count);
    }
    const messages = whatsapp.symptomSeries![0].counts;
    const minute = (iso: string) => Math.round((Date.parse(iso) - Date.parse(whatsapp.series.start)) / whatsapp.series.bucketMs);
    expect(messages[minute('2021-10-04T16:00:00Z')]).toBeGreaterThan(messages[minute('2021-10-04T12:00:00Z')]);
    // Services without an incident carry none: a series per symptom per minute for all would double the report.
    expect(report.services.find((s) => s.id === 'netflix')!.symptomSeries).toBeUndefined();
  });

  it('keeps up to three example posts of each other label, the least complaint-like first, with what decided them', () => {
    const whatsapp = report.services.find((s) => s.id === 'whatsapp')!;
    for (const label of ['news', 'joke', 'other'] as const) {
      const examples = whatsapp.labelExamples![label];
      expect(examples.length, label).toBeGreaterThan(0);
      expect(examples.length).toBeLessThanOrEqual(3);
      expect(examples.map((e) => e.score)).toEqual([...examples.map((e) => e.score)].sort((a, b) => a - b));
      for (const example of examples) expect(example.why.length).toBeGreaterThan(0);
    }
  });

  it('renders a page that embeds the report safely', () => {
    const html = renderPage(report);
    expect(html).toContain('<script id="report" type="application/json">');
    const embedded = html.split('<script id="report" type="application/json">')[1]!.split('</script>')[0]!;
    expect(JSON.parse(embedded).input.parsed).toBe(report.input.parsed);
  });
});

describe('analyse options', () => {
  it('counts only posts inside --from/--to and reports the rest as out of range', async () => {
    const report = await analyseArchives([SAMPLE[2]!], {
      from: Date.parse('2021-10-04T15:00:00Z'),
      to: Date.parse('2021-10-04T16:00:00Z'),
    });
    expect(report.input.outOfRange).toBeGreaterThan(0);
    expect(report.input.analysed + report.input.outOfRange).toBe(report.input.parsed);
    const series = report.services[0]!.series;
    expect(Date.parse(series.start)).toBeGreaterThanOrEqual(Date.parse('2021-10-04T15:00:00Z'));
    expect(series.complaints.length).toBeLessThanOrEqual(60);
  });

  it('reports only the services asked for', async () => {
    const report = await analyseArchives([SAMPLE[2]!], { services: ['whatsapp'] });
    expect(report.services.map((s) => s.id)).toEqual(['whatsapp']);
    expect(report.incidents.every((i) => i.service === 'whatsapp')).toBe(true);
  });

  it('uses the bucket size it is given', async () => {
    const report = await analyseArchives([SAMPLE[2]!], { bucketMs: 5 * 60_000, services: ['whatsapp'] });
    const series = report.services[0]!.series;
    expect(series.bucketMs).toBe(300_000);
    expect(series.complaints.length).toBeLessThanOrEqual(24 * 12);
  });

  it('gives the same counts, series and incidents with 2 or 3 worker threads as in one thread', async () => {
    const strip = (r: Report) => ({
      input: { ...r.input, malformedExamples: [...r.input.malformedExamples].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line) },
      services: r.services.map((s) => ({ ...s, incidents: s.incidents.map((i) => ({ ...i, examplePostIds: [] })) })),
      incidents: r.incidents.map((i) => ({ ...i, examplePostIds: [] })),
    });
    const services = ['whatsapp', 'netflix', 'instagram', 'facebook'];
    const inThread = await analyseArchives(SAMPLE, { workers: 0, services });
    expect(inThread.incidents.length).toBeGreaterThan(0);
    // Each worker detects a group of services, with the buckets every other worker sends it.
    for (const workers of [2, 3]) {
      const threaded = await analyseArchives(SAMPLE, { workers, services });
      expect(strip(threaded)).toEqual(strip(inThread));
      // The timing splits the analysis into its reading and its detection.
      const { seconds, phases } = threaded.timing;
      expect(phases!.reading).toBeGreaterThan(0);
      expect(phases!.detection).toBeGreaterThan(0);
      expect(phases!.reading + phases!.detection).toBeCloseTo(seconds, 6);
    }
  }, 120_000);

  it('throws a clear error when nothing can be parsed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-report-'));
    const file = join(dir, 'broken.jsonl');
    writeFileSync(file, '{not json\n{"also": "not a post"}\n');
    await expect(analyseArchives([file])).rejects.toThrow(UnusableInputError);
    await expect(analyseArchives([file])).rejects.toThrow(/broken\.jsonl line 1/);
  });
});

describe('the analyse command', () => {
  it('writes the report and prints a one-line summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-cli-'));
    const out = join(dir, 'report.json');
    const r = runCli(['analyse', SAMPLE[2]!, '--out', out, '--services', 'whatsapp,instagram']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/posts .* posts\/s.* -> /);
    expect(reportSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).services.length).toBeGreaterThan(0);
  }, 60_000);

  it('exits non-zero with a message that says what to fix when no file matches', () => {
    const r = runCli(['analyse', 'no/such/*.jsonl', '--out', '/dev/null']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no archive file matches/);
  }, 60_000);

  it('rejects a bad --bucket value with a clear message', () => {
    const r = runCli(['analyse', SAMPLE[2]!, '--bucket', 'soon']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--bucket must be a positive number of minutes/);
  }, 60_000);

  it('refuses an --out in a missing directory with one line naming the directory', () => {
    const r = runCli(['analyse', 'data/sample', '--out', '/missing-dir/x.json', '--no-progress']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('analyse: --out /missing-dir/x.json: directory /missing-dir does not exist; create it or choose another path\n');
  }, 60_000);

  it('checks --out and --html before reading any input, so a wrong path never costs an analysis', () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-cli-'));
    const r = runCli(['analyse', 'no/such/*.jsonl', '--out', join(dir, 'report.json'), '--html', join(dir, 'missing', 'page.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`analyse: --html ${join(dir, 'missing', 'page.html')}: directory ${join(dir, 'missing')} does not exist; create it or choose another path`]);
  }, 60_000);

  it('refuses an --out that is a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-cli-'));
    const r = runCli(['analyse', SAMPLE[2]!, '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`analyse: --out ${dir} is a directory; give a file name inside it\n`);
  }, 60_000);

  it('rejects an unknown --services id with one line saying where the valid ids are', () => {
    const r = runCli(['analyse', SAMPLE[2]!, '--out', '/dev/null', '--services', 'whatsapp,nosuch']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^analyse: --services: unknown service id "nosuch"; valid ids are the "id" fields of data\/services\.json \(e\.g\. .*\), also listed by GET \/v1\/services\n$/);
  }, 60_000);
});

describe('posts that lie about their time', () => {
  const NOW = Date.parse('2026-12-03T12:00:00Z');
  const FUTURE = 'liar-2031,2031-01-01T00:00:00Z,whatsapp is down,en,,US,,';
  const PAST = 'liar-1970,1970-01-01T00:00:00Z,whatsapp is down,en,,US,,';
  const STRAY = 'liar-2012,2012-06-01T09:00:00Z,whatsapp is down,en,,US,,';

  /** An archive of `text` plus `rows`, named `name` in a directory of its own. */
  function archive(name: string, text: string, rows: string[]): string {
    const file = join(mkdtempSync(join(tmpdir(), 'or-liars-')), name);
    writeFileSync(file, [text.replace(/\n$/, ''), ...rows].join('\n') + '\n');
    return file;
  }

  /** What a report found, its files named without their directory (the wall-clock fields left out). */
  function findings(report: Report, file: string): Pick<Report, 'input' | 'services' | 'incidents'> {
    const { input, services, incidents } = report;
    return JSON.parse(JSON.stringify({ input, services, incidents }).replaceAll(file, basename(file)));
  }

  /** The input statistics of a clean archive once `rows` more rows, all out of range, are read. */
  function withOutOfRange(input: Report['input'], rows: number, examples: Report['input']['outOfRangeExamples']): Report['input'] {
    const [file] = input.files;
    return {
      ...input,
      files: [{ ...file, lines: file.lines + rows, posts: file.posts + rows }],
      lines: input.lines + rows,
      parsed: input.parsed + rows,
      outOfRange: input.outOfRange + rows,
      outOfRangeExamples: examples,
    };
  }

  it('leaves a post dated 2031 and one dated 1970 out of a small archive, changing nothing but the out-of-range counts', async () => {
    const text = readFileSync('test/fixtures/archive/posts.csv', 'utf8');
    const cleanFile = archive('posts.csv', text, []);
    const liarsFile = archive('posts.csv', text, [FUTURE, PAST]);
    const clean = findings(await analyseArchives([cleanFile], { now: NOW, workers: 0 }), cleanFile);
    const liars = findings(await analyseArchives([liarsFile], { now: NOW, workers: 0 }), liarsFile);
    expect(liars).toEqual({
      ...clean,
      input: withOutOfRange(clean.input, 2, [
        { file: 'posts.csv', line: 10, createdAt: '2031-01-01T00:00:00.000Z', reason: 'more than a day after now (2026-12-03T12:00:00.000Z)' },
        { file: 'posts.csv', line: 11, createdAt: '1970-01-01T00:00:00.000Z', reason: 'before 2006-03-21, the first public post on Twitter' },
      ]),
    });
    expect(liars.input.analysed + liars.input.outOfRange).toBe(liars.input.parsed);
    // The detector stepped over the minutes of the real posts alone.
    expect(liars.services[0]!.series.complaints.length).toBeLessThanOrEqual(10);
  }, 60_000);

  it('leaves posts dated 2031, 1970 and 2012 out of a day of the sample, in one thread or two, changing nothing but the out-of-range counts', async () => {
    const text = gunzipSync(readFileSync(SAMPLE[2]!)).toString('utf8');
    const cleanFile = archive('sample.csv', text, []);
    const liarsFile = archive('sample.csv', text, [FUTURE, PAST, STRAY]);
    const [cleanReport, inThread, threaded] = await Promise.all([
      analyseArchives([cleanFile], { now: NOW, workers: 0 }),
      analyseArchives([liarsFile], { now: NOW, workers: 0 }),
      analyseArchives([liarsFile], { now: NOW, workers: 2 }),
    ]);
    const clean = findings(cleanReport, cleanFile);
    expect(clean.incidents.length).toBeGreaterThan(0);
    // Line numbers count the lines of the file, and a quoted CSV field may hold several.
    const lines = text.replace(/\n$/, '').split('\n').length;
    const expected = withOutOfRange(clean.input, 3, [
      { file: 'sample.csv', line: lines + 1, createdAt: '2031-01-01T00:00:00.000Z', reason: 'more than a day after now (2026-12-03T12:00:00.000Z)' },
      { file: 'sample.csv', line: lines + 2, createdAt: '1970-01-01T00:00:00.000Z', reason: 'before 2006-03-21, the first public post on Twitter' },
      {
        file: 'sample.csv',
        line: lines + 3,
        createdAt: '2012-06-01T09:00:00.000Z',
        reason: `far from the bulk of the posts (2021-10-04T00:00Z to 2021-10-04T23:59Z): more than 24 h away, in a cluster of 1 of the ${clean.input.analysed + 1} posts (under 1 %)`,
      },
    ]);
    // Worker threads may keep other example post ids per bucket (docs/report.md), nothing else.
    const withoutExampleIds = (found: ReturnType<typeof findings>) => ({
      ...found,
      services: found.services.map((s) => ({ ...s, incidents: s.incidents.map((i) => ({ ...i, examplePostIds: [] })) })),
      incidents: found.incidents.map((i) => ({ ...i, examplePostIds: [] })),
    });
    expect(findings(inThread, liarsFile)).toEqual({ ...clean, input: expected });
    expect(withoutExampleIds(findings(threaded, liarsFile))).toEqual(withoutExampleIds({ ...clean, input: expected }));
    for (const report of [inThread, threaded]) {
      const liars = findings(report, liarsFile);
      expect(liars.input.analysed + liars.input.outOfRange).toBe(liars.input.parsed);
      // Bounded: the same minutes, so a report of the same size but for the few words of the examples.
      expect(JSON.stringify(report).length).toBeLessThan(JSON.stringify(cleanReport).length + 1000);
    }
  }, 120_000);
});
