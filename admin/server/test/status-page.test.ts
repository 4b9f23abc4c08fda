import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeCaseStatus, findCase } from '../src/modules/cases/service.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

describe.each(DIALECTS)('public status page (%s)', (dialect) => {
  let hub: TestHub;
  let reference: string;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    const filed = submission(hub, 1, { description: 'Me llamo Ana Pérez, DNI 12345678Z' });
    reference = filed.localReference;
    const answer = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'status-page-key-1'), payload: filed });
    expect(answer.statusCode).toBe(201);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('shows the status in the citizen\'s language, found by the reference in any spelling', async () => {
    const es = await hub.app.inject({ method: 'GET', url: `/status/${reference}` });
    expect(es.statusCode).toBe(200);
    expect(es.headers['content-type']).toMatch(/text\/html/);
    expect(es.body).toContain(reference);
    expect(es.body).toContain('En trámite');
    expect(es.body).toContain('Farola');
    const sloppy = reference.toLowerCase().replace(/-/g, ' ');
    const ar = await hub.app.inject({ method: 'GET', url: `/status/${encodeURIComponent(sloppy)}`, headers: { 'accept-language': 'ar, es;q=0.5' } });
    expect(ar.statusCode).toBe(200);
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('قيد المعالجة');
  });

  it('never shows what the citizen wrote', async () => {
    const page = await hub.app.inject({ method: 'GET', url: `/status/${reference}?lang=en` });
    expect(page.body).not.toMatch(/Ana|Pérez|12345678Z/);
    expect(page.body).toContain('In progress');
  });

  it('shows the public history and the expected date, in the citizen\'s language and zone', async () => {
    const found = await findCase(hub.db, 'villademo', reference);
    await changeCaseStatus(hub.db, 'villademo', found.id, { status: 'open', detailedStatus: 'planned', publicNote: 'Cambiaremos la farola el martes <b>sin falta</b>', at: new Date() });
    await hub.db.updateTable('service_requests').set({ expected_at: '2026-12-01T09:00:00.000Z' }).where('id', '=', found.id).execute();
    const page = await hub.app.inject({ method: 'GET', url: `/status/${reference}` });
    expect(page.body).toContain('Historial');
    expect(page.body).toContain('Cambiaremos la farola el martes &lt;b&gt;sin falta&lt;/b&gt;');
    expect(page.body).toContain('data-testid="status-expected"><time datetime="2026-12-01T10:00:00+01:00">1 de diciembre de 2026 a las 10:00</time>');
    expect((page.body.match(/status-history-entry/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it('says calmly what to do when the reference is unknown or malformed', async () => {
    for (const bad of ['ZZZZ-00001-0', 'not-a-reference', '<script>alert(1)</script>']) {
      const page = await hub.app.inject({ method: 'GET', url: `/status/${encodeURIComponent(bad)}` });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('No encontramos esta referencia');
      expect(page.body).not.toContain('<script>alert');
    }
  });
});

describe('server-rendered public pages keep a strict CSP and still get their styling', () => {
  it('allows exactly the inline stylesheet of the page, by hash, and nothing else', async () => {
    const { createHash } = await import('node:crypto');
    const hub = await createTestHub('sqlite');
    try {
      for (const url of ['/status/ZZZZ-00001-0', '/figures']) {
        const page = await hub.app.inject({ method: 'GET', url });
        const css = /<style>([^<]*)<\/style>/.exec(page.body)?.[1] ?? '';
        const hash = createHash('sha256').update(css, 'utf8').digest('base64');
        expect(css.length).toBeGreaterThan(0);
        expect(page.headers['content-security-policy']).toBe(`default-src 'none'; style-src 'sha256-${hash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`);
        expect(page.headers['x-content-type-options']).toBe('nosniff');
      }
      const api = await hub.app.inject({ method: 'GET', url: '/healthz' });
      expect(api.headers['content-security-policy']).toContain("default-src 'self'");
    } finally {
      await hub.close();
    }
  });
});
