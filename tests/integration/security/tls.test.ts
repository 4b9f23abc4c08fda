import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import { mintReference } from '@kiosk/shared';
import type { CaseSubmission } from '@kiosk/shared';
import { HSTS_HEADER } from '../../../admin/server/src/http/security-headers.js';
import { loadAgentConfig } from '../../../kiosk/src/agent/config.js';
import { HubClient } from '../../../kiosk/src/agent/sync/hub-client.js';
import { readCaBundle, trustHubCertificates } from '../../../kiosk/src/agent/sync/hub-trust.js';
import { makeSelfSignedCertificate } from './certificates.js';
import type { TestCertificate } from './certificates.js';

// A real hub serving HTTPS from TLS_CERT_FILE/TLS_KEY_FILE (a self-signed certificate made by
// openssl now), and the agent's HubClient talking to it with and without HUB_CA_FILE.

let hubCertificate: TestCertificate;
let strangerCertificate: TestCertificate;
let dataDir: string;
let hub: RunningHub;

beforeAll(async () => {
  hubCertificate = makeSelfSignedCertificate();
  strangerCertificate = makeSelfSignedCertificate();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-tls-data-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    CONSOLE_DIR: path.join(dataDir, 'no-console'),
    TLS_CERT_FILE: hubCertificate.certFile,
    TLS_KEY_FILE: hubCertificate.keyFile,
  });
  hub = await startHub(config, { logger: false });
});

afterAll(async () => {
  await hub?.close();
  hubCertificate?.remove();
  strangerCertificate?.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** GET over node:https trusting exactly `ca`: status and headers. */
function get(url: string, ca: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
      })
      .on('error', reject);
  });
}

function agentConfig(env: Record<string, string> = {}) {
  // The hub wrote the demo kiosk's credential (with its https URL) into DATA_DIR at first run.
  return loadAgentConfig({ DATA_DIR: dataDir, ...env });
}

function submission(issuer: string, sequence: number): CaseSubmission {
  return {
    serviceCode: 'litter',
    description: 'La farola de la esquina lleva tres noches apagada.',
    attributes: {},
    locale: 'es',
    localReference: mintReference(issuer, sequence).display,
    sequence,
    submittedAt: '2025-03-01T10:00:00+01:00',
  };
}

function clientFor(config: ReturnType<typeof agentConfig>): HubClient {
  return new HubClient({ baseUrl: config.hub.url, token: config.hub.token, timeoutMs: 5_000 });
}

describe('hub over TLS (TLS_CERT_FILE / TLS_KEY_FILE)', () => {
  it('listens on https, advertises https to kiosks and sends HSTS', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(agentConfig().hub.url).toBe(hub.publicUrl);
    expect(hub.publicUrl).toMatch(/^https:/);
    const answer = await get(`${hub.url}/healthz`, hubCertificate.certPem);
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe(HSTS_HEADER);
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('is refused by a client that does not trust its certificate', async () => {
    await expect(get(`${hub.url}/healthz`, strangerCertificate.certPem)).rejects.toMatchObject({ code: expect.stringMatching(/SELF_SIGNED|CERT/) });
  });

  it('refuses half a TLS configuration and names an unreadable file', async () => {
    expect(() => loadConfig({ TLS_CERT_FILE: hubCertificate.certFile })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
    expect(() => loadConfig({ TLS_KEY_FILE: hubCertificate.keyFile })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
    const missing = path.join(hubCertificate.dir, 'no-such-key.pem');
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-tls-bad-'));
    try {
      const config = loadConfig({ DATA_DIR: otherDir, PORT: '0', TLS_CERT_FILE: hubCertificate.certFile, TLS_KEY_FILE: missing });
      await expect(startHub(config, { logger: false })).rejects.toThrow(/TLS_KEY_FILE .*no-such-key\.pem/);
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

describe('agent certificate verification (HUB_CA_FILE)', () => {
  it('without HUB_CA_FILE: the self-signed hub is refused, surfaced as a retry, never as acked', async () => {
    const config = agentConfig();
    expect(config.hub.caFile).toBeNull();
    const outcome = await clientFor(config).submitCase(submission(config.issuer, 1), 'tls-untrusted-1');
    expect(outcome).toMatchObject({ kind: 'retry', error: expect.stringMatching(/SELF_SIGNED|CERT/) });
    await expect(clientFor(config).fetchCatalog('es')).rejects.toThrow();
  });

  it('with a bundle that holds another certificate: still refused', async () => {
    const config = agentConfig({ HUB_CA_FILE: strangerCertificate.certFile });
    const untrust = trustHubCertificates(readCaBundle(config.hub.caFile ?? ''));
    try {
      const outcome = await clientFor(config).submitCase(submission(config.issuer, 1), 'tls-untrusted-2');
      expect(outcome).toMatchObject({ kind: 'retry', error: expect.stringMatching(/SELF_SIGNED|CERT/) });
    } finally {
      untrust();
    }
  });

  it('with the hub certificate in HUB_CA_FILE: the same case is accepted, heartbeat and catalogue work', async () => {
    const config = agentConfig({ HUB_CA_FILE: hubCertificate.certFile });
    expect(config.hub.caFile).toBe(hubCertificate.certFile);
    const untrust = trustHubCertificates(readCaBundle(config.hub.caFile ?? ''));
    try {
      const client = clientFor(config);
      const outcome = await client.submitCase(submission(config.issuer, 1), 'tls-trusted-1');
      expect(outcome).toMatchObject({ kind: 'acked', serverId: expect.any(String) });
      const catalog = await client.fetchCatalog('es');
      expect(catalog.services.length).toBeGreaterThan(0);
    } finally {
      untrust();
    }
    // Trust ends with the agent: afterwards the hub is refused again.
    const again = await clientFor(config).submitCase(submission(config.issuer, 2), 'tls-after-untrust');
    expect(again.kind).toBe('retry');
  });

  it('names an unreadable or certificate-less HUB_CA_FILE', () => {
    expect(() => readCaBundle(path.join(hubCertificate.dir, 'absent.pem'))).toThrow(/HUB_CA_FILE .*absent\.pem cannot be read/);
    expect(() => readCaBundle(hubCertificate.keyFile)).toThrow(/holds no PEM certificate/);
  });
});
