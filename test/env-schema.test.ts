// The shared settings' schema (src/config/env-schema.ts): the sources' and webhooks' variables, read
// with one-line errors that name the variable and never show a secret.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvError, readEnv, readSourceEnv, webhookShape } from '../src/config/env-schema.ts';

function failure(read: () => unknown): EnvError {
  try {
    read();
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error('expected an EnvError');
}

const readWebhookEnv = (env: NodeJS.ProcessEnv) => readEnv(z.object(webhookShape), env);

describe('the shared settings', () => {
  it('give the sources their defaults when nothing is set', () => {
    expect(readSourceEnv({})).toMatchObject({ TWITTER_MODE: 'search', TWITTER_POLL_SECONDS: 30, REPLAY_PATHS: [], REPLAY_SPEED: Infinity, MASTODON_LOCAL: false });
  });

  it('name the variable, its value and its rule in one line when a source setting is invalid', () => {
    const error = failure(() => readSourceEnv({ TWITTER_POLL_SECONDS: 'often' }));
    expect(error.message).toBe('TWITTER_POLL_SECONDS="often": must be a positive number');
  });

  it('split the webhook URLs and default the update interval to 15 minutes', () => {
    expect(readWebhookEnv({ OUTAGE_RADAR_WEBHOOKS: ' https://a.example/h1 , http://b.example/h2 ' })).toEqual({
      OUTAGE_RADAR_WEBHOOKS: ['https://a.example/h1', 'http://b.example/h2'],
      OUTAGE_RADAR_WEBHOOK_UPDATE_MINUTES: 15,
    });
  });

  it('name a bad webhook URL by its place in the list, never showing the URLs, which may hold tokens', () => {
    const error = failure(() => readWebhookEnv({ OUTAGE_RADAR_WEBHOOKS: 'https://hooks.example/T0KEN-1,ftp://hooks.example/T0KEN-2' }));
    expect(error.message).toBe('OUTAGE_RADAR_WEBHOOKS (item 2): each URL must start with http:// or https://');
    expect(error.message).not.toContain('T0KEN');
  });
});
