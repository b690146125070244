// A batch whose worker dies is said in the log, with its id, when BullMQ hands it to another worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { createQueue } from '../src/queue/create-queue.ts';
import { REDIS_URL, admin, deleteKeys } from './redis-fixtures.ts';

afterAll(async () => {
  await admin.quit();
});

it('logs a stalled batch with its id when its worker was killed', async () => {
  const prefix = `test:stalled:${randomUUID()}:`;
  const config = { redisUrl: REDIS_URL, name: 'posts', prefix: `${prefix}bull`, lockDurationMs: 1000, stalledIntervalMs: 300 };
  const log: string[] = [];
  const queue = await createQueue({ ...config, log: (line) => log.push(line) });
  let child: ChildProcess | undefined;
  try {
    await queue.publish([{ id: '1', source: 'mastodon', text: 'whatsapp down', createdAt: '2025-10-20T07:50:00Z' }]);
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      import { createQueue } from './src/queue/create-queue.ts';
      const queue = await createQueue(${JSON.stringify(config)});
      await queue.consume(async (posts, job) => {
        console.log('took ' + job.id);
        await new Promise(() => {});
      });
    `], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    const taken = await new Promise<string>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        const match = /took (\S+)/.exec(chunk.toString());
        if (match) resolve(match[1]);
      });
      child?.on('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    const delivered = new Promise<string>((resolve) => void queue.consume(async (_posts, job) => resolve(job.id)));
    expect(await delivered).toBe(taken);
    expect(log.some((line) => line.includes(`queue batch ${taken} stalled`))).toBe(true);
  } finally {
    child?.kill('SIGKILL');
    await queue.close();
    await deleteKeys(prefix);
  }
});
