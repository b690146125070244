// Open-loop HTTP load from its own process (used by `npm run bench`): requests at a fixed rate to
// 127.0.0.1 only, for a bounded time, then one JSON line of latency percentiles on stdout.
// `tsx scripts/load.ts --port 8080 --rate 2000 --seconds 10 /v1/outages /v1/services/whatsapp/signal`
import http from 'node:http';

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

function parseArgs(argv: string[]): { port: number; rate: number; seconds: number; paths: string[] } {
  const flags = new Map<string, string>();
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) flags.set(argv[i].slice(2), argv[++i] ?? '');
    else paths.push(argv[i]);
  }
  const port = Number(flags.get('port'));
  const rate = Number(flags.get('rate') ?? 2000);
  const seconds = Math.min(Number(flags.get('seconds') ?? 10), 120);
  if (!Number.isInteger(port) || port <= 0 || paths.length === 0) {
    throw new Error('usage: load.ts --port N [--rate R] [--seconds S] PATH...');
  }
  return { port, rate, seconds, paths };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(): Promise<LoadResult> {
  const { port, rate, seconds, paths } = parseArgs(process.argv.slice(2));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let inFlight = 0;
  const started = performance.now();
  const total = Math.round(rate * seconds);

  const request = (path: string) => {
    const t0 = performance.now();
    inFlight++;
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        inFlight--;
        if (res.statusCode === 200) latencies.push(performance.now() - t0);
        else errors++;
      });
    });
    req.on('error', () => {
      inFlight--;
      errors++;
    });
  };

  // Sends whatever the schedule says is due every millisecond: the rate holds even when replies are slow.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      while (sent < due) request(paths[sent++ % paths.length]);
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const deadline = performance.now() + 10_000;
  while (inFlight > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent,
    ok: latencies.length,
    errors,
    seconds: elapsed,
    rate: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p90Ms: percentile(latencies, 90),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
  };
}

process.stdout.write(JSON.stringify(await run()) + '\n');
