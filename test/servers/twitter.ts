// A local X API v2 server: bearer auth, recent search pages, stream rules and the filtered stream
// (CRLF-delimited JSON, `\r\n` keep-alives), scripted reply by reply so tests can inject 429s,
// malformed payloads and disconnects.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { closeServer, delay, listenLocally, readBody } from './http.ts';

export const TEST_BEARER_TOKEN = 'test-bearer-token';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless it is already a string. */
  body: unknown;
}

export type StreamStep =
  | { payload: unknown }
  | { line: string }
  | { keepAlive: true }
  | { pauseMs: number }
  /** The server hangs up. */
  | { end: true }
  /** The connection stays open and silent. */
  | { silence: true };

export interface StreamConnection {
  /** A non-200 reply instead of a stream. */
  reply?: Reply;
  /** Never answer the request at all. */
  unanswered?: boolean;
  steps?: StreamStep[];
}

export interface StoredRule {
  id: string;
  value: string;
  tag?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body?: unknown;
}

export interface TwitterServerScript {
  /** Replies to `/2/tweets/search/recent`, one per request, in order. */
  search?: Reply[];
  /** One per connection to `/2/tweets/search/stream`, in order; afterwards connections get keep-alives only. */
  stream?: StreamConnection[];
  rules?: StoredRule[];
}

export interface TwitterServer {
  /** API v2 base URL, e.g. `http://127.0.0.1:41234/2/`. */
  baseUrl: string;
  requests: RecordedRequest[];
  rules: StoredRule[];
  close(): Promise<void>;
}

const MAX_RULE_LENGTH = 512;

export async function startTwitterServer(script: TwitterServerScript): Promise<TwitterServer> {
  const requests: RecordedRequest[] = [];
  const rules: StoredRule[] = [...(script.rules ?? [])];
  const searchReplies = [...(script.search ?? [])];
  const streamConnections = [...(script.stream ?? [])];
  let nextRuleId = 1000;

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const text = await readBody(request);
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers };
    if (text) recorded.body = JSON.parse(text);
    requests.push(recorded);
    if (request.headers.authorization !== `Bearer ${TEST_BEARER_TOKEN}`) {
      return send(response, { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } });
    }
    if (url.pathname === '/2/tweets/search/recent') {
      return send(response, searchReplies.shift() ?? { body: { meta: { result_count: 0 } } });
    }
    if (url.pathname === '/2/tweets/search/stream/rules' && recorded.method === 'GET') {
      return send(response, { body: { ...(rules.length ? { data: rules } : {}), meta: { sent: new Date().toISOString(), result_count: rules.length } } });
    }
    if (url.pathname === '/2/tweets/search/stream/rules' && recorded.method === 'POST') {
      return send(response, updateRules(rules, recorded.body, () => String(nextRuleId++)));
    }
    if (url.pathname === '/2/tweets/search/stream') {
      return stream(response, streamConnections.shift() ?? { steps: [] });
    }
    send(response, { status: 404, body: { title: 'Not Found Error', detail: `no route ${url.pathname}` } });
  });
  const origin = await listenLocally(server);
  return { baseUrl: `${origin}/2/`, requests, rules, close: () => closeServer(server) };
}

function send(response: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  response.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  response.end(body);
}

function updateRules(rules: StoredRule[], body: unknown, newId: () => string): Reply {
  const request = body as { add?: { value: string; tag?: string }[]; delete?: { ids: string[] } };
  const sent = new Date().toISOString();
  if (request.delete) {
    const before = rules.length;
    const ids = new Set(request.delete.ids);
    rules.splice(0, rules.length, ...rules.filter((rule) => !ids.has(rule.id)));
    return { body: { meta: { sent, summary: { deleted: before - rules.length, not_deleted: ids.size - (before - rules.length) } } } };
  }
  const created: StoredRule[] = [];
  const errors: unknown[] = [];
  for (const rule of request.add ?? []) {
    if (rule.value.length > MAX_RULE_LENGTH) {
      errors.push({ value: rule.value, details: [`Rule must not exceed ${MAX_RULE_LENGTH} characters.`], title: 'Invalid Rule', type: 'https://api.twitter.com/2/problems/invalid-rules' });
      continue;
    }
    const stored = { id: newId(), value: rule.value, ...(rule.tag ? { tag: rule.tag } : {}) };
    rules.push(stored);
    created.push(stored);
  }
  const summary = { created: created.length, not_created: errors.length, valid: created.length, invalid: errors.length };
  return { body: { ...(created.length ? { data: created } : {}), ...(errors.length ? { errors } : {}), meta: { sent, summary } } };
}

async function stream(response: ServerResponse, connection: StreamConnection): Promise<void> {
  if (connection.reply) return send(response, connection.reply);
  if (connection.unanswered) return;
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'transfer-encoding': 'chunked' });
  response.flushHeaders();
  for (const step of connection.steps ?? []) {
    if (response.destroyed) return;
    if ('payload' in step) response.write(`${JSON.stringify(step.payload)}\r\n`);
    else if ('line' in step) response.write(`${step.line}\r\n`);
    else if ('keepAlive' in step) response.write('\r\n');
    else if ('pauseMs' in step) await delay(step.pauseMs);
    else if ('end' in step) return void response.end();
    else if ('silence' in step) return;
  }
  const keepAlive = setInterval(() => response.write('\r\n'), 100);
  response.on('close', () => clearInterval(keepAlive));
}
