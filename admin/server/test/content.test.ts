import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { auditTrail } from '../src/modules/workflow/audit.js';
import { ContentEntrySchema, ContentListSchema, ContentVersionListSchema } from '../src/modules/content/contract.js';
import { DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';


const faq = (question: string, extra: Record<string, unknown> = {}) => ({
  kind: 'faq',
  serviceCode: 'ibi-question',
  translations: { es: { question, answer: 'Respuesta de prueba.' }, en: { question: `${question} (en)`, answer: 'Test answer.' } },
  ...extra,
});

describe.each(DIALECTS)('content editor API (%s)', (dialect) => {
  let hub: TestHub;
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  let viewer: Record<string, string>;

  const signIn = (username: string, password: string) => signInStaff(hub, username, password);

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await createUser(hub.db, { tenantId: 'villademo', username: 'manager', password: 'manager password 1', role: 'editor' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'analyst', password: 'analyst password 1', role: 'viewer' });
    [admin, manager, viewer] = await Promise.all([signIn('admin', hub.adminPassword), signIn('manager', 'manager password 1'), signIn('analyst', 'analyst password 1')]);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
    hub.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const errorCode = (body: string) => ApiErrorSchema.parse(JSON.parse(body)).error.code;

  async function created(question: string): Promise<string> {
    const response = await call('POST', '/api/content', manager, faq(question));
    expect(response.statusCode).toBe(201);
    return ContentEntrySchema.parse(response.json()).id;
  }

  it('needs a session (401) and the console header on changes (403 csrf)', async () => {
    expect((await call('GET', '/api/content', {})).statusCode).toBe(401);
    const noHeader = await call('POST', '/api/content', { cookie: manager['cookie'] ?? '' }, faq('¿Sin cabecera?'));
    expect(noHeader.statusCode).toBe(403);
    expect(errorCode(noHeader.body)).toBe('csrf');
  });

  it('creates version 1 as an unpublished draft, with an ETag', async () => {
    const response = await call('POST', '/api/content', admin, faq('¿Cuándo vence el IBI?'));
    expect(response.statusCode).toBe(201);
    expect(response.headers['etag']).toBe('"1"');
    const entry = ContentEntrySchema.parse(response.json());
    expect(entry).toMatchObject({ kind: 'faq', serviceCode: 'ibi-question', version: 1, publishedVersion: null });
    expect(entry.translations.es).toEqual({ question: '¿Cuándo vence el IBI?', answer: 'Respuesta de prueba.', easyRead: null });
  });

  it('lets a viewer read but not write (403 role), and nothing is stored', async () => {
    const id = await created('¿Puedo leerlo?');
    expect((await call('GET', `/api/content/${id}`, viewer)).statusCode).toBe(200);
    const write = await call('POST', '/api/content', viewer, faq('¿Un analista escribe?'));
    expect(write.statusCode).toBe(403);
    expect(errorCode(write.body)).toBe('role');
    const edit = await call('PUT', `/api/content/${id}`, { ...viewer, 'if-match': '"1"' }, faq('cambiado'));
    expect(edit.statusCode).toBe(403);
    expect((await call('POST', `/api/content/${id}/publish`, viewer, { version: 1 })).statusCode).toBe(403);
    const list = ContentListSchema.parse((await call('GET', '/api/content', viewer)).json());
    expect(list.entries.some((e) => e.title === '¿Un analista escribe?')).toBe(false);
    expect(list.entries.find((e) => e.id === id)).toMatchObject({ version: 1, publishedVersion: null, locales: ['es', 'en'] });
  });

  it('refuses bad input with a clear 400: no text in the town language, unknown service, bad shape', async () => {
    const noSpanish = await call('POST', '/api/content', manager, { kind: 'faq', serviceCode: null, translations: { en: { question: 'Q?', answer: 'A.' } } });
    expect(noSpanish.statusCode).toBe(400);
    expect(errorCode(noSpanish.body)).toBe('default-locale-missing');
    const unknownService = await call('POST', '/api/content', manager, faq('¿Servicio?', { serviceCode: 'no-such-service' }));
    expect(errorCode(unknownService.body)).toBe('unknown-service');
    const badLocale = await call('POST', '/api/content', manager, { kind: 'faq', serviceCode: null, translations: { es: { question: 'Q', answer: 'A' }, xx: { question: 'Q', answer: 'A' } } });
    expect(badLocale.statusCode).toBe(400);
    expect(errorCode(badLocale.body)).toBe('invalid');
    const procedureWithoutSheet = await call('POST', '/api/content', manager, { kind: 'procedure', serviceCode: null, translations: { es: { title: 'T', summary: 'S' } } });
    expect(procedureWithoutSheet.statusCode).toBe(400);
  });

  it('makes every edit a new version, with If-Match or a body version, and keeps the old ones', async () => {
    const id = await created('Versión uno');
    const second = await call('PUT', `/api/content/${id}`, { ...manager, 'if-match': '"1"' }, faq('Versión dos'));
    expect(second.statusCode).toBe(200);
    expect(second.headers['etag']).toBe('"2"');
    const third = await call('PUT', `/api/content/${id}`, manager, faq('Versión tres', { version: 2 }));
    expect(ContentEntrySchema.parse(third.json()).version).toBe(3);

    const versions = ContentVersionListSchema.parse((await call('GET', `/api/content/${id}/versions`, viewer)).json());
    expect(versions.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const first = ContentEntrySchema.parse((await call('GET', `/api/content/${id}/versions/1`, viewer)).json());
    expect(first.translations.es).toMatchObject({ question: 'Versión uno' });
    expect((await call('GET', `/api/content/${id}/versions/9`, viewer)).statusCode).toBe(404);
  });

  it('answers 409 to an edit based on an old version and 428 to one based on none; nothing is overwritten', async () => {
    const id = await created('Original');
    expect((await call('PUT', `/api/content/${id}`, { ...manager, 'if-match': '"1"' }, faq('Primera edición'))).statusCode).toBe(200);
    const stale = await call('PUT', `/api/content/${id}`, { ...admin, 'if-match': '"1"' }, faq('Edición perdida'));
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale.body)).toBe('version-conflict');
    const blind = await call('PUT', `/api/content/${id}`, admin, faq('A ciegas'));
    expect(blind.statusCode).toBe(428);
    expect((await call('PUT', `/api/content/${id}`, { ...admin, 'if-match': 'tomorrow' }, faq('x'))).statusCode).toBe(400);
    const current = ContentEntrySchema.parse((await call('GET', `/api/content/${id}`, viewer)).json());
    expect(current.version).toBe(2);
    expect(current.translations.es).toMatchObject({ question: 'Primera edición' });
  });

  it('lets exactly one of several simultaneous edits of the same version win', async () => {
    const id = await created('Carrera');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call('PUT', `/api/content/${id}`, { ...manager, 'if-match': '"1"' }, faq(`Carrera ${i}`))),
    );
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(7);
    const versions = ContentVersionListSchema.parse((await call('GET', `/api/content/${id}/versions`, viewer)).json());
    expect(versions.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('refuses to change the kind of an entry', async () => {
    const id = await created('¿Tipo fijo?');
    const response = await call('PUT', `/api/content/${id}`, { ...manager, 'if-match': '"1"' }, {
      kind: 'procedure',
      serviceCode: null,
      translations: { es: { title: 'T', summary: 'S', whatToBring: [], cost: 'Gratis', duration: '1 día', where: 'Aquí', responsible: 'Yo', easyRead: 'Fácil.' } },
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response.body)).toBe('kind-immutable');
  });

  it('publishes a chosen version, keeps editing as a draft, rolls back and unpublishes', async () => {
    const id = await created('Publicable');
    const published = await call('POST', `/api/content/${id}/publish`, manager, { version: 1 });
    expect(ContentEntrySchema.parse(published.json())).toMatchObject({ version: 1, publishedVersion: 1 });
    await call('PUT', `/api/content/${id}`, { ...manager, 'if-match': '"1"' }, faq('Publicable, revisado'));
    const afterEdit = ContentEntrySchema.parse((await call('GET', `/api/content/${id}`, viewer)).json());
    expect(afterEdit).toMatchObject({ version: 2, publishedVersion: 1 });
    expect((await call('POST', `/api/content/${id}/publish`, manager, { version: 5 })).statusCode).toBe(404);
    expect(ContentEntrySchema.parse((await call('POST', `/api/content/${id}/publish`, manager, { version: 2 })).json()).publishedVersion).toBe(2);
    expect(ContentEntrySchema.parse((await call('POST', `/api/content/${id}/publish`, manager, { version: 1 })).json()).publishedVersion).toBe(1);
    const versions = ContentVersionListSchema.parse((await call('GET', `/api/content/${id}/versions`, viewer)).json());
    expect(versions.versions.find((v) => v.published)?.version).toBe(1);
    const off = ContentEntrySchema.parse((await call('POST', `/api/content/${id}/unpublish`, manager).then((r) => r.json())));
    expect(off.publishedVersion).toBeNull();
    expect((await call('GET', '/api/content/content_nope', viewer)).statusCode).toBe(404);
  });
  it('audits every change (who, what, which version) without the texts; a refused edit leaves no row', async () => {
    const id = await created('¿Auditada?');
    await call('PUT', `/api/content/${id}`, { ...manager, 'if-match': '"1"' }, faq('¿Auditada, revisada?'));
    await call('POST', `/api/content/${id}/publish`, manager, { version: 2 });
    await call('POST', `/api/content/${id}/unpublish`, manager);
    expect((await call('POST', `/api/content/${id}/publish`, viewer, { version: 1 })).statusCode).toBe(403);
    const rows = await auditTrail(hub.db, 'villademo', { targetType: 'content', targetId: id, limit: 20, offset: 0 });
    // Sorted by name: rows written in the same millisecond have no order of their own.
    expect(rows.map((row) => `${row.action} by ${row.actor_name}`).sort()).toEqual([
      'content.create by manager',
      'content.publish by manager',
      'content.unpublish by manager',
      'content.update by manager',
    ]);
    expect(JSON.stringify(rows)).not.toContain('Auditada');
  });
});
