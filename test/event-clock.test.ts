// The event clock's rules: hard bounds, the present of the bulk, late posts, and the ways a stream moves on.
import { describe, expect, it } from 'vitest';
import { EventClock, checkHardBounds, type Admission } from '../src/pipeline/event-clock.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** The wall clock of these tests: the demo replays 4 October 2021 on a machine whose clock says 2026. */
const WALL = Date.parse('2026-12-03T09:00:00Z');
const REPLAY_START = Date.parse('2021-10-04T00:00:00Z');

/** Feeds `count` posts `stepMs` apart from `from`, all at wall time `wallMs`; returns the admissions. */
function feed(clock: EventClock, from: number, count: number, stepMs: number, wallMs = WALL): Admission[] {
  return Array.from({ length: count }, (_, i) => clock.admit(from + i * stepMs, wallMs));
}

const reasons = (admissions: Admission[]) => admissions.map((a) => (a.ok ? 'ok' : a.reason));

describe('hard bounds', () => {
  it('finds a post dated 1970 impossible, naming the unit and time zone as what to check', () => {
    const admission = checkHardBounds(0, WALL);
    expect(admission).toMatchObject({ ok: false, reason: 'impossible' });
    expect(!admission.ok && admission.message).toMatch(/1970-01-01T00:00:00.000Z is before 2006-03-21.*seconds or milliseconds/);
  });

  it('finds a post more than 10 minutes after the wall clock ahead, and one 9 minutes after it in range', () => {
    expect(checkHardBounds(WALL + 11 * MIN, WALL)).toMatchObject({ ok: false, reason: 'ahead' });
    expect(checkHardBounds(Date.parse('2031-01-01T00:00:00Z'), WALL)).toMatchObject({ ok: false, reason: 'ahead', message: expect.stringMatching(/4.1 years after this server's clock/) });
    expect(checkHardBounds(WALL + 9 * MIN, WALL)).toEqual({ ok: true });
  });

  it('finds a time that is not a time impossible', () => {
    expect(checkHardBounds(Number.NaN, WALL)).toMatchObject({ ok: false, reason: 'impossible' });
  });
});

describe('cold start', () => {
  it('takes a 2021 replay on a 2026 wall clock from its first post', () => {
    const clock = new EventClock();
    expect(reasons(feed(clock, REPLAY_START, 100, 5_000)).every((r) => r === 'ok')).toBe(true);
  });

  it('has no watermark before 15 posts came in, so a lone post does not close minutes', () => {
    const clock = new EventClock();
    feed(clock, REPLAY_START, 14, 5_000);
    expect(clock.watermark(WALL)).toBeUndefined();
    clock.admit(REPLAY_START + 14 * 5_000, WALL);
    expect(clock.watermark(WALL)).toBeDefined();
  });

  it('does not let a lone 2025 post among the first posts of a 2021 replay become the present', () => {
    const clock = new EventClock();
    feed(clock, REPLAY_START, 3, 5_000);
    expect(clock.admit(Date.parse('2025-06-01T12:00:00Z'), WALL).ok).toBe(true);
    feed(clock, REPLAY_START + 15_000, 40, 5_000);
    expect(clock.watermark(WALL)).toBeLessThan(REPLAY_START + HOUR);
    expect(clock.admit(Date.parse('2025-06-01T12:00:05Z'), WALL)).toMatchObject({ ok: false, reason: 'ahead' });
  });

  it('turns away a lone 1970 post before any other came in', () => {
    const clock = new EventClock();
    expect(clock.admit(0, WALL)).toMatchObject({ ok: false, reason: 'impossible' });
    expect(clock.watermark(WALL)).toBeUndefined();
  });

  it('finds a post more than a day before the present late once warm, as the detector starts no further back', () => {
    const clock = new EventClock();
    feed(clock, REPLAY_START + 2 * 24 * HOUR, 20, 5_000);
    expect(clock.admit(REPLAY_START, WALL)).toMatchObject({ ok: false, reason: 'late' });
    expect(clock.admit(REPLAY_START + 30 * HOUR, WALL).ok).toBe(true);
  });
});

describe('steady state', () => {
  it('keeps the watermark within the bulk: seven posts 50 minutes ahead, within the allowance, do not carry it along', () => {
    const clock = new EventClock();
    feed(clock, REPLAY_START, 60, 5_000);
    expect(reasons(feed(clock, REPLAY_START + 5 * 60_000 + 50 * MIN, 7, 1_000)).every((r) => r === 'ok')).toBe(true);
    expect(clock.watermark(WALL)).toBe(REPLAY_START + 59 * 5_000);
  });

  it('turns away a post more than an hour (plus the stream\'s lead) ahead of the bulk, with the present in its message', () => {
    const clock = new EventClock();
    feed(clock, REPLAY_START, 60, 5_000);
    const admission = clock.admit(REPLAY_START + 2 * HOUR, WALL);
    expect(admission).toMatchObject({ ok: false, reason: 'ahead', message: expect.stringMatching(/ahead of the posts coming in \(2021-10-04T00:04:/) });
  });

  it('finds a post for a minute the detector has closed late, and the next minute in range', () => {
    const clock = new EventClock();
    feed(clock, REPLAY_START, 60, 5_000);
    clock.closeBefore(REPLAY_START + 3 * MIN);
    expect(clock.admit(REPLAY_START + 3 * MIN - 1, WALL)).toMatchObject({ ok: false, reason: 'late', message: expect.stringMatching(/already closed \(2021-10-04T00:03:00.000Z\).*LATENESS_MS/) });
    expect(clock.admit(REPLAY_START + 3 * MIN, WALL).ok).toBe(true);
  });

  it('keeps the watermark at the newest post once every source has ended, until another post comes', () => {
    const clock = new EventClock();
    feed(clock, REPLAY_START, 30, MIN);
    expect(clock.watermark(WALL)).toBe(REPLAY_START + 22 * MIN);
    clock.settle();
    expect(clock.watermark(WALL)).toBe(REPLAY_START + 29 * MIN);
    clock.admit(REPLAY_START + 30 * MIN, WALL);
    expect(clock.watermark(WALL)).toBe(REPLAY_START + 23 * MIN);
  });
});

describe('streams that move on', () => {
  it('follows a replay of a whole day as fast as it can go, turning nothing away', () => {
    const clock = new EventClock();
    // One wall instant for the whole day: no wall time passes to move the present on.
    const admissions = feed(clock, REPLAY_START, 24 * 60 * 6, 10_000);
    expect(admissions.every((a) => a.ok)).toBe(true);
    expect(clock.watermark(WALL)).toBe(REPLAY_START + (24 * 60 * 6 - 8) * 10_000);
  });

  it('follows a sparse replay of a post every 20 minutes, as its pace widens the allowance', () => {
    const clock = new EventClock();
    expect(feed(clock, REPLAY_START, 500, 20 * MIN).every((a) => a.ok)).toBe(true);
  });

  it('follows a replay at 60x whose wall time moves on with it', () => {
    const clock = new EventClock();
    const admissions = Array.from({ length: 2000 }, (_, i) => clock.admit(REPLAY_START + i * 30_000, WALL + i * 500));
    expect(admissions.every((a) => a.ok)).toBe(true);
  });

  it('takes a live source\'s posts again after it was quiet for an hour', () => {
    const clock = new EventClock();
    const now = WALL;
    for (let i = 0; i < 60; i++) clock.admit(now - HOUR - 2 * MIN + i * 2_000, now - HOUR + i * 2_000);
    // Back after an hour of wall time: its posts are an hour ahead of the bulk, and so is the present.
    const resumed = Array.from({ length: 20 }, (_, i) => clock.admit(now + i * 2_000 - 5_000, now + i * 2_000));
    expect(resumed.every((a) => a.ok)).toBe(true);
    expect(clock.watermark(now + 40_000)).toBeGreaterThan(now - MIN);
  });

  it('moves on to a replay\'s posts after a gap of five hours, turning away only the 33 first ones after it', () => {
    const clock = new EventClock();
    feed(clock, REPLAY_START, 200, 5_000);
    const afterGap = REPLAY_START + 200 * 5_000 + 5 * HOUR;
    const admissions = feed(clock, afterGap, 200, 5_000);
    expect(reasons(admissions.slice(0, 33)).every((r) => r === 'ahead')).toBe(true);
    expect(admissions.slice(33).every((a) => a.ok)).toBe(true);
    expect(clock.watermark(WALL)).toBeGreaterThan(afterGap);
  });

  it('does not move on for posts ahead of the bulk that stay fewer than the posts taken in', () => {
    const clock = new EventClock();
    feed(clock, REPLAY_START, 64, 5_000);
    const start = REPLAY_START + 64 * 5_000;
    // Each minute of the replay brings 12 posts; someone slips in 10 dated 2025 between them.
    for (let m = 0; m < 30; m++) {
      feed(clock, start + m * MIN, 12, 5_000);
      expect(reasons(feed(clock, Date.parse('2025-06-01T12:00:00Z'), 10, 1_000)).every((r) => r === 'ahead')).toBe(true);
    }
    expect(clock.watermark(WALL)).toBeLessThan(start + 30 * MIN);
  });
});
