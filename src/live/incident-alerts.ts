// Incident alerts of the live service: every incident open and close goes to the webhooks, and an
// update only when it changed something that matters (new regions, a clearly higher peak), at most
// once per interval of event time, so a six-hour incident does not post every minute. Deliveries run
// in the background, in order per incident (an update never overtakes its open while that retries).
import type { Metrics } from '../observe/metrics.ts';
import { WebhookNotifier, type Delivery, type DeliveryStatus, type WebhookOptions } from '../alerts/webhooks.ts';
import type { IncidentEvent } from '../detect/detector.ts';
import type { Incident } from '../model/types.ts';
import { errorMessage } from '../util/error-message.ts';

export interface UpdatePolicy {
  /** Least event time between two messages about one incident (ms). Default 15 min. */
  minIntervalMs: number;
  /** Rise of the peak confidence since the last message that is worth an update. Default 0.1. */
  confidenceStep: number;
}

export const DEFAULT_UPDATE_POLICY: UpdatePolicy = { minIntervalMs: 15 * 60_000, confidenceStep: 0.1 };

/** What the receivers were last told about an incident, and when (event time, epoch ms). */
export interface SentIncident {
  at: number;
  peakConfidence: number;
  regions: string[];
}

/**
 * Whether `incident` is worth an update at minute `at`, given what was last sent: it must add a region
 * or raise the peak confidence by `confidenceStep`, and the last message must be `minIntervalMs` old.
 * Languages, complaint counts and symptoms alone change every minute of an outage and are not worth one.
 */
export function isMaterialUpdate(sent: SentIncident, incident: Incident, at: number, policy: UpdatePolicy): boolean {
  if (at - sent.at < policy.minIntervalMs) return false;
  const newRegion = incident.regions.some((region) => !sent.regions.includes(region));
  return newRegion || incident.peakConfidence >= sent.peakConfidence + policy.confidenceStep;
}

/** A delivery as the API shows it: the URL without its path and query (they often hold a token). */
export interface AlertDelivery extends Omit<Delivery, 'url'> {
  /** Position of the URL in OUTAGE_RADAR_WEBHOOKS, from 1. */
  webhook: number;
  /** Scheme, host and port of the URL; `/…` stands for a path or query left out. */
  url: string;
}

export interface AlertDeliveryQuery {
  limit: number;
  status?: DeliveryStatus;
}

export interface IncidentAlertsOptions {
  policy?: Partial<UpdatePolicy>;
  metrics?: Metrics;
  log?: (message: string) => void;
}

interface OpenIncident {
  sent: SentIncident;
  /** The newest update not sent yet (not material, or too soon after the last message). */
  unsent?: Incident;
}

export class IncidentAlerts {
  readonly policy: UpdatePolicy;
  private readonly open = new Map<string, OpenIncident>();
  /** Per incident, the tail of its deliveries: the next event waits for it. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly notifier: WebhookNotifier;

  /** Throws a WebhookConfigError for settings that cannot work (no secret, a URL that is not http). */
  constructor(
    private readonly webhooks: WebhookOptions,
    private readonly options: IncidentAlertsOptions = {},
  ) {
    this.notifier = new WebhookNotifier(webhooks);
    this.policy = { ...DEFAULT_UPDATE_POLICY, ...options.policy };
  }

  /** The detector loop's incident hook: `at` is the minute (event time) the event happened in. */
  onIncident(event: IncidentEvent, at: number): void {
    const { incident } = event;
    if (event.type === 'open') {
      this.open.set(incident.id, { sent: sentAt(incident, at) });
      this.send(event);
      return;
    }
    if (event.type === 'close') {
      this.open.delete(incident.id);
      this.send(event);
      return;
    }
    const known = this.open.get(incident.id);
    // An incident opened before a restart: its receivers have not heard of it from this process.
    if (known === undefined) {
      this.open.set(incident.id, { sent: sentAt(incident, at) });
      this.send(event);
      return;
    }
    known.unsent = incident;
    this.flush(known, at);
  }

  /** The detector loop's minute hook: sends updates held back by the interval once it has passed. */
  onMinuteClosed(at: number): void {
    for (const known of this.open.values()) this.flush(known, at);
  }

  /** Deliveries, most recent first, optionally of one status. */
  deliveries(query: AlertDeliveryQuery): AlertDelivery[] {
    return this.notifier
      .deliveries()
      .filter((d) => query.status === undefined || d.status === query.status)
      .slice(0, query.limit)
      .map(({ url, ...rest }) => ({ ...rest, webhook: this.webhooks.urls.indexOf(url) + 1, url: redactUrl(url) }));
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  private flush(known: OpenIncident, at: number): void {
    const incident = known.unsent;
    if (incident === undefined || !isMaterialUpdate(known.sent, incident, at, this.policy)) return;
    known.sent = sentAt(incident, at);
    delete known.unsent;
    this.send({ type: 'update', incident });
  }

  private send(event: IncidentEvent): void {
    const id = event.incident.id;
    const previous = this.chains.get(id);
    // Started at once when nothing is ahead, so the delivery shows as pending right away.
    const next = previous ? previous.then(() => this.deliver(event)) : this.deliver(event);
    this.chains.set(id, next);
    void next.finally(() => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    });
  }

  private async deliver(event: IncidentEvent): Promise<void> {
    let deliveries: Delivery[];
    try {
      deliveries = await this.notifier.notify(event);
    } catch (error) {
      this.options.log?.(`webhook ${event.type} ${event.incident.id}: ${errorMessage(error)}`);
      return;
    }
    for (const d of deliveries) {
      this.options.metrics?.inc('outage_radar_webhook_deliveries_total', { event: d.event, status: d.status });
      if (d.status === 'failed') {
        this.options.log?.(`webhook ${redactUrl(d.url)}: ${d.event} of ${d.incidentId} failed after ${d.attempts} attempt(s): ${d.lastError ?? 'no reason'}`);
      }
    }
  }
}

function sentAt(incident: Incident, at: number): SentIncident {
  return { at, peakConfidence: incident.peakConfidence, regions: [...incident.regions] };
}

/** `https://hooks.example.com/…`: webhook paths and queries often carry the receiver's token. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  const hidden = parsed.pathname !== '/' || parsed.search !== '';
  return `${parsed.protocol}//${parsed.host}${hidden ? '/…' : ''}`;
}
