import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, KIOSK_LOCALES } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { SearchAnswerSchema } from '../src/modules/content/contract.js';
import { DEMO_CONTENT } from '../src/modules/content/demo-content.js';
import { searchContent } from '../src/modules/content/search.js';
import { seedDemoContent } from '../src/modules/content/seed.js';
import type { ContentTables } from '../src/modules/content/tables.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';

const CONSOLE = { 'x-requested-with': 'console' };

describe.each(DIALECTS)('content search (%s)', (dialect) => {
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

  const kioskSearch = async (q: string, locale?: string) => {
    const query = new URLSearchParams({ q, ...(locale === undefined ? {} : { locale }) });
    const response = await hub.app.inject({ method: 'GET', url: `/fleet/v1/content/search?${query}`, headers: fleetHeaders(hub) });
    expect(response.statusCode).toBe(200);
    return SearchAnswerSchema.parse(response.json());
  };
  const ids = (answer: { results: { id: string }[] }) => answer.results.map((r) => r.id);

  it('seeds every demo entry in all seven languages, idempotently, also inside a caller\'s transaction', async () => {
    await seedDemoContent(hub.db, 'villademo');
    await hub.db.transaction().execute((trx) => seedDemoContent(trx, 'villademo'));
    const sheet = DEMO_CONTENT.find((item) => item.kind === 'procedure');
    if (sheet?.kind !== 'procedure') throw new Error('the demo content has a procedure sheet');
    for (const locale of KIOSK_LOCALES) {
      const hits = await searchContent(hub.db, 'villademo', sheet.texts[locale].title, locale);
      expect(hits[0]).toMatchObject({ id: sheet.id, locale });
    }
    const versions = await hub.db.withTables<ContentTables>().selectFrom('content_versions').select('entry_id').where('tenant_id', '=', 'villademo').execute();
    expect(versions).toHaveLength(DEMO_CONTENT.length);
  });

  it('tolerates a missing letter: "empadronamieto" finds the census entries first', async () => {
    const answer = await kioskSearch('empadronamieto', 'es');
    expect(ids(answer).slice(0, 2).sort()).toEqual(['demo-census-certificate-sheet', 'demo-census-register-faq']);
    expect(answer.results[0]?.score).toBeGreaterThan(0);
  });

  it('ignores case and accents: "ibi" finds the IBI answer, "CERTIFICADO EMPADRONAMIENTO" and "cómo" work too', async () => {
    expect(ids(await kioskSearch('ibi', 'es'))[0]).toBe('demo-ibi-payment-faq');
    expect(ids(await kioskSearch('CERTIFICADO EMPADRONAMIENTO', 'es'))[0]).toBe('demo-census-certificate-sheet');
    expect(ids(await kioskSearch('domicilio ibí', 'es'))[0]).toBe('demo-ibi-payment-faq');
    expect(ids(await kioskSearch('farloa apagada', 'es'))[0]).toBe('demo-street-light-faq');
  });

  it('searches the kiosk language, including Arabic, Basque and French', async () => {
    expect(ids(await kioskSearch('إنارة', 'ar'))[0]).toBe('demo-street-light-faq');
    expect(ids(await kioskSearch('altzariak', 'eu'))[0]).toBe('demo-bulky-waste-faq');
    const french = await kioskSearch('taxe fonciere', 'fr');
    expect(french.results[0]).toMatchObject({ id: 'demo-ibi-payment-faq', locale: 'fr' });
    expect(french.results[0]?.title).toContain('taxe foncière');
  });

  it('answers an empty list, not an error, when nothing matches; 400 for an empty query', async () => {
    expect((await kioskSearch('xylofono zzzz', 'es')).results).toEqual([]);
    const empty = await hub.app.inject({ method: 'GET', url: '/fleet/v1/content/search?q=', headers: fleetHeaders(hub) });
    expect(empty.statusCode).toBe(400);
    expect(ApiErrorSchema.parse(empty.json()).error.code).toBe('invalid');
    expect((await hub.app.inject({ method: 'GET', url: '/fleet/v1/content/search?q=ibi' })).statusCode).toBe(401);
  });

  it('serves the public search without a login, in the language asked for', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/public/v1/faq/search?q=empadronament&jurisdiction_id=villademo.es', headers: { 'accept-language': 'ca-ES,ca;q=0.9' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-language']).toBe('ca');
    const answer = SearchAnswerSchema.parse(response.json());
    expect(answer.results[0]?.locale).toBe('ca');
    expect(ids(answer)).toContain('demo-census-register-faq');
    const unknown = await hub.app.inject({ method: 'GET', url: '/public/v1/faq/search?q=ibi&jurisdiction_id=nowhere.example' });
    expect(unknown.statusCode).toBe(404);
  });

  it('never shows drafts: a new entry, or a new version of a published one, appears only once published', async () => {
    const draft = await hub.app.inject({
      method: 'POST',
      url: '/api/content',
      headers: editor,
      payload: { kind: 'faq', serviceCode: 'litter', translations: { es: { question: '¿Dónde está el punto limpio?', answer: 'El ecoparque zarzamora abre los sábados.' } } },
    });
    const id = (draft.json() as { id: string }).id;
    expect(ids(await kioskSearch('zarzamora', 'es'))).toEqual([]);
    expect(ids(SearchAnswerSchema.parse((await hub.app.inject({ method: 'GET', url: '/public/v1/faq/search?q=zarzamora' })).json()))).toEqual([]);

    await hub.app.inject({ method: 'POST', url: `/api/content/${id}/publish`, headers: editor, payload: { version: 1 } });
    expect(ids(await kioskSearch('zarzamora', 'es'))).toEqual([id]);
    // Falls back to the town's language where the kiosk's is missing.
    expect((await kioskSearch('zarzamora', 'en')).results[0]?.locale).toBe('es');

    await hub.app.inject({
      method: 'PUT',
      url: `/api/content/${id}`,
      headers: { ...editor, 'if-match': '"1"' },
      payload: { kind: 'faq', serviceCode: 'litter', translations: { es: { question: '¿Dónde está el punto limpio?', answer: 'El ecoparque arándano abre los domingos.' } } },
    });
    expect(ids(await kioskSearch('arandano', 'es'))).toEqual([]);
    expect(ids(await kioskSearch('zarzamora', 'es'))).toEqual([id]);

    await hub.app.inject({ method: 'POST', url: `/api/content/${id}/unpublish`, headers: editor });
    expect(ids(await kioskSearch('zarzamora', 'es'))).toEqual([]);
  });
});
