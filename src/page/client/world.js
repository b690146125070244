// Where the complaints come from: the bundled world map coloured by complaints or confidence, and the
// same numbers as a table (the map's text alternative, and the only place for "unknown country").
const WORLD = JSON.parse(document.getElementById('world-map').textContent);
const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

/** The map and table of a service's regions; `measure` is 'complaints' or 'confidence'. */
function regionsPanel(regions, measure = 'complaints') {
  const panel = h('div', { class: 'regions' });
  const draw = (chosen) => {
    panel.replaceChildren(
      h('fieldset', { class: 'measure' }, h('legend', {}, 'Colour the map by'), ...['complaints', 'confidence'].map((m) =>
        h('label', {}, h('input', { type: 'radio', name: `measure-${regionsPanel.count}`, value: m, checked: m === chosen, onchange: () => draw(m) }), ` ${m}`),
      )),
      worldMapOf(regions, chosen),
      regionsTable(regions),
    );
  };
  regionsPanel.count = (regionsPanel.count ?? 0) + 1;
  draw(measure);
  return panel;
}

function worldMapOf(regions, measure) {
  const byCode = new Map(regions.map((r) => [r.region, r]));
  const max = Math.max(1e-9, ...regions.filter((r) => r.region !== 'ZZ').map((r) => r[measure] ?? 0));
  const map = svg('svg', { viewBox: `0 0 ${WORLD.width} ${WORLD.height}`, class: 'world', role: 'img', 'aria-label': `World map of ${measure} by country; the table beside it lists the same numbers` });
  for (const country of WORLD.countries) {
    const region = byCode.get(country.code);
    const value = region?.[measure] ?? 0;
    // Square root: one country with most of the complaints would otherwise leave all others blank.
    const share = value > 0 ? Math.sqrt(value / max) : 0;
    const path = svg('path', { d: country.d, class: share > 0 ? 'country has-value' : 'country', style: share > 0 ? `--share:${(0.15 + 0.85 * share).toFixed(3)}` : '' });
    const title = svg('title');
    title.textContent = `${country.name}: ${region ? `${fmtNumber(region.complaints)} complaints, confidence ${fmtPercent(region.confidence)}` : 'no complaints'}`;
    path.append(title);
    map.append(path);
  }
  return h('div', { class: 'map' }, map, h('p', { class: 'muted legend' }, `Stronger colour: more ${measure}. Hover a country for its numbers.`));
}

function regionsTable(regions) {
  // Reports carry mentions and each region's peak; the live API gives the confidence of now.
  const hasMentions = regions.some((r) => r.mentions !== undefined);
  const rows = regions.map((r) =>
    h('tr', {}, h('td', {}, `${regionName(r.region)} (${r.region})`), h('td', { class: 'num' }, fmtNumber(r.complaints)), hasMentions && h('td', { class: 'num' }, fmtNumber(r.mentions)), h('td', { class: 'num' }, fmtPercent(r.confidence))),
  );
  return h('div', { class: 'scroll region-table' }, h('table', {},
    h('caption', {}, `Regions (${regions.length})`),
    h('thead', {}, h('tr', {}, h('th', {}, 'region'), h('th', {}, 'complaints'), hasMentions && h('th', {}, 'mentions'), h('th', {}, hasMentions ? 'peak confidence' : 'confidence'))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 4 }, 'No region with complaints.'))),
  ));
}
