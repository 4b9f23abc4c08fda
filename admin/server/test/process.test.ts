import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@kiosk/shared';
import { loadConfig } from '../src/config.js';
import { DemoKioskFileSchema, startHub } from '../src/index.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('the hub as a real server', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-process-'));
    dirs.push(dir);
    return dir;
  }

  it('startHub listens on an ephemeral port, writes the kiosk file 0600 and keeps secrets on restart', async () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', CONSOLE_DIR: path.join(dataDir, 'none') });
    const first = await startHub(config, { logger: false });
    let kioskToken: string;
    try {
      expect(first.firstRun.admin?.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(first.firstRun.apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const health = await fetch(`${first.url}/healthz`);
      expect(health.status).toBe(200);
      const file = path.join(dataDir, 'demo-kiosk.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
      expect(kiosk.hubUrl).toBe(first.url);
      expect(kiosk.token.startsWith(`${kiosk.deviceId}.`)).toBe(true);
      kioskToken = kiosk.token;
    } finally {
      await first.close();
    }

    const second = await startHub(config, { logger: false });
    try {
      expect(second.firstRun.admin).toBeNull();
      expect(second.firstRun.apiKey).toBeNull();
      const kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-kiosk.json'), 'utf8')));
      expect(kiosk.token).toBe(kioskToken);
      expect(kiosk.hubUrl).toBe(second.url);
      const catalog = await fetch(`${second.url}/fleet/v1/catalog?locale=gl`, {
        headers: { authorization: `Bearer ${kiosk.token}`, 'x-protocol-version': String(PROTOCOL_VERSION) },
      });
      expect(catalog.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('main.ts prints the URLs and first-run secrets once, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('WRITE THEM DOWN') && stderr.includes('Open311 api_key')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`hub exited early (${code}): ${stderr}`)));
    });
    await ready;
    expect(stderr).toMatch(/health: +http:\/\/127\.0\.0\.1:\d+\/healthz/);
    expect(stderr).toMatch(/console password: [A-Za-z0-9_-]{24}/);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
