// What the page shows: the overview (services in trouble first, then every service), one service's
// detail (chart, incidents and their regional episodes, map, why), and what the report read.

const STATUS_WORDS = { outage: 'outage', degraded: 'degraded', ok: 'ok' };

/** Services in trouble first: an incident (open now, live) before none, then confidence, then complaints. */
function byTrouble(a, b) {
  const rank = (s) => (s.status === 'outage' ? 2 : s.status === 'degraded' ? 1 : 0);
  return rank(b) - rank(a) || b.incidents.length - a.incidents.length || b.confidence - a.confidence || size(b) - size(a) || a.name.localeCompare(b.name);
}

function size(service) {
  return service.complaintsInWindow ?? service.complaints ?? 0;
}

function statusBadge(service, model) {
  if (model.kind === 'report') return service.incidents.length ? h('span', { class: 'badge outage' }, `${service.incidents.length} incident${service.incidents.length > 1 ? 's' : ''}`) : h('span', { class: 'badge ok' }, 'no incident');
  return h('span', { class: `badge ${service.status}` }, STATUS_WORDS[service.status] ?? service.status);
}

/** The complaints axis shared by all charts when "one scale" is on: the largest minute of any service shown. */
function commonMax(services) {
  return Math.max(1, ...services.filter((s) => s.series).flatMap((s) => s.series.complaints));
}

function matches(service, query) {
  const q = query.trim().toLowerCase();
  return !q || service.name.toLowerCase().includes(q) || service.id.includes(q);
}

function overviewView(model, state) {
  const sorted = [...model.services].sort(byTrouble);
  const notable = sorted.filter((s) => s.series && (s.incidents.length > 0 || s.status === 'outage' || s.status === 'degraded'));
  const shown = notable.filter((s) => matches(s, state.search));
  const yMax = state.commonScale ? commonMax(notable) : undefined;
  const heading = model.kind === 'live' ? 'Services in trouble now or with a recent incident' : 'Services with an incident';
  return [
    h('section', { class: 'overview', 'aria-labelledby': 'h-incidents' },
      h('h2', { id: 'h-incidents' }, `${heading} (${notable.length})`),
      notable.length === 0 ? h('p', {}, model.kind === 'live' ? 'No service is in trouble now. This page refreshes itself every 10 seconds.' : 'No incident in this report.') : null,
      shown.length < notable.length ? h('p', { class: 'muted' }, `${notable.length - shown.length} hidden by the search.`) : null,
      h('div', { class: 'cards' }, shown.map((s) => serviceCard(s, model, yMax))),
    ),
    allServicesTable(sorted, model, state),
    model.input ? inputSection(model.input) : null,
  ];
}

function serviceCard(service, model, yMax) {
  const latest = service.incidents[service.incidents.length - 1];
  return h('article', { class: 'card', 'data-service': service.id },
    h('h3', {}, h('a', { href: serviceHref(model, service.id) }, service.name), ' ', statusBadge(service, model)),
    h('p', { class: 'facts' },
      `${model.kind === 'live' ? 'confidence now' : 'peak confidence'} ${fmtPercent(service.confidence)} · ${fmtNumber(size(service))} complaints${model.kind === 'live' ? ' in the last 6 h' : ''}`,
      latest ? ` · incident ${fmtSpan(Date.parse(latest.start), latest.end && Date.parse(latest.end))}, ${latest.regions.length} regions` : '',
    ),
    complaintsChart(service, { height: 170, yMax }).figure,
  );
}

function allServicesTable(services, model, state) {
  const shown = services.filter((s) => matches(s, state.search));
  return h('section', { 'aria-labelledby': 'h-all' },
    h('h2', { id: 'h-all' }, `All services (${services.length})`),
    h('p', { class: 'muted' }, `${model.note} ${shown.length < services.length ? `Showing ${shown.length} that match the search.` : ''}`),
    h('div', { class: 'scroll' }, h('table', { class: 'services' },
      h('thead', {}, h('tr', {}, h('th', {}, 'service'), h('th', {}, 'status'), h('th', {}, model.kind === 'live' ? 'confidence now' : 'peak confidence'), h('th', {}, model.kind === 'live' ? 'complaints (outage minute)' : 'complaints'), h('th', {}, 'incidents'))),
      h('tbody', {}, shown.map((s) => h('tr', {},
        h('td', {}, h('a', { href: serviceHref(model, s.id) }, s.name)),
        h('td', {}, statusBadge(s, model)),
        h('td', { class: 'num' }, fmtPercent(s.confidence)),
        h('td', { class: 'num' }, fmtNumber(size(s))),
        h('td', { class: 'num' }, fmtNumber(s.incidents.length)),
      ))),
    )),
  );
}

function serviceView(service, model, state) {
  const region = state.region?.service === service.id ? state.region : undefined;
  const regional = region && service.regionSeries?.region === region.region ? regionalService(service, region.region) : undefined;
  const yMax = state.commonScale && !regional ? commonMax(model.services) : undefined;
  const chart = service.series ? complaintsChart(regional ?? service, { height: 300, yMax }) : undefined;
  const symptoms = chart && service.symptomSeries ? symptomChart(service) : undefined;
  if (symptoms) chart.follow(symptoms.plot);
  const showRegion = (episode) => {
    state.region = { service: service.id, region: episode.region };
    // The episode's chart opens zoomed to it: the chart applies a remembered zoom when drawn.
    const [from, to] = spanAround(service, episode);
    ZOOMS.set(model.kind === 'live' ? regionalChartId(service.id, episode.region) : service.id, { min: from / 1000, max: to / 1000 });
    // The chart is above the episodes: the view goes to it, and the keyboard to its way back.
    render().then(() => {
      document.getElementById('h-chart')?.scrollIntoView({ block: 'start' });
      document.querySelector('.region-note button')?.focus({ preventScroll: true });
    });
  };
  const allRegions = () => {
    state.region = undefined;
    render();
  };
  return [
    h('p', {}, h('a', { href: homeHref(model) }, '← all services')),
    h('h2', { class: 'service-name' }, service.name, ' ', statusBadge(service, model)),
    h('p', { class: 'facts' }, `${model.kind === 'live' ? 'Confidence now' : 'Peak confidence'} ${fmtPercent(service.confidence)} · ${fmtNumber(size(service))} complaints${service.mentions !== undefined ? ` of ${fmtNumber(service.mentions)} mentions` : ''}`),
    h('section', { 'aria-labelledby': 'h-chart' },
      h('h3', { id: 'h-chart' }, 'Complaints per minute against the usual level'),
      region ? regionNote(region.region, model, Boolean(regional), allRegions) : null,
      chart ? chart.figure : h('p', {}, 'No signal yet.'),
      symptoms ? symptoms.figure : service.series ? h('p', { class: 'muted' }, model.kind === 'live' ? 'Symptoms over time are in reports: POST /v1/reports, then open /reports/<id>.' : 'Symptoms over time are kept for services with an incident.') : null,
    ),
    incidentsSection(service, chart, showRegion),
    h('section', { 'aria-labelledby': 'h-regions' }, h('h3', { id: 'h-regions' }, model.kind === 'live' ? 'Regions (last hour)' : 'Regions'), regionsPanel(service.regions ?? [])),
    whySection(service),
  ];
}

function regionalChartId(serviceId, region) {
  return `${serviceId}@${region}`;
}

/** The service as one region sees it: that region's series, its episodes shaded as the incidents. */
function regionalService(service, region) {
  const episodes = service.incidents.flatMap((i) => i.episodes.filter((e) => e.region === region));
  return { id: regionalChartId(service.id, region), name: `${service.name} in ${regionName(region)}`, series: service.regionSeries.series, incidents: episodes };
}

/** Which region the chart shows, with the way back; a report has no series per region, and says so. */
function regionNote(region, model, shown, allRegions) {
  const back = h('button', { type: 'button', class: 'link', onclick: allRegions }, 'Show all regions');
  const text = shown
    ? `Showing ${regionName(region)} (${region}) only, its own complaints and confidence. `
    : model.kind === 'live'
      ? `The series of ${regionName(region)} (${region}) could not be read; showing all regions. `
      : `This report keeps one series for all regions together, none per region (docs/report.md): the chart shows all regions, zoomed to the ${regionName(region)} (${region}) episode. `;
  return h('p', { class: 'region-note', role: 'status' }, text, back);
}

/** An incident's or episode's span with half an hour either side (epoch ms); an open one runs to the end of the series, which in a replay is not now. */
function spanAround(service, { start, end }) {
  const { t, bucketMs } = service.series;
  const last = t.length ? t[t.length - 1] + bucketMs : Date.now();
  return [Date.parse(start) - 30 * MINUTE, (end ? Date.parse(end) : last) + 30 * MINUTE];
}

function incidentsSection(service, chart, showRegion) {
  const zoomButton = (label, span) => chart && h('button', { type: 'button', onclick: () => chart.zoom(...spanAround(service, span)) }, label);
  return h('section', { 'aria-labelledby': 'h-incidents' },
    h('h3', { id: 'h-incidents' }, `Incidents (${service.incidents.length})`),
    service.incidents.length === 0 ? h('p', {}, 'None.') : null,
    service.incidents.map((incident) => h('article', { class: 'incident' },
      h('h4', {}, fmtSpan(Date.parse(incident.start), incident.end && Date.parse(incident.end)), ' ', zoomButton('Show on the chart', incident)),
      h('p', {}, `Peak ${fmtPercent(incident.peakConfidence)} at ${fmtClock(Date.parse(incident.peak))} UTC · ${fmtNumber(incident.complaints)} complaints · ${incident.regions.length} regions · languages: ${incident.languages.map(languageName).join(', ') || '–'} · symptoms: ${incident.topSymptoms.join(', ') || '–'}`),
      incident.episodes.length ? h('details', { class: 'episodes' },
        h('summary', {}, `Regional episodes (${incident.episodes.length})`),
        h('div', { class: 'scroll' }, h('table', {},
          h('thead', {}, h('tr', {}, h('th', {}, 'region'), h('th', {}, 'when'), h('th', {}, 'peak confidence'), h('th', {}, 'complaints'), h('th', {}, ''))),
          h('tbody', {}, [...incident.episodes].sort((a, b) => b.complaints - a.complaints).map((e) => h('tr', {},
            h('td', {}, `${regionName(e.region)} (${e.region})`),
            h('td', {}, fmtSpan(Date.parse(e.start), e.end && Date.parse(e.end))),
            h('td', { class: 'num' }, fmtPercent(e.peakConfidence)),
            h('td', { class: 'num' }, fmtNumber(e.complaints)),
            h('td', {}, chart && h('button', { type: 'button', 'data-region': e.region, onclick: () => showRegion(e) }, `Chart ${e.region}`)),
          ))),
        )),
      ) : null,
    )),
  );
}

function whySection(service) {
  const symptoms = service.topSymptoms ?? [];
  const most = Math.max(1, ...symptoms.map((s) => s.count ?? 1));
  return h('section', { 'aria-labelledby': 'h-why' },
    h('h3', { id: 'h-why' }, 'Why: what people report'),
    h('div', { class: 'why-grid' },
      h('div', {}, h('h4', {}, 'Top symptoms'), symptoms.length === 0 ? h('p', { class: 'muted' }, 'No symptom named.') :
        h('ul', { class: 'bars' }, symptoms.map((s) => h('li', {}, h('span', { class: 'bar', style: `--share:${(s.count ?? most) / most}` }), `${s.symptom}${s.count !== undefined ? ` ${fmtNumber(s.count)}` : ''}`)))),
      h('div', {}, h('h4', {}, 'Languages'), h('p', {}, service.languages.map(languageName).join(', ') || '–')),
      service.sentiment ? sentimentBlock(service.sentiment) : service.evidence ? h('div', {}, h('h4', {}, 'Sentiment'), h('p', {}, `${fmtPercent(service.evidence.negativeShare)} of mentions negative; ${fmtPercent(service.evidence.complaintShare)} are complaints; ${fmtNumber(service.evidence.distinctAuthors)} distinct authors; ${fmtNumber(service.evidence.newsMentions)} news posts`)) : null,
    ),
    service.examples ? examplesBlock(service) : null,
  );
}

const LABEL_HEADINGS = {
  news: 'News: reports about the service, not from its users',
  joke: 'Jokes',
  other: 'Other mentions',
};

function sentimentBlock(sentiment) {
  const total = Math.max(1, Object.values(sentiment).reduce((a, b) => a + b, 0));
  return h('div', {}, h('h4', {}, 'Sentiment of mentions'),
    h('div', { class: 'stack', role: 'img', 'aria-label': Object.entries(sentiment).map(([k, v]) => `${k} ${fmtPercent(v / total)}`).join(', ') },
      Object.entries(sentiment).map(([k, v]) => h('span', { class: `part ${k}`, style: `flex-grow:${v}` }))),
    h('p', {}, Object.entries(sentiment).map(([k, v]) => `${k} ${fmtPercent(v / total)} (${fmtNumber(v)})`).join(' · ')),
  );
}

/** Example posts per label: the complaints, then a few news, jokes and other mentions (reports written before these were kept have none; live ones are the newest). */
function examplesBlock(service) {
  const others = service.labelExamples ?? {};
  return h('div', { class: 'examples' }, h('h4', {}, 'Example posts per label'),
    h('h5', {}, `Complaints (${service.examples.length}, ${service.examplesOrder ?? 'most confident first'})`),
    exampleList(service.examples, 'complaint', (e) => `complaint with ${fmtPercent(e.score)} certainty`),
    Object.entries(LABEL_HEADINGS).flatMap(([label, heading]) => [
      h('h5', {}, `${heading} (${(others[label] ?? []).length})`),
      others[label]?.length ? exampleList(others[label], label, (e) => `${label} · not a complaint with ${fmtPercent(1 - e.score)} certainty`) : h('p', { class: 'muted' }, service.labelExamples ? 'None.' : 'Not in this report: it was written before examples per label were kept.'),
    ]),
  );
}

function exampleList(examples, label, verdict) {
  return h('ul', { 'data-label': label }, examples.map((e) => h('li', { class: 'example' },
    h('blockquote', { lang: e.lang }, markedText(e.text, e.why)),
    h('p', { class: 'muted' }, `${e.source} · ${fmtTime(Date.parse(e.createdAt))} UTC · ${languageName(e.lang)} · ${regionName(e.region)} · ${verdict(e)}${e.symptoms.length ? ` · symptoms: ${e.symptoms.join(', ')}` : ''}`),
    whyElement(e.why),
  )));
}

function inputSection(input) {
  const examples = input.malformedExamples;
  return h('section', { class: 'input', 'aria-labelledby': 'h-input' },
    h('h2', { id: 'h-input' }, 'What was read'),
    h('p', {}, `${fmtNumber(input.parsed)} posts from ${fmtNumber(input.lines)} lines in ${input.files.length} files: ${fmtNumber(input.malformed)} malformed lines skipped, ${fmtNumber(input.duplicates)} duplicates, ${fmtNumber(input.outOfRange)} outside the time range; ${fmtNumber(input.analysed)} analysed, ${fmtNumber(input.withService)} name a service. Labels: ${Object.entries(input.labels).map(([k, v]) => `${k} ${fmtNumber(v)}`).join(', ')}.`),
    h('p', {}, `Languages: ${Object.entries(input.languages).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${languageName(k)} ${fmtPercent(v / Math.max(1, input.analysed))}`).join(', ')}.`),
    h('div', { class: 'scroll' }, h('table', {},
      h('caption', {}, 'Per file'),
      h('thead', {}, h('tr', {}, h('th', {}, 'file'), h('th', {}, 'lines'), h('th', {}, 'posts'), h('th', {}, 'malformed'), h('th', {}, 'duplicates'))),
      h('tbody', {}, input.files.map((f) => h('tr', {}, h('td', {}, f.path), h('td', { class: 'num' }, fmtNumber(f.lines)), h('td', { class: 'num' }, fmtNumber(f.posts)), h('td', { class: 'num' }, fmtNumber(f.malformed)), h('td', { class: 'num' }, fmtNumber(f.duplicates))))),
    )),
    h('div', { class: 'scroll' }, h('table', {},
      h('caption', {}, `Malformed lines: the first ${examples.length} of ${fmtNumber(input.malformed)}`),
      h('thead', {}, h('tr', {}, h('th', {}, 'file'), h('th', {}, 'line'), h('th', {}, 'reason'))),
      h('tbody', {}, examples.map((m) => h('tr', {}, h('td', {}, m.file), h('td', { class: 'num' }, m.line), h('td', {}, m.reason)))),
    )),
  );
}
