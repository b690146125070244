// The metrics every outage-radar process exposes: one registry, the names declared in one place.
import { Metrics } from '../observe/metrics.ts';
import type { OutOfRange } from '../pipeline/event-clock.ts';
import type { QueueDepth } from '../queue/queue.ts';
import type { DataLoss, DataLossKind } from '../aggregate/redis-marker.ts';

export function createServiceMetrics(): Metrics {
  const m = new Metrics();
  m.define('outage_radar_posts_received_total', 'counter', 'Posts taken in from sources and the ingest route, by source');
  m.define('outage_radar_posts_lost_total', 'counter', 'Posts whose batch the queue never acknowledged after retries, by source');
  m.define('outage_radar_posts_malformed_total', 'counter', 'Payloads that could not be turned into a post, by source');
  m.define('outage_radar_posts_out_of_range_total', 'counter', 'Posts turned away for their createdAt, by source and reason (ahead, late, impossible)');
  m.define('outage_radar_source_reconnects_total', 'counter', 'Connections a live source opened after its first one, by source');
  m.define('outage_radar_posts_truncated_total', 'counter', 'Posts whose text was cut to MAX_POST_TEXT_CHARS, by source');
  m.define('outage_radar_posts_classified_total', 'counter', 'Posts classified and counted, by label');
  m.define('outage_radar_posts_unmatched_total', 'counter', 'Posts counted that name no known service');
  m.define('outage_radar_posts_duplicate_total', 'counter', 'Posts dropped because another batch already counted them');
  m.define('outage_radar_batches_failed_total', 'counter', 'Batch attempts that threw (they retry, then dead-letter)');
  m.define('outage_radar_queue_depth', 'gauge', 'Batches in the queue, by state');
  m.define('outage_radar_queue_max_waiting', 'gauge', 'Waiting batches above which ingest is turned away (QUEUE_MAX_WAITING)');
  m.define('outage_radar_dead_lettered', 'gauge', 'Batches that ran out of attempts');
  m.define('outage_radar_event_lag_seconds', 'gauge', 'Wall clock minus the newest post time seen (live sources)');
  m.define('outage_radar_detector_lag_seconds', 'gauge', 'Newest bucket minus the last minute the detector closed (event time)');
  m.define('outage_radar_detector_minutes_total', 'counter', 'Minutes the detector has closed');
  m.define('outage_radar_redis_data_lost_total', 'counter', 'Times this process found Redis had lost its data (marker gone: emptied; marker older: rolled_back)');
  m.define('outage_radar_webhook_deliveries_total', 'counter', 'Incident webhook deliveries finished, by event and status (delivered or failed)');
  return m;
}

export function countOutOfRange(metrics: Metrics, source: string, reason: OutOfRange): void {
  metrics.inc('outage_radar_posts_out_of_range_total', { source, reason });
}

/** The RedisMarker's onLost: counts each loss by kind; both series exist from the start, at 0, for alerts on their increase. */
export function countRedisDataLoss(metrics: Metrics): (loss: DataLoss) => void {
  for (const kind of ['emptied', 'rolled_back'] satisfies DataLossKind[]) metrics.inc('outage_radar_redis_data_lost_total', { kind }, 0);
  return (loss) => metrics.inc('outage_radar_redis_data_lost_total', { kind: loss.kind });
}

export function recordQueueDepth(metrics: Metrics, depth: QueueDepth): void {
  metrics.set('outage_radar_queue_depth', depth.waiting, { state: 'waiting' });
  metrics.set('outage_radar_queue_depth', depth.active, { state: 'active' });
  metrics.set('outage_radar_queue_depth', depth.failed, { state: 'retrying' });
  metrics.set('outage_radar_dead_lettered', depth.deadLettered);
}
