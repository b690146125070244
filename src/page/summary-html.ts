// The page's text before (or without) JavaScript: the report's overview or the live outages, as plain
// HTML inside the page's <main>, which the page's script replaces with its charts when it runs.
import type { Incident } from '../model/types.ts';
import type { Report } from '../report/schema.ts';
import type { ServiceStatus } from '../live/radar.ts';

/** What the live summary is made of, read from the radar at request time. */
export interface LiveSnapshot {
  services: ServiceStatus[];
  incidents: Incident[];
}

const REGIONS_LISTED = 12;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const count = (n: number): string => n.toLocaleString('en');
const percent = (share: number): string => `${Math.round(share * 100)} %`;
const time = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function regionList(regions: readonly string[]): string {
  const more = regions.length - REGIONS_LISTED;
  return regions.slice(0, REGIONS_LISTED).join(', ') + (more > 0 ? ` and ${more} more` : '') || 'none';
}

function incidentItem(name: string, incident: Incident): string {
  const span = incident.end ? `${time(incident.start)} – ${time(incident.end)}` : `open since ${time(incident.start)}`;
  return (
    `<li><strong>${escapeHtml(name)}</strong>: incident ${span}, peak ${percent(incident.peakConfidence)} at ${time(incident.peak)}, ` +
    `${count(incident.complaints)} complaints, regions: ${escapeHtml(regionList(incident.regions))}</li>`
  );
}

function section(heading: string, items: string[], none: string): string {
  return `<h2>${escapeHtml(heading)} (${items.length})</h2>\n` + (items.length ? `<ul>\n${items.join('\n')}\n</ul>` : `<p>${escapeHtml(none)}</p>`);
}

const NO_SCRIPT_NOTE = '<noscript><p class="muted">Without JavaScript this page shows this summary; its charts, map and example posts need JavaScript.</p></noscript>';

/** A report's overview: its services with an incident (start, end, peak, regions) and what was read. */
export function reportSummaryHtml(report: Report): string {
  const items = report.services.flatMap((s) => s.incidents.map((incident) => incidentItem(s.name, incident)));
  const { input } = report;
  return `<section class="summary" aria-label="Summary">
${section('Services with an incident', items, 'No incident in this report.')}
<p>Read ${count(input.parsed)} posts from ${count(input.lines)} lines in ${input.files.length} files: ${count(input.malformed)} malformed lines skipped, ${count(input.duplicates)} duplicates, ${count(input.outOfRange)} outside the time range; ${count(input.analysed)} analysed, ${count(input.withService)} name a service.</p>
${NO_SCRIPT_NOTE}
</section>`;
}

/** The live outages at request time: services in trouble now, then the incidents the radar keeps. */
export function liveSummaryHtml({ services, incidents }: LiveSnapshot): string {
  const nameOf = new Map(services.map((s) => [s.id, s.name]));
  const troubled = services
    .filter((s) => s.status !== 'ok')
    .sort((a, b) => b.confidence - a.confidence)
    .map((s) => `<li><strong>${escapeHtml(s.name)}</strong>: ${s.status}, confidence ${percent(s.confidence)}${s.since ? ` since ${time(s.since)}` : ''}, regions: ${escapeHtml(regionList(s.regions))}</li>`);
  const recent = [...incidents].sort((a, b) => b.start.localeCompare(a.start)).map((i) => incidentItem(nameOf.get(i.service) ?? i.service, i));
  return `<section class="summary" aria-label="Summary">
${section('Services in trouble now', troubled, 'No service is in trouble now.')}
${section('Incidents', recent, 'No incident kept.')}
<p>${services.length} services watched. This summary is from the moment the page was served.</p>
${NO_SCRIPT_NOTE}
</section>`;
}
