// One id per request, in the X-Request-Id response header, error bodies and log lines, so a user's
// report of a failed call can be found in the logs. A proxy's or client's id is kept when it is sane.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** What a client may send as its id: short, and nothing that could forge or break a log line. */
const SANE_ID = /^[\w.:@+=/-]{1,128}$/;

/** The request's id, set on the response the first time it is asked for (every path a request takes asks). */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const set = res.getHeader(REQUEST_ID_HEADER);
  if (typeof set === 'string') return set;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
