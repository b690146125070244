import { describe, expect, it } from 'vitest';
import { JsonBodies } from '../src/api/json-body.ts';

describe('JsonBodies', () => {
  it('makes the bytes JSON.stringify makes, once per answer object and variant', () => {
    const bodies = new JsonBodies();
    const outages = [{ service: 'whatsapp', confidence: 0.93, regions: [] }];
    let made = 0;
    const body = () => {
      made++;
      return { threshold: 0.7, outages };
    };
    const first = bodies.bytes({ answer: outages, body, variant: '0.7' });
    expect(first.toString('utf8')).toBe(JSON.stringify({ threshold: 0.7, outages }));
    expect(bodies.bytes({ answer: outages, body, variant: '0.7' })).toBe(first);
    expect(made).toBe(1);
    bodies.bytes({ answer: outages, body, variant: '0.5' });
    bodies.bytes({ answer: [...outages], body, variant: '0.5' });
    expect(made).toBe(3);
  });
});
