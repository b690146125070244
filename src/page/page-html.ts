// The outage page as one HTML document: styles, uPlot, the world map and the page's own scripts are
// inlined, so the same text works served by the API and opened from disk, with no request anywhere.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Report } from '../report/schema.ts';
import { reportSummaryHtml } from './summary-html.ts';
import { worldMap } from './world-map.ts';

const require = createRequire(import.meta.url);

/** The page's scripts, in the order they are inlined: later ones use what earlier ones define. */
const CLIENT_SCRIPTS = ['format.js', 'explain.js', 'sources.js', 'chart.js', 'world.js', 'views.js', 'app.js'];

const clientFile = (name: string): string => readFileSync(new URL(`./client/${name}`, import.meta.url), 'utf8');

/** JSON inside a <script> element: `<` escaped so that no text in it can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

let assets: { styles: string; scripts: string; data: string } | undefined;

function pageAssets(): NonNullable<typeof assets> {
  assets ??= {
    styles: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8') + clientFile('page.css'),
    scripts: [readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'), `'use strict';\n{\n${CLIENT_SCRIPTS.map(clientFile).join('\n')}\n}`]
      .map((code) => `<script>${code.replace(/<\/script/gi, '<\\/script')}</script>`)
      .join('\n'),
    data:
      `<script id="world-map" type="application/json">${scriptJson(worldMap())}</script>\n` +
      `<script id="feature-words" type="application/json">${scriptJson(JSON.parse(clientFile('feature-words.json')))}</script>`,
  };
  return assets;
}

/**
 * The page. With a report it shows that report (the `analyse --html` file); without one it reads the
 * API it is served by (`/`, `/services/:id`, `/reports/:id`), or a report given by `?src=` or dropped on it.
 * `summary` is HTML shown until the script draws the page, and instead of it without JavaScript: by
 * default the report's overview.
 */
export function renderPage(report?: Report, summary: string = report ? reportSummaryHtml(report) : ''): string {
  const { styles, scripts, data } = pageAssets();
  const embedded = report ? `<script id="report" type="application/json">${scriptJson(report)}</script>\n` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>outage-radar</title>
<style>${styles}</style>
</head>
<body>
<header class="top">
  <h1><a href="#" id="home">outage-radar</a></h1>
  <p id="source" class="muted" aria-live="polite"></p>
  <div class="controls">
    <label>Search services <input id="search" type="search" placeholder="e.g. WhatsApp" autocomplete="off"></label>
    <label><input id="common-scale" type="checkbox"> One scale for all charts</label>
    <label class="open">Open a report file <input id="open-file" type="file" accept=".json,application/json"></label>
  </div>
</header>
<main id="root">
${summary || '<noscript><p>This page draws its charts, map and tables with JavaScript.</p></noscript>'}
</main>
<div id="drop-hint" hidden>Drop a report JSON file to open it</div>
${embedded}${data}
${scripts}
</body>
</html>
`;
}
