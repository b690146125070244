import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValueAnomalyStream } from '../src/detect/value-stream.ts';
import { TailReference } from '../src/detect/tail-reference.ts';
import { runNab } from '../src/commands/nab.ts';
import { rng } from './random-fixtures.ts';

const NAB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data/nab');
const FIVE_MINUTES = 300_000;
const T0 = Date.UTC(2014, 3, 1);

/** Feeds a 5-minute series and returns the steps where an anomaly episode opened. */
function alerts(values: number[]): number[] {
  const stream = new ValueAnomalyStream();
  const opened: number[] = [];
  values.forEach((v, i) => {
    if (stream.step(v, T0 + i * FIVE_MINUTES).opened) opened.push(i);
  });
  return opened;
}

describe('TailReference', () => {
  it('ranks a value inside the bulk empirically and one beyond the extremes by an exponential tail', () => {
    const ref = new TailReference(1000, 0.02);
    for (let i = 0; i < 1000; i++) ref.add(i % 100);
    expect(ref.probability(50)).toBeGreaterThan(0.9);
    const atMax = ref.probability(99);
    const beyond = ref.probability(150);
    expect(atMax).toBeLessThan(0.05);
    expect(beyond).toBeLessThan(atMax / 100);
  });

  it('forgets values older than its capacity', () => {
    const ref = new TailReference(100, 0.02);
    for (let i = 0; i < 100; i++) ref.add(1000);
    for (let i = 0; i < 100; i++) ref.add(i % 10);
    expect(ref.size).toBe(100);
    expect(ref.probability(1000)).toBeLessThan(1e-6);
  });
});

describe('ValueAnomalyStream', () => {
  it('alerts on the very step a noisy metric jumps to a level never seen before, and rarely otherwise', () => {
    const rand = rng(1);
    const values = Array.from({ length: 3000 }, (_v, i) => 40 + 5 * rand() + (i >= 2500 ? 40 : 0));
    const opened = alerts(values);
    expect(opened).toContain(2500);
    expect(opened.length).toBeLessThanOrEqual(3);
  });

  it('does not alert on a spike that comes at the same time every day', () => {
    const rand = rng(2);
    const perDay = 288;
    const values = Array.from({ length: 14 * perDay }, (_v, i) => {
      const phase = (i % perDay) / perDay;
      return 50 + 20 * Math.sin(2 * Math.PI * phase) + 3 * rand() + (i % perDay === 40 ? 60 : 0);
    });
    const opened = alerts(values).filter((i) => i > 3 * perDay);
    expect(opened.filter((i) => Math.abs((i % perDay) - 40) <= 2)).toEqual([]);
    expect(opened.length).toBeLessThanOrEqual(2);
  });

  it('alerts when the daily rhythm breaks although every value stays in its usual range', () => {
    const rand = rng(3);
    const perDay = 288;
    const broken = 10 * perDay + 100;
    const values = Array.from({ length: 12 * perDay }, (_v, i) => {
      const phase = (i % perDay) / perDay;
      const level = 50 + 30 * Math.sin(2 * Math.PI * phase);
      // For two hours the value sits at the day's average instead of following the curve.
      return (i >= broken && i < broken + 24 ? 50 : level) + 2 * rand();
    });
    const opened = alerts(values);
    expect(opened.some((i) => i >= broken && i < broken + 24)).toBe(true);
    expect(opened.filter((i) => i < broken && i > 3 * perDay)).toEqual([]);
  });
});

describe.runIf(existsSync(NAB_DIR))("the project's detector on the NAB corpus", () => {
  it('keeps its NAB scores (74.21 / 68.56 / 78.39) with one setting for all files', () => {
    const report = runNab(NAB_DIR);
    expect(report.detector).toBe('outage-radar');
    expect(report.scores.standard).toBeGreaterThan(74.2);
    expect(report.scores.reward_low_FP_rate).toBeGreaterThan(68.5);
    expect(report.scores.reward_low_FN_rate).toBeGreaterThan(78.35);
  });
});
