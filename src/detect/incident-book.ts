// The incidents of the detector's services: one per service and outage. The first episode of a service
// (its GLOBAL series' or a region's) opens its incident, the regions' episodes are kept inside it, and it
// ends once every episode is over and the regions have waited out their hold. Counts, peak, regions,
// languages, symptoms and examples are kept up to date, and each step's changes become events.
import type { Incident, RegionEpisode } from '../model/types.ts';
import { roundTo } from '../util/round.ts';
import { heldSince, release, type Transition } from './hysteresis.ts';
import { CONFIDENCE_DECIMALS, mergeSorted, seriesKey, topKeys, type Observation, type SeriesState, type SeriesVerdict } from './series.ts';
import { restartWindow, riseStart } from './window.ts';
import { GLOBAL_REGION } from '../model/constants.ts';

export interface IncidentEvent {
  type: 'open' | 'update' | 'close';
  incident: Incident;
}

export interface IncidentBookOptions {
  bucketMs: number;
  holdMs: number;
  maxExamples: number;
  topSymptoms: number;
}

export class IncidentBook {
  constructor(
    private readonly st: { series: Record<string, SeriesState>; incidents: Incident[] },
    private readonly opts: IncidentBookOptions,
  ) {}

  /**
   * The service's open incident, opened now from `opener`'s rise when there is none. A region that
   * joins later keeps its own start in its episode: only the service-wide rise can date the incident back.
   */
  private incidentFor(owner: SeriesState, opener: SeriesState, at: number, verdict: SeriesVerdict, step: IncidentStep): { incident: Incident; rise: { start: number; complaints: number } } {
    const rise = riseStart(opener.window, verdict.rate, this.opts.bucketMs);
    if (owner.openIncident !== undefined) {
      const incident = this.st.incidents[owner.openIncident];
      if (opener === owner && rise.start < Date.parse(incident.start)) incident.start = new Date(rise.start).toISOString();
      return { incident, rise };
    }
    const { signal } = verdict;
    const incident: Incident = {
      id: `${owner.service}|${GLOBAL_REGION}|${new Date(rise.start).toISOString()}`,
      service: owner.service,
      region: GLOBAL_REGION,
      start: new Date(rise.start).toISOString(),
      peak: new Date(at).toISOString(),
      peakConfidence: roundTo(signal.confidence, CONFIDENCE_DECIMALS),
      complaints: rise.complaints,
      regions: [...signal.evidence.regions].sort(),
      languages: [...signal.evidence.languages].sort(),
      topSymptoms: signal.evidence.topSymptoms,
      examplePostIds: opener.recentExamples
        .filter((e) => e.at >= rise.start)
        .flatMap((e) => e.ids)
        .slice(0, this.opts.maxExamples),
      episodes: [],
    };
    opener.recentExamples = [];
    owner.openIncident = this.st.incidents.push(incident) - 1;
    owner.symptomCounts = {};
    delete owner.incidentEnd;
    step.opened(owner.openIncident);
    return { incident, rise };
  }

  /**
   * A region's episode: opened within the service's incident (opening it if needed) and updated; once
   * it has fallen back it is held until the incident ends, so a region that comes back during the
   * outage goes on with its one episode.
   */
  region(series: SeriesState, owner: SeriesState, at: number, verdict: SeriesVerdict, obs: Observation, transition: Transition, step: IncidentStep): void {
    const { confidence } = verdict.signal;
    if (transition.kind === 'open') {
      const { incident, rise } = this.incidentFor(owner, series, at, verdict, step);
      const episode: RegionEpisode = {
        region: series.region,
        start: new Date(rise.start).toISOString(),
        peak: new Date(at).toISOString(),
        peakConfidence: roundTo(confidence, CONFIDENCE_DECIMALS),
        complaints: rise.complaints,
      };
      series.openEpisode = incident.episodes.push(episode) - 1;
      mergeSorted(incident.regions, [series.region]);
      this.raisePeak(incident, at, confidence);
      step.changed(owner.openIncident!);
      return;
    }
    if (series.openEpisode === undefined) return;
    const incident = this.st.incidents[owner.openIncident!];
    const episode = incident.episodes[series.openEpisode];
    if (heldSince(series.episode) !== undefined) {
      series.heldComplaints = (series.heldComplaints ?? 0) + obs.complaints;
    } else {
      episode.complaints += obs.complaints + (series.heldComplaints ?? 0);
      delete series.heldComplaints;
    }
    if (roundTo(confidence, CONFIDENCE_DECIMALS) > episode.peakConfidence) {
      episode.peakConfidence = roundTo(confidence, CONFIDENCE_DECIMALS);
      episode.peak = new Date(at).toISOString();
    }
    if (this.raisePeak(incident, at, confidence)) step.changed(owner.openIncident!);
  }

  /**
   * The service-wide series: its own episode, then the service's open incident, whichever episode
   * opened it: counted, described, and closed once no episode of it is left open.
   */
  service(series: SeriesState, at: number, verdict: SeriesVerdict, obs: Observation, transition: Transition, step: IncidentStep): void {
    const { signal } = verdict;
    if (transition.kind === 'open') {
      this.incidentFor(series, series, at, verdict, step);
      step.changed(series.openIncident!);
    }
    if (series.openIncident === undefined) return;
    const index = series.openIncident;
    const incident = this.st.incidents[index];
    if (transition.kind === 'close') series.incidentEnd = Math.max(series.incidentEnd ?? transition.end, transition.end);
    if (step.isNew(index)) {
      // The rise's complaints are already in.
    } else if (this.inLull(series, incident)) {
      series.heldComplaints = (series.heldComplaints ?? 0) + obs.complaints;
    } else {
      incident.complaints += obs.complaints + (series.heldComplaints ?? 0);
      delete series.heldComplaints;
    }
    const counts = (series.symptomCounts ??= {});
    for (const [symptom, n] of Object.entries(obs.symptoms)) counts[symptom] = (counts[symptom] ?? 0) + n;
    if (Object.keys(counts).length > 0) incident.topSymptoms = topKeys(counts, this.opts.topSymptoms);
    for (const id of obs.examplePostIds) {
      if (incident.examplePostIds.length >= this.opts.maxExamples) break;
      if (!incident.examplePostIds.includes(id)) incident.examplePostIds.push(id);
    }
    let changed = this.raisePeak(incident, at, signal.confidence);
    if (series.episode.open) {
      changed = mergeSorted(incident.regions, signal.evidence.regions) || changed;
      changed = mergeSorted(incident.languages, signal.evidence.languages) || changed;
    }
    if (changed) step.changed(index);
    if (series.episode.open || !this.regionsHeld(series.service, incident, at)) return;
    for (const episode of incident.episodes) {
      if (episode.end !== undefined) continue;
      const region = this.st.series[seriesKey(series.service, episode.region)];
      const end = release(region.episode)!;
      episode.end = new Date(end).toISOString();
      series.incidentEnd = Math.max(series.incidentEnd ?? end, end);
      restartWindow(region.window);
      delete region.openEpisode;
      delete region.heldComplaints;
    }
    incident.end = new Date(series.incidentEnd ?? at).toISOString();
    delete series.heldComplaints;
    delete series.openIncident;
    delete series.symptomCounts;
    delete series.incidentEnd;
    step.closed(index);
  }

  /** True when every open episode of the incident's regions has been back near normal for a whole hold. */
  private regionsHeld(service: string, incident: Incident, at: number): boolean {
    return incident.episodes.every((episode) => {
      if (episode.end !== undefined) return true;
      const since = heldSince(this.st.series[seriesKey(service, episode.region)].episode);
      return since !== undefined && at - since >= this.opts.holdMs;
    });
  }

  /** True when no episode of the incident is under way: the service-wide one and every region's are over or waiting out a hold. */
  private inLull(owner: SeriesState, incident: Incident): boolean {
    if (owner.episode.open && heldSince(owner.episode) === undefined) return false;
    return incident.episodes.every(
      (episode) => episode.end !== undefined || heldSince(this.st.series[seriesKey(owner.service, episode.region)].episode) !== undefined,
    );
  }

  /** Raises the incident's peak to `confidence` (at `at`) when higher; true when it did. */
  private raisePeak(incident: Incident, at: number, confidence: number): boolean {
    const peak = roundTo(confidence, CONFIDENCE_DECIMALS);
    if (peak <= incident.peakConfidence) return false;
    incident.peakConfidence = peak;
    incident.peak = new Date(at).toISOString();
    return true;
  }
}

/** The incidents opened, changed and closed during one step, turned into events at its end (one per incident). */
export class IncidentStep {
  private readonly opens = new Set<number>();
  private readonly changes = new Set<number>();
  private readonly closes = new Set<number>();

  constructor(readonly at: number) {}

  opened(index: number): void {
    this.opens.add(index);
  }

  changed(index: number): void {
    this.changes.add(index);
  }

  closed(index: number): void {
    this.closes.add(index);
  }

  isNew(index: number): boolean {
    return this.opens.has(index);
  }

  /** An incident opened and closed in the same step gets both events; one that only changed, an update. */
  events(incidents: readonly Incident[]): IncidentEvent[] {
    const events: IncidentEvent[] = [];
    for (const index of this.opens) events.push({ type: 'open', incident: structuredClone(incidents[index]) });
    for (const index of this.changes) {
      if (!this.opens.has(index) && !this.closes.has(index)) events.push({ type: 'update', incident: structuredClone(incidents[index]) });
    }
    for (const index of this.closes) events.push({ type: 'close', incident: structuredClone(incidents[index]) });
    return events;
  }
}
