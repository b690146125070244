// The outage page as a user sees it, in a real headless Chromium: the live service replaying the
// bundled sample (/ and /services/:id), a report made over the API (/reports/:id), and the file
// `analyse --html` writes, opened with every non-file request blocked.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson, startServe, waitForOutage, type ServeProcess } from './serve-process.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Where the screenshots go (gitignored); docs/screenshots/ holds the ones the README shows. */
const SCREENSHOTS = join(ROOT, 'var', 'screenshots');
const API_KEY = 'page-test-key';
// Without the background-networking flags Chromium keeps trying to reach Google's services.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const META_OUTAGE = ['facebook', 'instagram', 'whatsapp'];

let dir: string;
let serve: ServeProcess;
let browser: Browser;

/** What every way into a report must show: the Meta outage on top, with a chart that has a time axis. */
async function expectOverviewOfTheOutage(page: Page): Promise<void> {
  await page.locator('article.card').first().waitFor({ timeout: 20_000 });
  const top = await page.locator('article.card').evaluateAll((cards) => cards.slice(0, 4).map((c) => c.getAttribute('data-service')));
  for (const service of META_OUTAGE) expect(top).toContain(service);
  const whatsapp = page.locator('article.card[data-service="whatsapp"]');
  await expect(whatsapp.locator('.uplot canvas').count()).resolves.toBe(1);
  // uPlot draws its axes' labels on the canvas; the axes themselves and the caption are in the DOM.
  await expect(whatsapp.locator('.u-axis').count()).resolves.toBe(3);
  expect(await whatsapp.locator('figcaption').innerText()).toMatch(/Time \(UTC\): 2021-10-04/);
  expect(await page.locator('table.services tbody tr').count()).toBeGreaterThanOrEqual(60);
}

/** One service's page: the chart, its incident, the map and its table. */
async function expectServiceDetail(page: Page, name: string): Promise<void> {
  await expect(page.locator('h2.service-name').innerText()).resolves.toContain(name);
  await expect(page.locator('.chart-figure:not(.symptoms-figure) .u-axis').count()).resolves.toBe(3);
  expect(await page.locator('article.incident').count()).toBeGreaterThanOrEqual(1);
  expect(await page.locator('svg.world path.country.has-value').count()).toBeGreaterThan(0);
  expect(await page.locator('.region-table tbody tr').count()).toBeGreaterThan(0);
}

/** Example posts per label, each with its explanation in words: no internal feature ids such as "cue:bare-outage" or "len:tiny". */
async function expectExamplePosts(page: Page): Promise<void> {
  expect(await page.locator('ul[data-label="complaint"] li.example').count()).toBe(5);
  for (const label of ['complaint', 'news', 'other']) {
    const first = await page.locator(`ul[data-label="${label}"] li.example`).first().innerText();
    expect(first, label).toMatch(/Why: /);
    expect(first, label).not.toMatch(/\b(cue|len|cat|shape):/);
  }
}

/** The top symptoms per minute, stacked under the service's chart. */
async function expectSymptomsOverTime(page: Page): Promise<void> {
  const figure = page.locator('figure.symptoms-figure');
  await expect(figure.locator('.uplot canvas').count()).resolves.toBe(1);
  expect(await figure.locator('figcaption').innerText()).toMatch(/stacked.*messages \d/);
}

/** A regional episode's button switches the chart to that region, or says why it cannot. */
async function chartFirstEpisodeRegion(page: Page): Promise<{ region: string; note: string; chart: string }> {
  await page.locator('details.episodes summary').first().click();
  const button = page.locator('details.episodes button[data-region]').first();
  const region = (await button.getAttribute('data-region'))!;
  await button.click();
  const note = await page.locator('.region-note').innerText();
  const chart = (await page.locator('figure.chart-figure').first().getAttribute('aria-label'))!;
  return { region, note, chart };
}

/** The page as a reader without JavaScript gets it: the summary the server wrote into it. */
async function expectSummaryWithoutJavaScript(url: string): Promise<void> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url);
  const text = await page.locator('main').innerText();
  for (const name of ['WhatsApp', 'Facebook', 'Instagram']) expect(text).toMatch(new RegExp(`${name}: (outage|incident)\\b.* 2021-10-04 15:\\d\\d UTC`));
  await context.close();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

async function finishedReport(base: string, path: string[]): Promise<string> {
  const started = await fetchJson<{ id: string }>(`${base}/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ path }),
  });
  for (;;) {
    const job = await fetchJson<{ status: string; error?: string }>(`${base}/v1/reports/${started.id}`);
    if (job.status === 'done') return started.id;
    if (job.status === 'failed') throw new Error(`report failed: ${job.error}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const title = HAS_CHROMIUM
  ? 'the outage page in headless Chromium'
  : `the outage page (skipped: no Chromium at ${CHROMIUM}; install Debian's chromium as .ci/run does, or set CHROMIUM_PATH)`;

describe.skipIf(!HAS_CHROMIUM)(title, () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'or-page-'));
    await mkdir(SCREENSHOTS, { recursive: true });
    await cp(join(ROOT, 'data', 'sample'), join(dir, 'sample'), { recursive: true, filter: (src) => !src.endsWith('.json') && !src.endsWith('.md') });
    serve = await startServe(dir, { API_KEY });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const services = await waitForOutage(serve, 'whatsapp', 90_000);
    expect(services, serve.log()).toContain('whatsapp');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it('shows every service live at /, the Meta outage on top with its chart, refreshing without a reload', async () => {
    const page = await newPage();
    await page.goto(`${serve.base}/`);
    await expectOverviewOfTheOutage(page);
    await expect(page.locator('#source').innerText()).resolves.toMatch(/^Live: event time up to 2021-10-04/);
    // A keyboard user on a link keeps the focus there through the refresh, which draws the view anew.
    const link = page.locator('table.services tbody a[href="/services/netflix"]');
    await link.focus();
    const before = await page.locator('#source').innerText();
    await page.waitForFunction((text) => document.getElementById('source')?.textContent !== text, before, { timeout: 15_000 });
    await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe('/services/netflix');
    await expect(page.evaluate(() => document.activeElement?.isConnected)).resolves.toBe(true);
    await shoot(page, 'live-overview');
    await page.close();
    await expectSummaryWithoutJavaScript(`${serve.base}/`);
  }, 60_000);

  it('shows a service live at /services/:id with its incident, chart, map and regions table', async () => {
    const page = await newPage();
    await page.goto(`${serve.base}/services/whatsapp`);
    await page.locator('h2.service-name').waitFor();
    await expectServiceDetail(page, 'WhatsApp');
    // Live example posts come from GET /v1/services/:id/examples, the newest per label.
    await expect(page.locator('.examples h5').first().innerText()).resolves.toMatch(/^Complaints \(3, newest first\)/);
    expect(await page.locator('ul[data-label="complaint"] li.example').first().innerText()).toMatch(/Why: /);
    await shoot(page, 'live-service');
    // A regional episode's button draws that region's own series (GET /v1/services/:id/signal?region=).
    const { region, note, chart } = await chartFirstEpisodeRegion(page);
    expect(note).toMatch(new RegExp(`Showing .* \\(${region}\\) only`));
    expect(chart).toMatch(/^WhatsApp in /);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Show all regions');
    await shoot(page, 'live-region');
    await page.locator('.region-note button').click();
    await page.locator('.region-note').waitFor({ state: 'detached' });
    await page.close();
  }, 60_000);

  it('shows a report made by POST /v1/reports at /reports/:id, down to the example posts and what was read', async () => {
    const files = (await readdir(join(dir, 'sample'))).map((name) => `sample/${name}`);
    const id = await finishedReport(serve.base, files).catch((error: Error) => {
      throw new Error(`${error.message}; exit code ${serve.child.exitCode}; log:\n${serve.log()}`);
    });
    const page = await newPage();
    await page.goto(`${serve.base}/reports/${id}`);
    await expectOverviewOfTheOutage(page);
    await expect(page.locator('section.input').innerText()).resolves.toMatch(/malformed lines skipped/);
    await shoot(page, 'report-overview');
    await page.locator('article.card[data-service="whatsapp"] h3 a').click();
    await expectServiceDetail(page, 'WhatsApp');
    await expectSymptomsOverTime(page);
    await expectExamplePosts(page);
    await page.locator('#h-chart').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await shoot(page, 'report-service');
    await page.close();
  }, 120_000);

  it('opens the file analyse --html writes with no network at all, and shows the same', async () => {
    const html = join(dir, 'report.html');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'analyse', join(dir, 'sample'), '--out', join(dir, 'report.json'), '--html', html, '--no-progress'], { cwd: ROOT });
    const page = await newPage();
    const attempted: string[] = [];
    await page.route('**', (route) => {
      if (route.request().url().startsWith('file:')) return route.continue();
      attempted.push(route.request().url());
      return route.abort();
    });
    await page.goto(`file://${html}`);
    await expectOverviewOfTheOutage(page);
    await page.locator('article.card[data-service="instagram"] h3 a').click();
    await expectServiceDetail(page, 'Instagram');
    await expectSymptomsOverTime(page);
    await expectExamplePosts(page);
    await shoot(page, 'file-service');
    // A report has no series per region: the episode's button zooms to it and says so.
    const { note, chart } = await chartFirstEpisodeRegion(page);
    expect(note).toMatch(/none per region/);
    expect(chart).toMatch(/^Instagram:/);
    expect(attempted).toEqual([]);
    await page.close();
    await expectSummaryWithoutJavaScript(`file://${html}`);
  }, 120_000);
});
