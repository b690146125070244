// Open-loop HTTP load from its own process (used by `npm run bench`): requests at a fixed rate to
// 127.0.0.1 only, for a bounded time, then one JSON line of latency percentiles on stdout.
// `tsx scripts/load.ts --port 8080 --rate 2000 --seconds 10 /v1/outages /v1/services/whatsapp/signal`
// The client is a pool of keep-alive sockets writing HTTP/1.1 GETs and reading each response to the
// end of its Content-Length: on a 2-core machine, http.Agent's own CPU use would slow the server it measures.
import net from 'node:net';
import { parseScriptArgs } from './flags.ts';

interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  seconds: number;
  rate: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Sockets at most, as the http.Agent this replaced allowed; requests beyond wait for a free one, their clock running. */
const MAX_SOCKETS = 64;
const HEADER_END = Buffer.from('\r\n\r\n');

function parseArgs(argv: string[]): { port: number; rate: number; seconds: number; paths: string[] } {
  const { flags, paths } = parseScriptArgs(argv);
  const port = Number(flags.get('port'));
  const rate = Number(flags.get('rate') ?? 2000);
  const seconds = Math.min(Number(flags.get('seconds') ?? 10), 120);
  if (!Number.isInteger(port) || port <= 0 || paths.length === 0) {
    throw new Error('usage: load.ts --port N [--rate R] [--seconds S] PATH...');
  }
  return { port, rate, seconds, paths };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Head {
  status: number;
  /** Bytes of the head including its blank line. */
  length: number;
  contentLength: number;
}

/** Status and Content-Length of a response head that ends within `data`, or undefined while it is incomplete. */
function parseHead(data: Buffer): Head | undefined {
  const end = data.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const head = data.toString('latin1', 0, end);
  const status = Number(head.slice(9, 12));
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!match) throw new Error(`response without Content-Length: ${head.split('\r\n')[0]}`);
  return { status, length: end + HEADER_END.length, contentLength: Number(match[1]) };
}

/** One keep-alive connection carrying one request at a time. */
class Connection {
  private data: Buffer | undefined;
  private head: Head | undefined;
  private sentAt = 0;
  private busy = false;
  private failed = false;
  readonly socket: net.Socket;

  constructor(
    port: number,
    private readonly onResponse: (connection: Connection, status: number, ms: number) => void,
    private readonly onFailure: (connection: Connection, inFlight: boolean) => void,
  ) {
    this.socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', () => this.fail());
    this.socket.on('close', () => this.fail());
  }

  send(request: Buffer, sentAt: number): void {
    this.busy = true;
    this.sentAt = sentAt;
    this.socket.write(request);
  }

  private receive(chunk: Buffer): void {
    this.data = this.data === undefined ? chunk : Buffer.concat([this.data, chunk]);
    this.head ??= parseHead(this.data);
    if (this.head === undefined || this.data.length < this.head.length + this.head.contentLength) return;
    const { status } = this.head;
    this.data = undefined;
    this.head = undefined;
    this.busy = false;
    this.onResponse(this, status, performance.now() - this.sentAt);
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.socket.destroy();
    this.onFailure(this, this.busy);
  }
}

async function run(): Promise<LoadResult> {
  const { port, rate, seconds, paths } = parseArgs(process.argv.slice(2));
  const requests = paths.map((path) => Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, 'latin1'));
  const total = Math.round(rate * seconds);
  const latencies = new Float64Array(total);
  let ok = 0;
  let sent = 0;
  let errors = 0;
  let inFlight = 0;
  const idle: Connection[] = [];
  let open = 0;
  /** Requests due while every socket was busy: [request index, time it was due to be sent]. */
  const waiting: Array<[number, number]> = [];
  let waitingHead = 0;

  const dispatch = (connection: Connection) => {
    if (waitingHead < waiting.length) {
      const [index, dueAt] = waiting[waitingHead++];
      connection.send(requests[index], dueAt);
    } else idle.push(connection);
  };
  const onResponse = (connection: Connection, status: number, ms: number) => {
    inFlight--;
    if (status === 200) latencies[ok++] = ms;
    else errors++;
    dispatch(connection);
  };
  const onFailure = (connection: Connection, wasInFlight: boolean) => {
    open--;
    const at = idle.indexOf(connection);
    if (at >= 0) idle.splice(at, 1);
    if (wasInFlight) {
      inFlight--;
      errors++;
    }
  };
  const request = (index: number, now: number) => {
    inFlight++;
    const connection = idle.pop();
    if (connection) connection.send(requests[index], now);
    else if (open < MAX_SOCKETS) {
      open++;
      new Connection(port, onResponse, onFailure).send(requests[index], now);
    } else waiting.push([index, now]);
  };

  const started = performance.now();
  // Sends whatever the schedule says is due every millisecond: the rate holds even when replies are slow.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - started) / 1000) * rate));
      while (sent < due) request(sent++ % paths.length, now);
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const deadline = performance.now() + 10_000;
  while (inFlight > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const elapsed = (performance.now() - started) / 1000;
  for (const connection of idle) connection.socket.destroy();
  const sorted = latencies.subarray(0, ok).sort();
  return {
    sent,
    ok,
    errors: errors + inFlight,
    seconds: elapsed,
    rate: ok / elapsed,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? 0,
  };
}

process.stdout.write(JSON.stringify(await run()) + '\n');
