// JSON bodies of cached answers, serialised once per answer: the Radar hands out the same answer object
// while it is fresh, so thousands of requests a second need not JSON.stringify it each time.
import type { Response } from 'express';

/** A cached answer and how its JSON body is made from it. */
export interface JsonAnswer {
  /** The object the Radar handed out; the body is made once per such object. */
  answer: object;
  /** The body; default the answer itself. */
  body?: () => unknown;
  /** What else the body depends on (e.g. a query parameter echoed in it). */
  variant?: string;
}

export class JsonBodies {
  /** Per answer object: the body made from it and the variant (e.g. a query parameter echoed in it) it was made for. */
  private readonly bodies = new WeakMap<object, { variant: string; bytes: Buffer }>();

  /**
   * Sends the body as `res.json` would (same bytes, same Content-Type), made only when the answer
   * object or the variant is new. The answer must not change after it was first sent.
   */
  send(res: Response, answer: JsonAnswer): void {
    res.set('Content-Type', 'application/json; charset=utf-8').send(this.bytes(answer));
  }

  /** The body's bytes, as `JSON.stringify` makes them. */
  bytes({ answer, body = () => answer, variant = '' }: JsonAnswer): Buffer {
    let made = this.bodies.get(answer);
    if (made === undefined || made.variant !== variant) {
      made = { variant, bytes: Buffer.from(JSON.stringify(body())) };
      this.bodies.set(answer, made);
    }
    return made.bytes;
  }
}
