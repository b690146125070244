// Incident webhooks: on open / update / close, POST the incident as JSON to each configured URL, signed
// with HMAC-SHA256 of `<timestamp>.<body>` (`X-Outage-Radar-Signature: sha256=<hex>`, the timestamp in
// `X-Outage-Radar-Timestamp`, Unix seconds) so a receiver can refuse a replayed old call; retried with
// exponential backoff on network errors, timeouts, 408, 429 and 5xx. Every delivery is recorded for the API to show.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncidentEvent } from '../detect/detector.ts';
import type { WebhookEnv } from '../config/env-schema.ts';
import { Backoff } from '../util/backoff.ts';
import { UserError } from '../util/error-message.ts';

export const SIGNATURE_HEADER = 'X-Outage-Radar-Signature';
export const TIMESTAMP_HEADER = 'X-Outage-Radar-Timestamp';
/** How old a signed call a receiver should still accept (s), as verifySignature does by default. */
export const SIGNATURE_TOLERANCE_S = 300;

export interface WebhookOptions {
  urls: string[];
  /** Shared secret for the HMAC signature. */
  secret: string;
  /** Attempts per delivery, the first included. Default 5. */
  maxAttempts?: number;
  /** Wait before the second attempt; doubles each time. Default 1000 ms. */
  initialBackoffMs?: number;
  /** Longest wait between attempts. Default 60 000 ms. */
  maxBackoffMs?: number;
  /** Per-attempt timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** Deliveries kept in memory for `deliveries()`. Default 500. */
  keep?: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  id: string;
  url: string;
  event: IncidentEvent['type'];
  incidentId: string;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt, when there was a response. */
  lastStatusCode?: number;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
}

/** Raised for a configuration that cannot work (no secret, a URL that is not http(s)). */
export class WebhookConfigError extends UserError {
  override name = 'WebhookConfigError';
}

/** `sha256=<hex>` of `<timestamp>.<body>` under the secret: what a receiver recomputes to trust the call. */
export function sign(body: string, secret: string, timestamp: number): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface SignedCall {
  body: string;
  /** The X-Outage-Radar-Timestamp header. */
  timestamp: string | undefined;
  /** The X-Outage-Radar-Signature header. */
  signature: string | undefined;
}

/**
 * The receiver's check (docs/api.md, "Incident webhooks"): the signature is the body's under the secret
 * and the timestamp is at most `toleranceS` from now, so a captured call sent again later is refused.
 */
export function verifySignature(call: SignedCall, secret: string, nowMs = Date.now(), toleranceS = SIGNATURE_TOLERANCE_S): boolean {
  const timestamp = Number(call.timestamp);
  if (!/^\d+$/.test(call.timestamp ?? '') || Math.abs(nowMs / 1000 - timestamp) > toleranceS) return false;
  const expected = Buffer.from(sign(call.body, secret, timestamp));
  const given = Buffer.from(call.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The webhook settings of the parsed environment (OUTAGE_RADAR_WEBHOOKS, OUTAGE_RADAR_WEBHOOK_SECRET,
 * see config/env-schema.ts). Undefined when no URL is configured.
 */
export function webhookOptionsFromEnv(env: Pick<WebhookEnv, 'OUTAGE_RADAR_WEBHOOKS' | 'OUTAGE_RADAR_WEBHOOK_SECRET'>): WebhookOptions | undefined {
  if (env.OUTAGE_RADAR_WEBHOOKS.length === 0) return undefined;
  return { urls: env.OUTAGE_RADAR_WEBHOOKS, secret: env.OUTAGE_RADAR_WEBHOOK_SECRET ?? '' };
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;

export class WebhookNotifier {
  private readonly opts: Required<WebhookOptions>;
  private readonly log: Delivery[] = [];
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: WebhookOptions, deps: { sleep?: (ms: number) => Promise<void> } = {}) {
    if (!opts.secret) throw new WebhookConfigError('webhooks need a shared secret (OUTAGE_RADAR_WEBHOOK_SECRET) to sign their bodies');
    for (const url of opts.urls) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new WebhookConfigError(`webhook URL "${url}" is not a URL`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new WebhookConfigError(`webhook URL "${url}" must be http or https`);
      }
    }
    this.opts = { maxAttempts: 5, initialBackoffMs: 1000, maxBackoffMs: 60_000, timeoutMs: 10_000, keep: 500, ...opts };
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Delivers the event to every URL (in parallel); resolves when each has succeeded or given up. */
  async notify(event: IncidentEvent): Promise<Delivery[]> {
    const body = JSON.stringify({ event: event.type, incident: event.incident });
    return Promise.all(this.opts.urls.map((url) => this.deliver(url, event, body)));
  }

  /** Most recent first. */
  deliveries(): Delivery[] {
    return this.log.map((d) => ({ ...d })).reverse();
  }

  private async deliver(url: string, event: IncidentEvent, body: string): Promise<Delivery> {
    const now = new Date().toISOString();
    const delivery: Delivery = {
      id: randomUUID(),
      url,
      event: event.type,
      incidentId: event.incident.id,
      status: 'pending',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };
    this.log.push(delivery);
    if (this.log.length > this.opts.keep) this.log.shift();
    const backoff = new Backoff({ initialMs: this.opts.initialBackoffMs, maxMs: this.opts.maxBackoffMs, jitter: 0 });
    while (delivery.status === 'pending') {
      delivery.attempts++;
      const retry = await this.attempt(url, delivery, body);
      delivery.updatedAt = new Date().toISOString();
      if (delivery.status !== 'pending') break;
      if (!retry || delivery.attempts >= this.opts.maxAttempts) {
        delivery.status = 'failed';
        break;
      }
      await this.sleep(backoff.next());
    }
    return { ...delivery };
  }

  /** One POST; marks the delivery delivered on 2xx, records the error otherwise. Returns whether to retry. */
  private async attempt(url: string, delivery: Delivery, body: string): Promise<boolean> {
    // Signed afresh on each attempt: a retry after a long backoff is still fresh to the receiver.
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [SIGNATURE_HEADER]: sign(body, this.opts.secret, timestamp),
          [TIMESTAMP_HEADER]: String(timestamp),
          'X-Outage-Radar-Event': delivery.event,
          // Same id on every retry, so a receiver can drop duplicates.
          'X-Outage-Radar-Delivery': delivery.id,
        },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      await response.arrayBuffer();
      delivery.lastStatusCode = response.status;
      if (response.ok) {
        delivery.status = 'delivered';
        delete delivery.lastError;
        return false;
      }
      delivery.lastError = `HTTP ${response.status} ${response.statusText}`.trim();
      return RETRYABLE_STATUS(response.status);
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      delivery.lastError = err.name === 'TimeoutError' ? `timed out after ${this.opts.timeoutMs} ms` : `${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`;
      return true;
    }
  }
}
