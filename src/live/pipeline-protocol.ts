// What the HTTP thread and the pipeline thread (src/live/pipeline-worker.ts) say to each other.
// Everything crosses by structured clone: settings once, then calls of the Radar and their answers,
// and a few events (opened, minutes closed, log lines). Errors cross as plain data and are made
// into the same classes again, so the API answers them as it would in one thread.
import type { ServiceEnv } from '../config/service-env.ts';
import { InputError, UnavailableError } from '../model/errors.ts';
import type { Radar } from './radar.ts';
import type { LogFields } from '../observe/log.ts';
import { isUserError, UserError } from '../util/error-message.ts';

/** How the pipeline thread opens the live service: what `serve` read from its flags and environment. */
export interface PipelineSettings {
  env: ServiceEnv;
  /** DATA_DIR, resolved. */
  dataDir: string;
  /** Sources and classification run in the pipeline thread (always without REDIS_URL). */
  runsWorkers: boolean;
  /** With no source configured, replay the bundled sample. */
  demo: boolean;
  /** How often the detector loop looks for closable minutes (ms). Default 1000. */
  tickMs?: number;
}

/** The Radar's functions the HTTP thread forwards to the pipeline thread. */
export type Forwarded = Omit<Radar, 'hasService' | 'bucketMs'>;
export type CallName = keyof Forwarded;

export type ToPipeline =
  | { type: 'call'; id: number; method: CallName; args: unknown[] }
  /** The HTTP API listens: start the detector loop and the sources (the port for the demo's hint). */
  | { type: 'start'; port: number }
  | { type: 'stop' };

export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  field?: string;
  retryAfterSeconds?: number;
  /** A cause the user can fix (UserError): printed as one line. */
  user?: true;
}

export type FromPipeline =
  | { type: 'opened'; bucketMs: number; mode: string }
  | { type: 'open-failed'; error: ErrorData }
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: ErrorData }
  /** The detector closed minutes: read answers of an older minute are stale. */
  | { type: 'closed'; lastClosed: number }
  | { type: 'log'; message: string; fields?: LogFields }
  | { type: 'stopped' };

export function errorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return {
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(error instanceof InputError ? { field: error.field } : {}),
    ...(error instanceof UnavailableError ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    ...(isUserError(error) ? { user: true as const } : {}),
  };
}

/** The error again, as the class the API and the CLI tell apart (400, 503, a one-line user error). */
export function errorFrom(data: ErrorData): Error {
  const error =
    data.field !== undefined ? new InputError(data.field, data.message)
    : data.retryAfterSeconds !== undefined ? new UnavailableError(data.message, data.retryAfterSeconds)
    : data.user ? new UserError(data.message)
    : new Error(data.message);
  if (data.stack) error.stack = data.stack;
  return error;
}
