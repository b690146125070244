// A self-contained HTML page that draws a report as charts (SVG, no external scripts or fonts).
import type { Report } from './schema.ts';

/** The page with the report embedded; open it from disk or serve it. */
export function renderReportPage(report: Report): string {
  // `<` is escaped so that text inside the JSON can never close the script element.
  const json = JSON.stringify(report).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>outage-radar report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2330; background: #fafbfc; }
  h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
  .summary, .service { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: .8rem 1rem; margin: 0 0 1rem; }
  .service h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
  .muted { color: #5b6472; }
  .incident { display: inline-block; background: #fde8e8; color: #8a1c1c; border-radius: 4px; padding: 0 .4rem; margin: .1rem .3rem .1rem 0; }
  svg { width: 100%; height: 170px; display: block; }
  table { border-collapse: collapse; font-size: 12px; }
  td, th { padding: 1px 8px 1px 0; text-align: left; }
  .legend span { margin-right: 1rem; }
  .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
</style>
</head>
<body>
<h1>outage-radar report</h1>
<div id="root"></div>
<script id="report" type="application/json">${json}</script>
<script>
const report = JSON.parse(document.getElementById('report').textContent);
const root = document.getElementById('root');
const el = (tag, attrs = {}, text) => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
};
const svgEl = (tag, attrs) => {
  const n = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  return n;
};
const fmt = (iso) => iso.slice(0, 16).replace('T', ' ') + 'Z';

const input = report.input;
const summary = el('div', { class: 'summary' });
summary.append(
  el('div', {}, input.parsed + ' posts from ' + input.files.length + ' files; ' + input.malformed + ' malformed, ' + input.duplicates + ' duplicates, ' + input.outOfRange + ' out of range; ' + input.labels.complaint + ' complaints, ' + input.labels.news + ' news, ' + input.labels.joke + ' jokes, ' + input.labels.other + ' other.'),
  el('div', { class: 'muted' }, 'Languages: ' + Object.entries(input.languages).sort((a, b) => b[1] - a[1]).map(([l, n]) => l + ' ' + n).join(', ')),
  el('div', { class: 'muted' }, 'Generated ' + report.generatedAt + ' in ' + report.timing.seconds.toFixed(1) + ' s (' + Math.round(report.timing.postsPerSecond) + ' posts/s).'),
);
root.append(summary);

function chart(series) {
  const w = 1000, h = 170, pad = 4;
  const svg = svgEl('svg', { viewBox: '0 0 ' + w + ' ' + h, preserveAspectRatio: 'none' });
  const n = series.complaints.length;
  const max = Math.max(1, ...series.complaints, ...series.baseline);
  const x = (i) => (i / Math.max(1, n - 1)) * w;
  const y = (v) => h - pad - (v / max) * (h - 2 * pad);
  const yc = (v) => h - pad - v * (h - 2 * pad);
  for (let i = 0; i < n; i++) {
    if (series.confidence[i] >= 0.5) svg.append(svgEl('rect', { x: x(i), y: 0, width: Math.max(1, w / n), height: h, fill: '#fde8e8' }));
  }
  const line = (values, scale, color, width) => {
    const d = values.map((v, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + scale(v).toFixed(1)).join('');
    svg.append(svgEl('path', { d, fill: 'none', stroke: color, 'stroke-width': width, 'vector-effect': 'non-scaling-stroke' }));
  };
  line(series.complaints, y, '#1f6feb', 1.2);
  line(series.baseline, y, '#8c959f', 1);
  line(series.confidence, yc, '#cf222e', 1);
  return svg;
}

for (const s of report.services.filter((s) => s.totals.complaint > 0).slice(0, 25)) {
  const box = el('div', { class: 'service' });
  box.append(el('h2', {}, s.name + ' (' + s.id + ')'));
  box.append(el('div', { class: 'muted' }, s.totals.complaint + ' complaints of ' + s.totals.mentions + ' mentions; top symptoms: ' + (s.topSymptoms.map((t) => t.symptom + ' ' + t.count).join(', ') || 'none')));
  for (const i of s.incidents.filter((i) => i.region === 'GLOBAL')) {
    box.append(el('span', { class: 'incident' }, 'incident ' + fmt(i.start) + ' to ' + (i.end ? fmt(i.end) : 'open') + ', peak ' + fmt(i.peak) + ' (' + i.peakConfidence.toFixed(2) + '), ' + i.regions.join(' ')));
  }
  box.append(chart(s.series));
  const legend = el('div', { class: 'legend muted' });
  for (const [name, color] of [['complaints per bucket', '#1f6feb'], ['baseline', '#8c959f'], ['confidence (0..1)', '#cf222e']]) {
    const item = el('span');
    item.append(el('span', { class: 'swatch', style: 'background:' + color }), document.createTextNode(name));
    legend.append(item);
  }
  legend.append(document.createTextNode(fmt(s.series.start) + ' onwards, ' + s.series.bucketMs / 60000 + ' min buckets'));
  box.append(legend);
  const table = el('table');
  table.append(Object.assign(el('tr'), { innerHTML: '<th>region</th><th>complaints</th><th>mentions</th><th>authors</th><th>peak confidence</th>' }));
  for (const r of s.regions.slice(0, 8)) {
    const tr = el('tr');
    for (const v of [r.region, r.complaints, r.mentions, r.distinctAuthors, r.peakConfidence.toFixed(2)]) tr.append(el('td', {}, String(v)));
    table.append(tr);
  }
  box.append(table);
  for (const e of s.examples.slice(0, 3)) {
    box.append(el('div', { class: 'muted' }, '"' + e.text + '" (' + e.lang + ', ' + e.region + ', ' + e.score.toFixed(2) + '): ' + e.why.join(', ')));
  }
  root.append(box);
}
</script>
</body>
</html>
`;
}
