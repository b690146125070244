// A service's complaints per minute against its baseline (uPlot): confidence as a band on its own
// 0–100 % axis, incidents shaded and labelled, drag to zoom, hover for values, and a table view.

/** Colours come from the page's CSS so that charts follow light and dark mode. */
function cssColour(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

const utc = (seconds) => uPlot.tzDate(new Date(seconds * 1e3), 'Etc/UTC');

/**
 * A chart in a <figure>: `yMax` fixes the complaints axis (one scale for all charts), else the
 * service's own. Returns the figure and a `zoom(fromMs, toMs)` used by the incident and episode links.
 */
function complaintsChart(service, { height = 220, yMax, title } = {}) {
  const { series } = service;
  const data = [series.t.map((t) => t / 1000), series.complaints, series.baseline, series.confidence];
  const colours = { text: cssColour('--text'), grid: cssColour('--grid'), complaints: cssColour('--complaints'), baseline: cssColour('--baseline'), confidence: cssColour('--confidence-fill'), incident: cssColour('--incident'), incidentText: cssColour('--incident-text') };
  const holder = h('div', { class: 'chart' });
  /** Charts drawn under this one (the symptoms) that zoom with it. */
  const followers = [];
  const caption = h('figcaption', {}, chartCaption(service, yMax));
  const figure = h('figure', { class: 'chart-figure', 'aria-label': `${title ?? service.name}: complaints per minute and confidence; the table view below gives the values` }, holder, caption, seriesTable(service));
  const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid } };
  const plot = new uPlot(
    {
      width: 600,
      height,
      tzDate: utc,
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: true },
        n: { range: (_u, _min, max) => [0, yMax ?? Math.max(1, max * 1.1)] },
        c: { range: [0, 1] },
      },
      series: [
        { label: 'UTC', value: (_u, v) => (v === null ? '–' : fmtTime(v * 1000)) },
        { label: 'complaints / min', scale: 'n', stroke: colours.complaints, width: 1.5, value: (_u, v) => fmtNumber(v) },
        { label: 'baseline', scale: 'n', stroke: colours.baseline, width: 1.5, dash: [6, 4], value: (_u, v) => fmtNumber(v) },
        { label: 'confidence', scale: 'c', stroke: colours.confidence, width: 0, fill: colours.confidence, value: (_u, v) => fmtPercent(v) },
      ],
      axes: [
        { ...axis, space: 70, values: (_u, ticks) => ticks.map(timeTick) },
        { ...axis, scale: 'n', label: 'complaints / min', size: 60, values: (_u, ticks) => ticks.map(fmtNumber) },
        { ...axis, scale: 'c', side: 1, label: 'confidence', size: 60, grid: { show: false }, values: (_u, ticks) => ticks.map(fmtPercent) },
      ],
      hooks: {
        drawClear: [(u) => shadeIncidents(u, service.incidents, colours)],
        setScale: [(u, key) => key === 'x' && (rememberZoom(service.id, u), followers.forEach((f) => f.setScale('x', u.scales.x)))],
      },
    },
    data,
    holder,
  );
  fitWidth(plot, holder);
  const remembered = ZOOMS.get(service.id);
  if (remembered) plot.setScale('x', remembered);
  const zoom = (fromMs, toMs) => {
    plot.setScale('x', { min: fromMs / 1000, max: toMs / 1000 });
    holder.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };
  const reset = () => plot.setScale('x', { min: data[0][0], max: data[0][data[0].length - 1] });
  holder.addEventListener('dblclick', reset);
  caption.append(' ', h('button', { type: 'button', class: 'link', onclick: reset }, 'Show the whole range'));
  const follow = (other) => {
    followers.push(other);
    other.setScale('x', plot.scales.x);
  };
  return { figure, zoom, plot, follow };
}

const SYMPTOM_COLOURS = ['--symptom-1', '--symptom-2', '--symptom-3', '--symptom-4', '--symptom-5'];

/**
 * The service's top symptoms per minute, stacked (each band from the sum of those below it), on the
 * complaints chart's times; hover shows each symptom's own count.
 */
function symptomChart(service, { height = 160 } = {}) {
  const { t } = service.series;
  const own = service.symptomSeries.map((s) => s.counts);
  const stacked = [];
  own.reduce((below, counts) => {
    const sums = counts.map((n, i) => n + below[i]);
    stacked.push(sums);
    return sums;
  }, new Array(t.length).fill(0));
  const text = cssColour('--text');
  const axis = { stroke: text, grid: { stroke: cssColour('--grid'), width: 1 }, ticks: { stroke: cssColour('--grid') } };
  const holder = h('div', { class: 'chart' });
  const totals = service.symptomSeries.map((s) => `${s.symptom} ${fmtNumber(s.counts.reduce((a, b) => a + b, 0))}`).join(', ');
  const figure = h('figure', { class: 'chart-figure symptoms-figure', 'aria-label': `${service.name}: complaints per minute naming each top symptom, stacked; in all ${totals}` }, holder,
    h('figcaption', {}, `Complaints per minute naming each of the top symptoms, stacked; it zooms with the chart above. In all: ${totals}.`));
  // uPlot draws in order: the tallest band (the sum) first, each smaller one over it.
  const order = own.map((_, i) => own.length - 1 - i);
  const plot = new uPlot(
    {
      width: 600,
      height,
      tzDate: utc,
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, n: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      series: [
        { label: 'UTC', value: (_u, v) => (v === null ? '–' : fmtTime(v * 1000)) },
        ...order.map((k) => {
          const colour = cssColour(SYMPTOM_COLOURS[k % SYMPTOM_COLOURS.length]);
          return { label: service.symptomSeries[k].symptom, scale: 'n', stroke: colour, fill: colour, width: 1, value: (_u, _v, _s, i) => (i === null ? '–' : fmtNumber(own[k][i])) };
        }),
      ],
      axes: [
        { ...axis, space: 70, values: (_u, ticks) => ticks.map(timeTick) },
        { ...axis, scale: 'n', label: 'symptoms / min', size: 60, values: (_u, ticks) => ticks.map(fmtNumber) },
        // An empty right axis as wide as the confidence axis above, so that both charts' times line up.
        { ...axis, scale: 'n', side: 1, label: '', size: 60, grid: { show: false }, values: (_u, ticks) => ticks.map(() => '') },
      ],
    },
    [t.map((x) => x / 1000), ...order.map((k) => stacked[k])],
    holder,
  );
  fitWidth(plot, holder);
  return { figure, plot };
}

/** 24-hour UTC clock ticks; midnight shows the date instead. */
function timeTick(seconds) {
  const iso = new Date(seconds * 1000).toISOString();
  return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : iso.slice(11, 16);
}

function chartCaption(service, yMax) {
  const { t, bucketMs } = service.series;
  if (t.length === 0) return 'No minutes judged yet.';
  const range = fmtSpan(t[0], t[t.length - 1] + bucketMs);
  const scale = yMax === undefined ? "the service's own scale" : `one scale for all charts (0–${fmtNumber(yMax)})`;
  return `Time (UTC): ${range}, ${bucketMs / MINUTE} min per point; ${scale}. Drag across the chart to zoom, double-click to zoom out; hover for values.`;
}

/** Each service's zoom, so that the live page's refresh, which draws its charts anew, keeps it. */
const ZOOMS = new Map();

function rememberZoom(id, u) {
  const { min, max } = u.scales.x;
  const times = u.data[0];
  if (min > times[0] || max < times[times.length - 1]) ZOOMS.set(id, { min, max });
  else ZOOMS.delete(id);
}

/** Incidents as shaded spans behind the lines, each labelled with its start and peak confidence. */
function shadeIncidents(u, incidents, colours) {
  const { ctx, bbox } = u;
  const lastX = u.data[0][u.data[0].length - 1];
  ctx.save();
  ctx.font = `${Math.round(12 * devicePixelRatio)}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  for (const incident of incidents) {
    const start = Date.parse(incident.start) / 1000;
    const end = incident.end ? Date.parse(incident.end) / 1000 : lastX;
    const x0 = Math.max(bbox.left, u.valToPos(start, 'x', true));
    const x1 = Math.min(bbox.left + bbox.width, u.valToPos(end, 'x', true));
    if (x1 <= x0) continue;
    ctx.fillStyle = colours.incident;
    ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
    ctx.fillStyle = colours.incidentText;
    const label = `incident ${fmtClock(start * 1000)}, peak ${fmtPercent(incident.peakConfidence)}`;
    // A span near the right edge carries its label ending at the edge, not cut off by it.
    const x = Math.min(x0 + 4 * devicePixelRatio, bbox.left + bbox.width - ctx.measureText(label).width - 4 * devicePixelRatio);
    ctx.fillText(label, Math.max(bbox.left, x), bbox.top + 4 * devicePixelRatio);
  }
  ctx.restore();
}

/** The chart takes its holder's width and follows it (window resize, phone rotation). */
function fitWidth(plot, holder) {
  const fit = () => {
    const width = Math.floor(holder.clientWidth);
    if (width > 0 && width !== plot.width) plot.setSize({ width, height: plot.height });
  };
  new ResizeObserver(fit).observe(holder);
  requestAnimationFrame(fit);
}

/** The chart's text alternative: its values by time, built when opened. */
function seriesTable(service) {
  const details = h('details', { class: 'table-view' }, h('summary', {}, 'Table view of the chart'));
  details.addEventListener('toggle', () => {
    if (!details.open || details.querySelector('table')) return;
    const { t, complaints, baseline, confidence } = service.series;
    const rows = [];
    for (let i = 0; i < t.length; i++) {
      // Quiet minutes would bury the rise: only minutes with complaints or some confidence are listed.
      if (!complaints[i] && !(confidence[i] > 0.005)) continue;
      rows.push(h('tr', {}, h('td', {}, fmtTime(t[i])), h('td', { class: 'num' }, fmtNumber(complaints[i])), h('td', { class: 'num' }, fmtNumber(baseline[i])), h('td', { class: 'num' }, fmtPercent(confidence[i]))));
    }
    details.append(
      h('p', { class: 'muted' }, `${rows.length} of ${t.length} minutes had complaints or some confidence; the others are left out.`),
      h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'time (UTC)'), h('th', {}, 'complaints'), h('th', {}, 'baseline'), h('th', {}, 'confidence'))), h('tbody', {}, rows))),
    );
  });
  return details;
}
