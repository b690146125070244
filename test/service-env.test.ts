// The one environment schema: an invalid setting is named with its rule; a secret's value never shows.
import { describe, expect, it } from 'vitest';
import { EnvError, readServiceEnv } from '../src/config/service-env.ts';
import { redactUrl, redactUrls } from '../src/util/redact.ts';

function envError(env: NodeJS.ProcessEnv): string {
  try {
    readServiceEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error('expected an EnvError');
}

describe('readServiceEnv', () => {
  it('names an API_KEY that is too short and the rule, without its value', () => {
    expect(envError({ API_KEY: 'k3y-42!' })).toBe('API_KEY: must be at least 8 characters');
  });

  it('shows a REDIS_URL with a wrong scheme without its password', () => {
    expect(envError({ REDIS_URL: 'http://admin:hunter22@cache:6379' })).toBe('REDIS_URL="http://admin:***@cache:6379": must start with redis:// or rediss://');
  });

  it('names the bad webhook URL by its place in the list, not by its text (chat services put tokens in paths)', () => {
    expect(envError({ OUTAGE_RADAR_WEBHOOKS: 'https://hooks.example/T0/B0/tok3n, ftp://hooks.example/tok3n' })).toBe(
      'OUTAGE_RADAR_WEBHOOKS (item 2): each URL must start with http:// or https://',
    );
  });

  it('shows the value of a setting that is no secret', () => {
    expect(envError({ PORT: 'abc' })).toBe('PORT="abc": must be a port number from 0 to 65535');
    expect(envError({ BATCH_SIZE: '0' })).toBe('BATCH_SIZE="0": must be above 0');
  });

  it('reads API_KEYS as keys with their scopes', () => {
    expect(readServiceEnv({ API_KEYS: ' ingest+reports:key-one-123 , admin:key:with:colons ' }).API_KEYS).toEqual([
      { key: 'key-one-123', scopes: ['ingest', 'reports'] },
      { key: 'key:with:colons', scopes: ['admin'] },
    ]);
    expect(readServiceEnv({}).API_KEYS).toEqual([]);
  });

  it('names a bad API_KEYS entry by its place and says the format, without showing any key', () => {
    expect(envError({ API_KEYS: 'ingest:fine-key-123,secret-key-456:ingest' })).toBe(
      'API_KEYS (item 2): must be comma-separated scope1+scope2:key entries, each scope one of ingest, reports, admin, read',
    );
    expect(envError({ API_KEYS: 'writer:secret-key-456' })).not.toContain('secret-key-456');
    expect(envError({ API_KEYS: 'admin:short' })).toBe('API_KEYS (item 1): each key must be at least 8 characters');
  });

  it('reads TRUST_PROXY as Express takes it, and refuses what is no proxy address', () => {
    expect([undefined, 'false', 'true', '2', 'loopback, 10.0.0.0/8'].map((value) => readServiceEnv({ TRUST_PROXY: value }).TRUST_PROXY)).toEqual([false, false, true, 2, 'loopback, 10.0.0.0/8']);
    expect(envError({ TRUST_PROXY: 'my-proxy' })).toBe('TRUST_PROXY="my-proxy": must be true, false, a number of proxies, or proxy addresses/subnets (or loopback, linklocal, uniquelocal), not "my-proxy"');
  });

  it('reads CORS_ORIGINS as a list, READ_REQUIRES_KEY as yes or no, LOG_FORMAT as text or json', () => {
    const env = readServiceEnv({ CORS_ORIGINS: 'https://a.example, https://b.example', READ_REQUIRES_KEY: 'true', LOG_FORMAT: 'json' });
    expect(env).toMatchObject({ CORS_ORIGINS: ['https://a.example', 'https://b.example'], READ_REQUIRES_KEY: true, LOG_FORMAT: 'json' });
    expect(readServiceEnv({})).toMatchObject({ CORS_ORIGINS: [], READ_REQUIRES_KEY: false, LOG_FORMAT: 'text', TRUST_PROXY: false });
    expect(envError({ LOG_FORMAT: 'xml' })).toBe('LOG_FORMAT="xml": must be one of text, json');
  });

  it('reads webhook URLs as a list', () => {
    expect(readServiceEnv({ OUTAGE_RADAR_WEBHOOKS: ' http://a.example/x , https://b.example ' }).OUTAGE_RADAR_WEBHOOKS).toEqual(['http://a.example/x', 'https://b.example']);
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the user, host and path', () => {
    expect(redactUrl('redis://default:pw@127.0.0.1:6379/2')).toBe('redis://default:***@127.0.0.1:6379/2');
    expect(redactUrl('redis://:pw@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
  });

  it('hides a lone user name, which Redis takes as the password', () => {
    expect(redactUrl('redis://pw@127.0.0.1:6379')).toBe('redis://***@127.0.0.1:6379');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactUrl('http://example.org/a@b')).toBe('http://example.org/a@b');
  });

  it('redacts every URL inside a message', () => {
    expect(redactUrls('Error: cannot reach rediss://u:p@h:1 nor redis://:q@g:2.')).toBe('Error: cannot reach rediss://u:***@h:1 nor redis://:***@g:2.');
  });
});
