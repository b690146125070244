// A webhook receiver for the alert tests: a real HTTP server on 127.0.0.1 that answers the n-th
// request with `statuses[n]` (the last one after that) and keeps what it received.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver<T> {
  server: Server;
  url: string;
  received: T[];
}

/** `record` turns each request into what the test keeps (by default the headers and the body). */
export async function startReceiver<T = ReceivedRequest>(
  statuses: number[],
  path: string,
  record: (request: ReceivedRequest) => T = (request) => request as T,
): Promise<Receiver<T>> {
  const received: T[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(record({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)];
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, received };
}
