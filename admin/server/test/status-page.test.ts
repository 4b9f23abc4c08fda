import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('says calmly what to do when the reference is unknown or malformed', async () => {
    for (const bad of ['ZZZZ-00001-0', 'not-a-reference', '<script>alert(1)</script>']) {
      const page = await hub.app.inject({ method: 'GET', url: `/status/${encodeURIComponent(bad)}` });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('No encontramos esta referencia');
      expect(page.body).not.toContain('<script>alert');
    }
  });
});
