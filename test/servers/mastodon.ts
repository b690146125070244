// A local Mastodon streaming server (server-sent events): `event: update` + `data: <status JSON>`,
// `:thump` heartbeats, scripted connection by connection so tests can drop, stall or refuse them.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { closeServer, delay, listenLocally } from './http.ts';

export type SseStep =
  | { event: string; data: string }
  | { heartbeat: true }
  | { pauseMs: number }
  | { end: true }
  | { silence: true };

export interface SseConnection {
  /** A plain HTTP reply instead of a stream. */
  reply?: { status: number; headers?: Record<string, string>; body: string };
  steps?: SseStep[];
}

export interface MastodonScript {
  /** One per connection to `/api/v1/streaming/...`, in order; afterwards connections get heartbeats only. */
  streams: SseConnection[];
  /** Status arrays answering `/api/v1/timelines/...`, one per request, in order (newest first, as Mastodon sends them). */
  timelines?: unknown[][];
  /** Statuses the instance holds, oldest first: a timeline request past `timelines` gets the `limit` after `min_id`, newest first. */
  kept?: { id: string }[];
  /** When set, requests without `Authorization: Bearer <token>` get Mastodon's 401. */
  token?: string;
}

export interface MastodonServer {
  url: string;
  requests: { path: string; query: URLSearchParams; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** `port` restarts a stopped server where its clients reconnect; default an ephemeral port. */
export async function startMastodonServer(script: MastodonScript, port = 0): Promise<MastodonServer> {
  const requests: MastodonServer['requests'] = [];
  const streams = [...script.streams];
  const timelines = [...(script.timelines ?? [])];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push({ path: url.pathname, query: url.searchParams, headers: request.headers });
    if (script.token && request.headers.authorization !== `Bearer ${script.token}`) {
      return reply(response, { status: 401, body: '{"error":"The access token is invalid"}' });
    }
    if (url.pathname.startsWith('/api/v1/timelines/')) {
      return reply(response, { status: 200, body: JSON.stringify(timelines.shift() ?? after(script.kept ?? [], url.searchParams)) });
    }
    if (!url.pathname.startsWith('/api/v1/streaming/')) return reply(response, { status: 404, body: '{"error":"Record not found"}' });
    void stream(response, streams.shift() ?? { steps: [] });
  });
  const origin = await listenLocally(server, port);
  return { url: origin, requests, close: () => closeServer(server) };
}

/** Mastodon's `min_id` page: the statuses right after `min_id` (ids of one length compare as strings). */
function after(kept: { id: string }[], query: URLSearchParams): unknown[] {
  const minId = query.get('min_id') ?? '';
  return kept.filter((status) => status.id > minId).slice(0, Number(query.get('limit') ?? 20)).reverse();
}

function reply(response: ServerResponse, answer: NonNullable<SseConnection['reply']>): void {
  response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  response.end(answer.body);
}

async function stream(response: ServerResponse, connection: SseConnection): Promise<void> {
  if (connection.reply) return reply(response, connection.reply);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'transfer-encoding': 'chunked' });
  response.write(':)\n');
  for (const step of connection.steps ?? []) {
    if (response.destroyed) return;
    if ('event' in step) response.write(`event: ${step.event}\ndata: ${step.data}\n\n`);
    else if ('heartbeat' in step) response.write(':thump\n');
    else if ('pauseMs' in step) await delay(step.pauseMs);
    else if ('end' in step) return void response.end();
    else if ('silence' in step) return;
  }
  const heartbeat = setInterval(() => response.write(':thump\n'), 100);
  response.on('close', () => clearInterval(heartbeat));
}
