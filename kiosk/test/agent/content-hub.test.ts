import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import { ContentUpdater } from '../../src/agent/content/updater.js';

/** The updater against the real hub: its signing, ETags and content-addressed files. */
let hub: RunningHub;
let hubDir: string;
let kioskDir: string;

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-content-'));
  kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-content-hub-'));
  hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none') }), { logger: false });
});

afterAll(async () => {
  await hub.close();
  fs.rmSync(hubDir, { recursive: true, force: true });
  fs.rmSync(kioskDir, { recursive: true, force: true });
});

describe('content bundles from the real hub', () => {
  it('applies the hub bundle, verifies every file, then gets 304 on the next check', async () => {
    const kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8')));
    const updater = new ContentUpdater({ baseUrl: hub.url, token: kiosk.token, dataDir: kioskDir });
    const first = await updater.checkNow();
    expect(first.kind).toBe('applied');
    const status = updater.status();
    expect(status.version).toBeGreaterThan(0);
    expect(status).toMatchObject({ expired: false, lastError: null });

    const pointer = JSON.parse(fs.readFileSync(path.join(kioskDir, 'content/current.json'), 'utf8')) as { current: { files: { path: string }[] } };
    expect(pointer.current.files.length).toBeGreaterThan(0);
    for (const file of pointer.current.files) {
      const parsed = JSON.parse(updater.readCurrentFile(file.path)?.toString('utf8') ?? 'null') as { locale?: unknown; entries?: unknown };
      expect(typeof parsed.locale).toBe('string');
      expect(Array.isArray(parsed.entries)).toBe(true);
    }
    expect(await updater.checkNow()).toEqual({ kind: 'unchanged', version: status.version });
  });

  it('refuses the real hub bundle when the kiosk trusts another key', async () => {
    const kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8')));
    const otherKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-content-other-'));
    try {
      const updater = new ContentUpdater({ baseUrl: hub.url, token: kiosk.token, dataDir: otherDir, trustedPublicKeyPem: otherKey });
      expect(await updater.checkNow()).toMatchObject({ kind: 'refused', code: 'unknown-key' });
      expect(updater.status().version).toBeNull();
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
