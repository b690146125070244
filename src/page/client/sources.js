// Where the page's data comes from, all turned into one model the views draw: a report (embedded in
// the page, from `?src=`, from /v1/reports/:id, or dropped on the page) or the live API's answers.

/** Series as the chart wants them: times in ms and one value per time (null where not judged). */
function reportSeries(series) {
  const t = series.complaints.map((_, i) => Date.parse(series.start) + i * series.bucketMs);
  return { t, complaints: series.complaints, baseline: series.baseline, confidence: series.confidence, bucketMs: series.bucketMs };
}

function signalSeries(signal) {
  return {
    t: signal.points.map((p) => Date.parse(p.at)),
    complaints: signal.points.map((p) => p.complaints),
    baseline: signal.points.map((p) => p.baseline),
    confidence: signal.points.map((p) => p.confidence),
    bucketMs: signal.bucketMs,
  };
}

/** A report file or a report job of the API, checked enough to say what is wrong with another JSON. */
function reportFrom(json, where) {
  const report = json && json.schemaVersion === undefined && json.report ? json.report : json;
  if (!report || report.schemaVersion !== 1 || !Array.isArray(report.services) || !report.input) {
    if (json && json.status === 'running') throw new Error(`${where}: the report is still running; this page checks again in a few seconds`);
    throw new Error(`${where} is not an outage-radar report (docs/report.md: schemaVersion 1 with services and input)`);
  }
  return report;
}

function reportModel(report, origin) {
  const services = report.services.map((s) => ({
    id: s.id,
    name: s.name,
    status: s.incidents.length > 0 ? 'outage' : undefined,
    confidence: Math.max(0, ...s.series.confidence),
    complaints: s.totals.complaint,
    mentions: s.totals.mentions,
    totals: s.totals,
    incidents: s.incidents,
    series: reportSeries(s.series),
    regions: s.regions.map((r) => ({ region: r.region, complaints: r.complaints, confidence: r.peakConfidence, mentions: r.mentions, authors: r.distinctAuthors })),
    topSymptoms: s.topSymptoms,
    languages: [...new Set(s.incidents.flatMap((i) => i.languages))],
    sentiment: s.sentiment,
    examples: s.examples,
    labelExamples: s.labelExamples,
    symptomSeries: s.symptomSeries,
  }));
  const files = report.params.inputs.length;
  return {
    kind: 'report',
    label: `Report of ${files} file${files === 1 ? '' : 's'} (${origin}), generated ${fmtTime(Date.parse(report.generatedAt))} UTC`,
    services,
    incidents: report.incidents,
    input: report.input,
    note: 'The report lists every service with at least one mention; services never mentioned are not in it.',
  };
}

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error(`${url}: ${body?.error?.message ?? response.status + ' ' + response.statusText}`);
  return body;
}

/** Every service's status now, with the incidents and signals of those that are or were in trouble. */
async function liveModel() {
  const [{ services: statuses }, { outages }, { incidents }] = await Promise.all([
    getJson('/v1/services'),
    getJson('/v1/outages?threshold=0.3'),
    getJson('/v1/incidents'),
  ]);
  const outageOf = new Map(outages.map((o) => [o.service, o]));
  const services = statuses.map((s) => {
    const outage = outageOf.get(s.id);
    return {
      id: s.id,
      name: s.name,
      status: s.status,
      since: s.since,
      confidence: s.confidence,
      complaints: outage?.evidence.complaints ?? 0,
      incidents: incidents.filter((i) => i.service === s.id),
      regions: outage?.regions.map((r) => ({ region: r.region, complaints: r.complaints, confidence: r.confidence })),
      topSymptoms: (outage?.evidence.topSymptoms ?? []).map((symptom) => ({ symptom })),
      languages: outage?.evidence.languages ?? [],
      evidence: outage?.evidence,
      at: outage?.at,
    };
  });
  // Charts for the services in trouble now or with an incident in the window, fetched together.
  await Promise.all(services.filter(isNotable).map(async (s) => Object.assign(s, await liveSignal(s.id))));
  return {
    kind: 'live',
    label: 'Live',
    services,
    incidents,
    note: `Every service in the catalogue (${services.length}).`,
  };
}

function isNotable(service) {
  return service.status === 'outage' || service.status === 'degraded' || service.incidents.length > 0;
}

async function liveSignal(id) {
  const signal = await getJson(`/v1/services/${encodeURIComponent(id)}/signal`);
  const series = signalSeries(signal);
  return { series, complaintsInWindow: series.complaints.reduce((a, b) => a + b, 0), at: signal.current?.at ?? signal.to };
}

/** One service's detail from the live API: its signal, regions of the last hour and incidents, and one region's own signal when asked. */
async function liveService(model, id, region) {
  const service = model.services.find((s) => s.id === id);
  if (!service) throw new Error(`unknown service "${id}"`);
  const [signal, { regions }, { examples }, regionSeries] = await Promise.all([
    liveSignal(id),
    getJson(`/v1/services/${encodeURIComponent(id)}/regions`),
    getJson(`/v1/services/${encodeURIComponent(id)}/examples`),
    // A region's series that cannot be read leaves the chart on all regions, and the page says so.
    region ? getJson(`/v1/services/${encodeURIComponent(id)}/signal?region=${encodeURIComponent(region)}`).then((s) => ({ region, series: signalSeries(s) }), () => undefined) : undefined,
  ]);
  return Object.assign(service, signal, {
    regions: regions.map((r) => ({ region: r.region, complaints: r.complaintsLastHour, confidence: r.confidence })),
    regionSeries,
    examples: examples.complaint,
    labelExamples: { news: examples.news, joke: examples.joke, other: examples.other },
    examplesOrder: 'newest first',
  });
}
