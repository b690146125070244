// Log lines: text for a terminal, or one JSON object a line (LOG_FORMAT=json); no secret in either.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLog } from '../src/observe/log.ts';
import { startServe } from './serve-process.ts';

function captured(format: 'text' | 'json') {
  const lines: string[] = [];
  return { log: createLog('outage-radar', format, (line) => lines.push(line)), lines };
}

describe('createLog', () => {
  it('writes a text line as name: message', () => {
    const { log, lines } = captured('text');
    log('listening on http://127.0.0.1:8080', { requestId: 'r-1' });
    expect(lines).toEqual(['outage-radar: listening on http://127.0.0.1:8080\n']);
  });

  it('writes one JSON object a line with time, level, name, msg and the request id', () => {
    const { log, lines } = captured('json');
    log('api: internal error in request r-1: Error: boom\nat line 2', { level: 'error', requestId: 'r-1' });
    log('started');
    expect(lines.every((line) => line.endsWith('\n') && line.indexOf('\n') === line.length - 1)).toBe(true);
    const [error, info] = lines.map((line) => JSON.parse(line));
    expect(error).toEqual({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/), level: 'error', name: 'outage-radar', msg: 'api: internal error in request r-1: Error: boom\nat line 2', requestId: 'r-1' });
    expect(info).toMatchObject({ level: 'info', msg: 'started' });
    expect(info).not.toHaveProperty('requestId');
  });

  it('masks the password of any URL in a message, in both formats', () => {
    for (const format of ['text', 'json'] as const) {
      const { log, lines } = captured(format);
      log('cannot reach redis://:hunter2@cache:6379 (ECONNREFUSED)');
      expect(lines.join(''), format).not.toContain('hunter2');
      expect(lines.join(''), format).toContain('redis://:***@cache:6379');
    }
  });
});

it('serve with LOG_FORMAT=json writes only JSON log lines, none with a key or secret', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'or-log-'));
  const secrets = ['scoped-Secret-3c4d5e', 'legacy-Secret-6f7a8b', 'webhook-Secret-9c0d1e'];
  const serve = await startServe(dataDir, {
    LOG_FORMAT: 'json',
    API_KEY: secrets[1],
    API_KEYS: `ingest+reports:${secrets[0]}`,
    OUTAGE_RADAR_WEBHOOKS: 'http://127.0.0.1:1/hook',
    OUTAGE_RADAR_WEBHOOK_SECRET: secrets[2],
  });
  try {
    const started = Date.now();
    while (!serve.log().includes('listening on') && serve.child.exitCode === null && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 100));
    for (const key of [secrets[0], 'wrong-key-1234']) {
      await fetch(`${serve.base}/v1/deadletters`, { headers: { 'x-api-key': key } }).then((r) => r.text());
      await fetch(`${serve.base}/v1/posts`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: '{"posts": [' }).then((r) => r.text());
    }
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
  const lines = serve.log().split('\n').filter(Boolean);
  expect(lines.some((line) => line.includes('listening on')), serve.log()).toBe(true);
  for (const line of lines) expect(JSON.parse(line), line).toMatchObject({ time: expect.any(String), level: expect.stringMatching(/^(info|warn|error)$/), msg: expect.any(String) });
  for (const secret of secrets) expect(serve.log()).not.toContain(secret);
}, 60_000);
