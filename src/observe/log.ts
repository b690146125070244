// The one way the service and its workers write log lines: plain text for a terminal, or one JSON
// object a line (LOG_FORMAT=json) for a log collector. Every line has URL passwords masked.
import { redactUrls } from '../util/redact.ts';

export type LogFormat = 'text' | 'json';
export type LogLevel = 'info' | 'warn' | 'error';

export interface LogFields {
  /** Default info. */
  level?: LogLevel;
  /** The X-Request-Id of the request the line is about. */
  requestId?: string;
}

export type Log = (message: string, fields?: LogFields) => void;

/**
 * A log writing to stderr as `<name>: <message>`, or in JSON as
 * `{"time": ISO 8601, "level", "name", "msg", "requestId"?}`.
 */
export function createLog(name: string, format: LogFormat, write: (line: string) => void = (line) => process.stderr.write(line)): Log {
  if (format === 'text') return (message) => write(`${name}: ${redactUrls(message)}\n`);
  return (message, { level = 'info', ...fields } = {}) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, name, msg: redactUrls(message), ...fields })}\n`);
}
