// A local Jetstream: WebSocket `/subscribe?wantedCollections=...&cursor=...` sending JSON events,
// scripted connection by connection (close mid-stream, go silent, refuse the upgrade with 429).
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, delay, listenLocally } from './http.ts';

export type JetstreamStep =
  | { event: unknown }
  /** Many events sent back to back, as fast as the socket takes them. */
  | { burst: unknown[] }
  | { raw: string }
  | { pauseMs: number }
  | { close: number }
  | { silence: true };

export interface JetstreamConnection {
  /** Refuse the upgrade with this HTTP status (and headers). */
  refuse?: { status: number; headers?: Record<string, string> };
  /** Events the server keeps: a request with `cursor` gets those with `time_us` >= cursor first, as Jetstream replays. */
  history?: { time_us: number }[];
  steps?: JetstreamStep[];
}

export interface JetstreamServer {
  /** `ws://127.0.0.1:<port>/subscribe` */
  url: string;
  /** The query of every upgrade request, in order. */
  connections: URLSearchParams[];
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' };

/** `port` restarts a stopped server where its clients reconnect; default an ephemeral port. */
export async function startJetstreamServer(script: JetstreamConnection[], port = 0): Promise<JetstreamServer> {
  const queue = [...script];
  const connections: URLSearchParams[] = [];
  const sockets = new Set<WebSocket>();
  const server = createServer((_request, response) => response.writeHead(426).end('Upgrade Required'));
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    connections.push(url.searchParams);
    const connection = queue.shift() ?? { steps: [] };
    if (url.pathname !== '/subscribe' || connection.refuse) {
      const status = connection.refuse?.status ?? 404;
      const headers = Object.entries(connection.refuse?.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n${headers}Content-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      void play(ws, [...replayed(connection.history, url.searchParams.get('cursor')), ...(connection.steps ?? [])]);
    });
  });
  const origin = await listenLocally(server, port);
  return {
    url: `${origin.replace('http:', 'ws:')}/subscribe`,
    connections,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}

function replayed(history: { time_us: number }[] = [], cursor: string | null): JetstreamStep[] {
  if (cursor === null) return []; // no cursor: live only
  return history.filter((event) => event.time_us >= Number(cursor)).map((event) => ({ event }));
}

async function play(ws: WebSocket, steps: JetstreamStep[]): Promise<void> {
  for (const step of steps) {
    if (ws.readyState !== ws.OPEN) return;
    if ('event' in step) ws.send(JSON.stringify(step.event));
    else if ('burst' in step) for (const event of step.burst) ws.send(JSON.stringify(event));
    else if ('raw' in step) ws.send(step.raw);
    else if ('pauseMs' in step) await delay(step.pauseMs);
    else if ('close' in step) return ws.close(step.close, 'server going away');
    else if ('silence' in step) return;
  }
}
