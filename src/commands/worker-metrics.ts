// A worker's /healthz and /metrics on METRICS_PORT. When the port cannot be bound (taken, not
// allowed), the worker says so in one line and goes on without them: draining the queue during an
// outage matters more than being watched, and several workers started with one METRICS_PORT on
// one host must not stop each other.
import { createServer, type Server } from 'node:http';
import { createWorkerApp } from '../api/app.ts';

export interface WorkerMetricsOptions {
  port: number;
  host: string;
  metricsText: () => Promise<string>;
  log: (message: string) => void;
}

/** The listening server, or undefined when the port could not be bound (already logged). */
export function serveWorkerMetrics({ port, host, metricsText, log }: WorkerMetricsOptions): Promise<Server | undefined> {
  const server = createServer(createWorkerApp(metricsText));
  return new Promise((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is in use' : error.code === 'EACCES' ? 'is not allowed' : `cannot be used (${error.code ?? error.message})`;
      log(`METRICS_PORT ${port} on ${host} ${why}: running without /metrics and /healthz; set METRICS_PORT to a free port`);
      resolve(undefined);
    });
    server.listen(port, host, () => {
      log(`metrics on http://${host}:${port}/metrics`);
      resolve(server);
    });
  });
}
