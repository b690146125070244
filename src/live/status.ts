// Pure answers over the detector's recent output: each service's status now and the current outages.
import type { Incident, Signal } from '../model/types.ts';
import type { Outage, RegionConfidence, ServiceStatus } from './radar.ts';
import { GLOBAL_REGION } from '../model/constants.ts';

export interface StatusThresholds {
  /** Confidence from which a service is an outage. Default 0.7 (the detector opens incidents there). */
  outage: number;
  /** Confidence from which a service or region counts as degraded. Default 0.3. */
  degraded: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = { outage: 0.7, degraded: 0.3 };

export interface CatalogueEntry {
  id: string;
  name: string;
}

/** Per service x region, the most confident signal of the recent minutes ("now" smoothed over a few minutes). */
export function strongestRecent(recent: Signal[][]): Map<string, Signal> {
  const best = new Map<string, Signal>();
  for (const minute of recent) {
    for (const signal of minute) {
      const key = `${signal.service}|${signal.region}`;
      const seen = best.get(key);
      if (!seen || signal.confidence >= seen.confidence) best.set(key, signal);
    }
  }
  return best;
}

function openGlobalIncidents(incidents: Incident[]): Map<string, Incident> {
  const open = new Map<string, Incident>();
  for (const incident of incidents) {
    if (incident.end === undefined && incident.region === GLOBAL_REGION) open.set(incident.service, incident);
  }
  return open;
}

function regionsOf(service: string, strongest: Map<string, Signal>, min: number): RegionConfidence[] {
  const out: RegionConfidence[] = [];
  for (const signal of strongest.values()) {
    if (signal.service !== service || signal.region === GLOBAL_REGION || signal.confidence < min) continue;
    const { horizon } = signal.evidence;
    out.push({ region: signal.region, confidence: signal.confidence, complaints: signal.complaints, baseline: signal.baseline, ...(horizon ? { horizon } : {}) });
  }
  return out.sort((a, b) => b.confidence - a.confidence || b.complaints - a.complaints || a.region.localeCompare(b.region));
}

export function serviceStatuses(
  catalogue: CatalogueEntry[],
  recent: Signal[][],
  incidents: Incident[],
  thresholds: StatusThresholds = DEFAULT_THRESHOLDS,
): ServiceStatus[] {
  const strongest = strongestRecent(recent);
  const open = openGlobalIncidents(incidents);
  return catalogue.map(({ id, name }) => {
    const confidence = strongest.get(`${id}|${GLOBAL_REGION}`)?.confidence ?? 0;
    const incident = open.get(id);
    const status = incident || confidence >= thresholds.outage ? 'outage' : confidence >= thresholds.degraded ? 'degraded' : 'ok';
    return {
      id,
      name,
      status,
      confidence,
      regions: regionsOf(id, strongest, thresholds.degraded).map((r) => r.region),
      ...(incident ? { since: incident.start } : {}),
    };
  });
}

/** Services whose GLOBAL or any regional confidence is at least `threshold` in the recent minutes. */
export function currentOutages(catalogue: CatalogueEntry[], recent: Signal[][], incidents: Incident[], threshold: number): Outage[] {
  const strongest = strongestRecent(recent);
  const open = openGlobalIncidents(incidents);
  const outages: Outage[] = [];
  for (const { id, name } of catalogue) {
    const global = strongest.get(`${id}|${GLOBAL_REGION}`);
    const regions = regionsOf(id, strongest, threshold);
    if (!global || (global.confidence < threshold && regions.length === 0)) continue;
    const incident = open.get(id);
    outages.push({
      service: id,
      name,
      confidence: Math.max(global.confidence, regions[0]?.confidence ?? 0),
      at: new Date(global.at).toISOString(),
      ...(incident ? { since: incident.start, incidentId: incident.id } : {}),
      regions,
      evidence: global.evidence,
    });
  }
  return outages.sort((a, b) => b.confidence - a.confidence || a.service.localeCompare(b.service));
}
