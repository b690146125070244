// Starting and stopping the local wire-format servers the source tests talk to.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on `port` of 127.0.0.1 (default: an ephemeral one) and returns the origin, e.g. `http://127.0.0.1:41234`. */
export async function listenLocally(server: Server, port = 0): Promise<string> {
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Drops open (streaming) connections too, so a test never waits for a client to hang up. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function readBody(request: NodeJS.ReadableStream): Promise<string> {
  let body = '';
  for await (const chunk of request) body += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return body;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
