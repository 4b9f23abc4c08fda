import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PORT, advertisedBaseUrl, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has working defaults: loopback, port 8080, SQLite in ./data', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(DEFAULT_PORT);
    expect(config.database).toMatchObject({ kind: 'sqlite', file: path.resolve('data', 'hub.sqlite') });
    expect(advertisedBaseUrl(config)).toBe('http://127.0.0.1:8080');
  });

  it('switches to PostgreSQL for a postgres:// DATABASE_URL and honours PUBLIC_BASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://hub@127.0.0.1:5432/hub', PUBLIC_BASE_URL: 'https://hub.villademo.es/', PORT: '0' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://hub@127.0.0.1:5432/hub' });
    expect(advertisedBaseUrl(config, 4321)).toBe('https://hub.villademo.es');
    expect(advertisedBaseUrl({ ...config, publicBaseUrl: null }, 4321)).toBe('http://127.0.0.1:4321');
  });

  it('explains bad values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'not a url' })).toThrow(/PUBLIC_BASE_URL/);
  });
});
