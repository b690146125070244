// The present in EVENT time, estimated from the posts that come in, and the judge of each new post's
// createdAt against it. The present follows the bulk of the recent posts, never the newest one, so one
// post dated 2031 or 1970 cannot move it; such posts are turned away with the reason.
import type { Post } from '../model/types.ts';

/** Why a post is not taken in. */
export type OutOfRange = 'ahead' | 'late' | 'impossible';

export type Admission = { ok: true } | { ok: false; reason: OutOfRange; message: string };

/** The first post of any network the sources read (Twitter's, 2006-03-21): anything earlier is a wrong time. */
const FIRST_POST_MS = Date.parse('2006-03-21T00:00:00Z');
/** How far after this machine's clock a post may be dated (the senders' clock skew). */
const AHEAD_OF_WALL_MS = 10 * 60_000;
/** How far ahead of the bulk's present a post may be, on top of the stream's own lead (gaps in a replay). */
const AHEAD_OF_BULK_MS = 60 * 60_000;
/** At a cold start the detector judges no minute more than this before the present (a stray old post is not a start). */
export const COLD_START_SPAN_MS = 24 * 60 * 60_000;
/** Posts taken in that the estimate is made of. */
const RECENT_POSTS = 64;
/** The present is this newest of the recent posts: that many posts dated ahead of the bulk do not move it. */
const FRONT_RANK = 8;
/** Posts needed before the present is known: with fewer, the front is their median and outliers could outvote it. */
const WARM_POSTS = 2 * FRONT_RANK - 1;

const OK: Admission = { ok: true };

interface Taken {
  event: number;
  /** Wall clock when the post was taken in: the present moves on from the front by the wall time since. */
  wall: number;
}

/**
 * The checks that need no history, so every process applies them (workers included): no post before
 * 2006-03-21, none more than 10 minutes after this machine's clock.
 */
export function checkHardBounds(eventMs: number, wallMs: number): Admission {
  if (Number.isNaN(eventMs)) return { ok: false, reason: 'impossible', message: 'createdAt is not an ISO 8601 time' };
  if (eventMs < FIRST_POST_MS) {
    return out('impossible', eventMs, `is before ${iso(FIRST_POST_MS).slice(0, 10)}, older than any network the sources read: check its unit (seconds or milliseconds) and time zone`);
  }
  if (eventMs > wallMs + AHEAD_OF_WALL_MS) {
    return out('ahead', eventMs, `is ${span(eventMs - wallMs)} after this server's clock (${iso(wallMs)}); at most ${span(AHEAD_OF_WALL_MS)} ahead is taken: check the sender's clock and time zone`);
  }
  return OK;
}

/**
 * The live service's event clock. Rules, in order, for a post dated `event` arriving at wall time `wall`:
 * 1. `impossible` before 2006-03-21; `ahead` after `wall` + 10 min (`checkHardBounds`).
 * 2. `late` before the end of the last minute the detector closed (it would never see the post); before
 *    any minute is closed, more than 24 h before the present (a cold start steps no further back).
 * 3. `ahead` more than 1 h plus the stream's lead after the present: twice the time 8 posts take at the
 *    bulk's pace (a post every 20 min: 5 h 20 min more), since a new post lies 8 posts past the front.
 * 4. Otherwise taken in, and it becomes one of the 64 recent posts.
 * The present is the 8th newest recent post's time plus the wall time since it came in: a replay at any
 * speed moves it with its posts, and a live source quiet for an hour finds it an hour on. It is unknown
 * until 15 posts came in (a cold start judges by rules 1-2 only, so a 2021 replay is taken on a 2026 wall clock).
 * Should more than half of the last 64 posts judged by rule 3 be ahead (a replay jumping a gap of hours),
 * the bulk has moved: the clock restarts from those posts. Memory: three arrays of at most 64 entries.
 */
export class EventClock {
  /** Recent posts in arrival order (a ring) and sorted by event time. */
  private readonly ring: Taken[] = [];
  private next = 0;
  private readonly sorted: Taken[] = [];
  /** Posts judged ahead by rule 3 among the last `RECENT_POSTS` judged by it, with their number. */
  private aheadOfBulk: Array<Taken & { n: number }> = [];
  private judged = 0;
  private closedBefore: number | undefined;
  private settled = false;

  /** Judges a post's createdAt and, when it is in range, counts it into the present. */
  admitPost(post: Post, wallMs = Date.now()): Admission {
    return this.admit(Date.parse(post.createdAt), wallMs);
  }

  admit(eventMs: number, wallMs: number): Admission {
    const hard = checkHardBounds(eventMs, wallMs);
    if (!hard.ok) return hard;
    const earliest = this.earliestJudged(wallMs);
    if (earliest !== undefined && eventMs < earliest) {
      const why = this.closedBefore === undefined ? `more than ${span(COLD_START_SPAN_MS)} before the posts coming in, where the detector starts` : 'in a minute the detector has already closed';
      return out('late', eventMs, `is ${why} (${iso(earliest)}); the allowed lateness is LATENESS_MS: send posts sooner or raise it`);
    }
    if (this.ring.length >= WARM_POSTS) {
      const present = this.present(wallMs);
      const allowed = AHEAD_OF_BULK_MS + this.lead();
      this.judged++;
      if (eventMs > present + allowed) {
        this.noteAheadOfBulk({ event: eventMs, wall: wallMs });
        return out('ahead', eventMs, `is ${span(eventMs - present)} ahead of the posts coming in (${iso(present)}); at most ${span(allowed)} ahead is taken: check its time zone`);
      }
    }
    this.take({ event: eventMs, wall: wallMs });
    return OK;
  }

  /**
   * Event time the posts have reached, for closing minutes: the present, but never past the newest post
   * taken in; once every source has ended (`settle`), that newest post. Undefined before 15 posts.
   */
  watermark(wallMs: number): number | undefined {
    const newest = this.sorted.at(-1)?.event;
    if (this.settled || newest === undefined) return newest;
    if (this.ring.length < WARM_POSTS) return undefined;
    return Math.min(newest, this.present(wallMs));
  }

  /** The detector has closed every minute before `endMs`: posts dated before it are late. */
  closeBefore(endMs: number): void {
    this.closedBefore = Math.max(endMs, this.closedBefore ?? endMs);
  }

  /** Every source has ended: no post will come to outvote the newest ones, so the watermark is the newest post (until another one comes in). */
  settle(): void {
    this.settled = true;
  }

  private earliestJudged(wallMs: number): number | undefined {
    if (this.closedBefore !== undefined) return this.closedBefore;
    return this.ring.length >= WARM_POSTS ? this.present(wallMs) - COLD_START_SPAN_MS : undefined;
  }

  private front(): Taken {
    return this.sorted[this.sorted.length - FRONT_RANK];
  }

  private present(wallMs: number): number {
    const front = this.front();
    return front.event + Math.max(0, wallMs - front.wall);
  }

  /** Twice the time `FRONT_RANK` posts take, at the pace between the front and halfway down to the oldest (outliers either side left out). */
  private lead(): number {
    const front = this.sorted.length - FRONT_RANK;
    const low = front >> 1;
    const pace = (this.sorted[front].event - this.sorted[low].event) / (front - low);
    return 2 * FRONT_RANK * pace;
  }

  private noteAheadOfBulk(taken: Taken): void {
    const since = this.judged - RECENT_POSTS;
    this.aheadOfBulk = this.aheadOfBulk.filter((a) => a.n > since);
    this.aheadOfBulk.push({ ...taken, n: this.judged });
    if (this.aheadOfBulk.length <= RECENT_POSTS / 2) return;
    const moved = this.aheadOfBulk;
    this.aheadOfBulk = [];
    this.ring.length = 0;
    this.sorted.length = 0;
    this.next = 0;
    for (const { event, wall } of moved) this.take({ event, wall });
  }

  private take(taken: Taken): void {
    if (this.ring.length === RECENT_POSTS) {
      this.sorted.splice(this.sorted.indexOf(this.ring[this.next]), 1);
      this.ring[this.next] = taken;
    } else {
      this.ring.push(taken);
    }
    this.next = (this.next + 1) % RECENT_POSTS;
    this.sorted.splice(insertionPoint(this.sorted, taken.event), 0, taken);
    this.settled = false;
  }
}

/** First index whose event time is above `event`. */
function insertionPoint(sorted: Taken[], event: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].event <= event) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function out(reason: OutOfRange, eventMs: number, why: string): Admission {
  return { ok: false, reason, message: `createdAt ${iso(eventMs)} ${why}` };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A duration for people: "40 s", "12 min", "3.5 h", "2 days", "4.8 years". */
function span(ms: number): string {
  const units: Array<[string, number]> = [['years', 365.25 * 86_400_000], ['days', 86_400_000], ['h', 3_600_000], ['min', 60_000]];
  for (const [unit, size] of units) if (ms >= size) return `${round1(ms / size)} ${unit}`;
  return `${round1(ms / 1000)} s`;
}

function round1(x: number): string {
  return String(Math.round(x * 10) / 10);
}
