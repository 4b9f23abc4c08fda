import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { currentBundle } from '../src/modules/content/bundle.js';
import { BundleLocaleFileSchema, PublicKeySchema, SignedBundleSchema } from '../src/modules/content/contract.js';
import type { SignedBundle } from '../src/modules/content/contract.js';
import { seedDemoContent } from '../src/modules/content/seed.js';
import { DEFAULT_CONTENT_SETTINGS } from '../src/modules/content/settings.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';

const CONSOLE = { 'x-requested-with': 'console' };

describe.each(DIALECTS)('content bundles (%s)', (dialect) => {
  let hub: TestHub;
  let editor: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await seedDemoContent(hub.db, 'villademo');
    await createUser(hub.db, { tenantId: 'villademo', username: 'editor', password: 'editor password 1', role: 'editor' });
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'editor', password: 'editor password 1' } });
    editor = { ...CONSOLE, cookie: /^(__Host-session=[^;]+);/.exec(String(login.headers['set-cookie']))?.[1] ?? '' };
  });
  afterAll(async () => {
    await hub?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => hub.app.inject({ method: 'GET', url, headers: { ...fleetHeaders(hub), ...headers } });

  async function bundle(): Promise<{ bundle: SignedBundle; etag: string }> {
    const response = await get('/fleet/v1/content/bundle');
    expect(response.statusCode).toBe(200);
    return { bundle: SignedBundleSchema.parse(response.json()), etag: String(response.headers['etag']) };
  }

  async function verifies(signed: SignedBundle): Promise<boolean> {
    const key = PublicKeySchema.parse((await get('/fleet/v1/content/public-key')).json());
    expect(key.keyId).toBe(signed.signature.keyId);
    return crypto.verify(null, Buffer.from(canonicalJson(signed.manifest), 'utf8'), crypto.createPublicKey(key.publicKey), Buffer.from(signed.signature.value, 'base64'));
  }

  async function files(signed: SignedBundle) {
    return Promise.all(
      signed.manifest.files.map(async (file) => {
        const response = await get(`/fleet/v1/content/files/${file.sha256}`);
        expect(response.statusCode).toBe(200);
        expect(crypto.createHash('sha256').update(response.rawPayload).digest('hex')).toBe(file.sha256);
        expect(response.rawPayload.length).toBe(file.size);
        return { path: file.path, content: BundleLocaleFileSchema.parse(JSON.parse(response.body)) };
      }),
    );
  }

  it('serves a manifest signed with Ed25519 that the public key verifies, and a tampered one that it does not', async () => {
    const { bundle: signed } = await bundle();
    expect(signed.manifest.version).toBeGreaterThanOrEqual(1);
    expect(Date.parse(signed.manifest.expiresAt)).toBeGreaterThan(Date.parse(signed.manifest.createdAt));
    expect(await verifies(signed)).toBe(true);
    expect(await verifies({ ...signed, manifest: { ...signed.manifest, version: signed.manifest.version + 1 } })).toBe(false);
    const firstFile = signed.manifest.files[0];
    if (firstFile === undefined) throw new Error('a bundle lists files');
    const swapped = { ...signed, manifest: { ...signed.manifest, files: [{ ...firstFile, sha256: '0'.repeat(64) }, ...signed.manifest.files.slice(1)] } };
    expect(await verifies(swapped)).toBe(false);
  });

  it('lists one content-addressed file per kiosk language, holding the published texts', async () => {
    const { bundle: signed } = await bundle();
    const downloaded = await files(signed);
    expect(downloaded.map((f) => f.path).sort()).toEqual(['ar', 'ca', 'en', 'es', 'eu', 'fr', 'gl'].map((l) => `content/${l}.json`));
    const arabic = downloaded.find((f) => f.path === 'content/ar.json')?.content;
    expect(arabic?.entries.map((e) => e.id).sort()).toEqual(['demo-bulky-waste-faq', 'demo-census-certificate-sheet', 'demo-census-register-faq', 'demo-ibi-payment-faq', 'demo-street-light-faq']);
    expect(arabic?.entries.every((e) => e.locale === 'ar')).toBe(true);
    expect((await get(`/fleet/v1/content/files/${'a'.repeat(64)}`)).statusCode).toBe(404);
    expect((await get('/fleet/v1/content/files/not-a-hash')).statusCode).toBe(400);
  });

  it('answers 304 to If-None-Match with the current ETag, for the bundle and for a file', async () => {
    const { bundle: signed, etag } = await bundle();
    expect(etag).toBe(`"content-${signed.manifest.version}"`);
    const again = await get('/fleet/v1/content/bundle', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/fleet/v1/content/bundle', { 'if-none-match': '"content-0"' })).statusCode).toBe(200);
    const sha = signed.manifest.files[0]?.sha256 ?? '';
    expect((await get(`/fleet/v1/content/files/${sha}`, { 'if-none-match': `"${sha}"` })).statusCode).toBe(304);
  });

  it('keeps the same version while nothing is published, and moves to a higher one after a publish; drafts stay out', async () => {
    const before = (await bundle()).bundle;
    expect((await bundle()).bundle.manifest.version).toBe(before.manifest.version);

    const draft = await hub.app.inject({
      method: 'POST',
      url: '/api/content',
      headers: editor,
      payload: { kind: 'faq', serviceCode: null, translations: { es: { question: '¿Borrador secreto madroño?', answer: 'Aún no.' } } },
    });
    const id = (draft.json() as { id: string }).id;
    const withDraft = (await bundle()).bundle;
    expect(withDraft.manifest.version).toBe(before.manifest.version);
    expect(JSON.stringify(await files(withDraft))).not.toContain('madroño');

    await hub.app.inject({ method: 'POST', url: `/api/content/${id}/publish`, headers: editor, payload: { version: 1 } });
    const after = await bundle();
    expect(after.bundle.manifest.version).toBeGreaterThan(before.manifest.version);
    expect(await verifies(after.bundle)).toBe(true);
    expect((await get('/fleet/v1/content/bundle', { 'if-none-match': `"content-${before.manifest.version}"` })).statusCode).toBe(200);
    const spanish = (await files(after.bundle)).find((f) => f.path === 'content/es.json')?.content;
    expect(spanish?.entries.some((e) => e.id === id)).toBe(true);
    // Older files stay downloadable: a kiosk halfway through a download can finish it.
    expect((await get(`/fleet/v1/content/files/${before.manifest.files[0]?.sha256 ?? ''}`)).statusCode).toBe(200);
  });

  it('re-signs a bundle nearing expiry as a new version, and concurrent requests agree on one', async () => {
    const { bundle: current } = await bundle();
    const later = new Date(Date.parse(current.manifest.expiresAt) - DEFAULT_CONTENT_SETTINGS.bundleRenewBeforeMs + 1000);
    const renewed = await Promise.all(Array.from({ length: 6 }, () => currentBundle(hub.db, hub.secrets, 'villademo', DEFAULT_CONTENT_SETTINGS, later)));
    const versions = new Set(renewed.map((b) => b.manifest.version));
    expect(versions.size).toBe(1);
    expect([...versions][0]).toBe(current.manifest.version + 1);
    expect(renewed[0]?.manifest.files).toEqual(current.manifest.files);
  });

  it('refuses a kiosk without a credential (401)', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/fleet/v1/content/bundle' });
    expect(response.statusCode).toBe(401);
    expect((await hub.app.inject({ method: 'GET', url: '/fleet/v1/content/public-key' })).statusCode).toBe(401);
  });
});
