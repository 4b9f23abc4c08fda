import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, StaffServiceListSchema, StaffServiceSchema } from '@kiosk/shared';
import type { ServiceEdit, StaffService } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { auditTrail } from '../src/modules/workflow/audit.js';
import { Open311ServiceDefinitionSchema, Open311ServiceListSchema } from '../src/open311/schemas.js';
import { DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

// The staff catalogue editor (/api/catalog) on a real database of each dialect: editors change a
// service's texts and Open311 definition, everyone else is refused, bad definitions are refused
// with nothing stored, and Open311 GET services / services/{code} serve exactly what was saved.

/** The body for a PUT: the stored service minus what the editor cannot change. */
function editOf(service: StaffService): ServiceEdit {
  return { groupCode: service.groupCode, locationless: service.locationless, texts: service.texts, attributes: service.attributes } as ServiceEdit;
}

describe.each(DIALECTS)('service catalogue editor API (%s)', (dialect) => {
  let hub: TestHub;
  let editor: Record<string, string>;
  let caseworker: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await createUser(hub.db, { tenantId: 'villademo', username: 'catalogue-editor', password: 'editor password 1', role: 'editor' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'catalogue-caseworker', password: 'caseworker password 1', role: 'caseworker' });
    editor = await signInStaff(hub, 'catalogue-editor', 'editor password 1');
    caseworker = await signInStaff(hub, 'catalogue-caseworker', 'caseworker password 1');
  });
  afterAll(async () => {
    await hub?.close();
  });

  const call = (method: 'GET' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
    hub.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const errorOf = (body: string) => ApiErrorSchema.parse(JSON.parse(body)).error;
  const stored = async (code: string) => StaffServiceSchema.parse((await call('GET', `/api/catalog/services/${code}`, editor)).json());

  it('lists every service with its languages, groups and definition size; needs a session', async () => {
    expect((await call('GET', '/api/catalog/services', {})).statusCode).toBe(401);
    const response = await call('GET', '/api/catalog/services', caseworker);
    expect(response.statusCode).toBe(200);
    const list = StaffServiceListSchema.parse(response.json());
    const lighting = list.services.find((s) => s.code === 'street-lighting');
    expect(lighting).toMatchObject({ attributeCount: 3, locationless: false, active: true });
    expect(lighting?.locales).toContain('es');
    expect(list.groups.length).toBeGreaterThan(0);
  });

  it('reads one service in every language with its attributes in order and list values', async () => {
    const service = await stored('street-lighting');
    expect(service.attributes.map((a) => [a.code, a.order, a.datatype])).toEqual([
      ['SLA_INFO', 1, 'text'],
      ['LIGHT_STATE', 2, 'singlevaluelist'],
      ['POLE_NUMBER', 3, 'string'],
    ]);
    expect(service.attributes[1]?.values.length).toBeGreaterThan(0);
    expect(Object.keys(service.texts)).toEqual(expect.arrayContaining(['es', 'ar']));
    expect((await call('GET', '/api/catalog/services/no-such-service', editor)).statusCode).toBe(404);
  });

  it('saves texts, location and a new attribute; Open311 serves them; the change is audited', async () => {
    const before = await stored('street-lighting');
    const edit = editOf(before);
    edit.texts.es = { name: 'Farolas y alumbrado', description: 'Farolas apagadas o rotas.', keywords: ['farola', 'luz'] };
    edit.attributes = [
      ...edit.attributes,
      {
        code: 'LAMP_COLOUR',
        variable: true,
        datatype: 'multivaluelist',
        required: false,
        order: 4,
        texts: { es: { description: '¿De qué color es la luz?', datatypeDescription: '' }, en: { description: 'What colour is the light?', datatypeDescription: '' } },
        values: [
          { key: 'white', names: { es: 'Blanca', en: 'White' } },
          { key: 'orange', names: { es: 'Naranja' } },
        ],
      },
    ];
    const response = await call('PUT', '/api/catalog/services/street-lighting', editor, edit);
    expect(response.statusCode, response.body).toBe(200);
    const saved = StaffServiceSchema.parse(response.json());
    expect(saved.texts.es).toEqual({ name: 'Farolas y alumbrado', description: 'Farolas apagadas o rotas.', keywords: ['farola', 'luz'] });
    expect(saved.attributes.map((a) => a.code)).toEqual(['SLA_INFO', 'LIGHT_STATE', 'POLE_NUMBER', 'LAMP_COLOUR']);

    const services = Open311ServiceListSchema.parse((await call('GET', '/open311/v2/services.json', {})).json());
    expect(services.find((s) => s.service_code === 'street-lighting')).toMatchObject({ service_name: 'Farolas y alumbrado', keywords: 'farola, luz', metadata: true });

    const english = Open311ServiceDefinitionSchema.parse((await call('GET', '/open311/v2/services/street-lighting.json?locale=en', {})).json());
    const colour = english.attributes.find((a) => a.code === 'LAMP_COLOUR');
    expect(colour).toMatchObject({ order: 4, datatype: 'multivaluelist', description: 'What colour is the light?' });
    // A value named only in Spanish falls back to Spanish, as every other text does.
    expect(colour?.values).toEqual([
      { key: 'white', name: 'White' },
      { key: 'orange', name: 'Naranja' },
    ]);

    const audit = await auditTrail(hub.db, 'villademo', { targetType: 'service', targetId: 'street-lighting', limit: 10, offset: 0 });
    expect(audit.map((row) => row.action)).toContain('service.update');
    expect(JSON.stringify(audit)).not.toContain('Farolas y alumbrado');
  });

  it('removes an attribute and reorders the rest; Open311 follows', async () => {
    const edit = editOf(await stored('street-lighting'));
    edit.attributes = edit.attributes.filter((a) => a.code !== 'POLE_NUMBER').map((a) => (a.code === 'SLA_INFO' ? { ...a, order: 10 } : a));
    expect((await call('PUT', '/api/catalog/services/street-lighting', editor, edit)).statusCode).toBe(200);
    const definition = Open311ServiceDefinitionSchema.parse((await call('GET', '/open311/v2/services/street-lighting.json', {})).json());
    expect(definition.attributes.map((a) => [a.code, a.order])).toEqual([
      ['LIGHT_STATE', 2],
      ['LAMP_COLOUR', 4],
      ['SLA_INFO', 10],
    ]);
  });

  it('refuses a caseworker (403) and stores nothing', async () => {
    const before = await stored('litter');
    const edit = editOf(before);
    edit.locationless = !before.locationless;
    const response = await call('PUT', '/api/catalog/services/litter', caseworker, edit);
    expect(response.statusCode).toBe(403);
    expect(errorOf(response.body).code).toBe('role');
    expect(await stored('litter')).toEqual(before);
  });

  it.each([
    ['a list without values', (e: ServiceEdit) => void (e.attributes[0] = { ...e.attributes[0]!, datatype: 'singlevaluelist', values: [] })],
    ['values on a number', (e: ServiceEdit) => void (e.attributes[1] = { ...e.attributes[1]!, values: [{ key: 'x', names: { es: 'x' } }] })],
    ['two attributes with one order', (e: ServiceEdit) => void (e.attributes[1] = { ...e.attributes[1]!, order: e.attributes[0]!.order })],
    ['a datatype outside the six', (e: ServiceEdit) => void (e.attributes[0] = { ...e.attributes[0]!, datatype: 'boolean' as never })],
    ['a keyword with a comma', (e: ServiceEdit) => void (e.texts.es = { ...e.texts.es!, keywords: ['a, b'] })],
  ])('refuses %s (400) and stores nothing', async (_name, spoil) => {
    const before = await stored('litter');
    const edit = structuredClone(editOf(before));
    spoil(edit);
    const response = await call('PUT', '/api/catalog/services/litter', editor, edit);
    expect(response.statusCode).toBe(400);
    expect(await stored('litter')).toEqual(before);
  });

  it('refuses texts missing in the municipality language, and an unknown group', async () => {
    const before = await stored('litter');
    const noSpanish = editOf(before);
    const { es: _es, ...others } = noSpanish.attributes[0]!.texts;
    noSpanish.attributes = [{ ...noSpanish.attributes[0]!, texts: others }, ...noSpanish.attributes.slice(1)];
    const missing = await call('PUT', '/api/catalog/services/litter', editor, noSpanish);
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing.body).code).toBe('default-locale-missing');

    const badGroup = await call('PUT', '/api/catalog/services/litter', editor, { ...editOf(before), groupCode: 'no-such-group' });
    expect(badGroup.statusCode).toBe(400);
    expect(errorOf(badGroup.body).code).toBe('unknown-group');
    expect(await stored('litter')).toEqual(before);
  });
});
