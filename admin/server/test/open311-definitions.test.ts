import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { KIOSK_LOCALES } from '@kiosk/shared';
import { buildApp } from '../src/app.js';
import {
  Open311CreatedIdSchema,
  Open311CreatedTokenSchema,
  Open311ErrorsSchema,
  Open311ServiceDefinitionSchema,
  Open311ServiceListSchema,
  Open311TokenListSchema,
} from '../src/open311/schemas.js';
import { DIALECTS, FORM_HEADERS, createTestHub, form } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (_name, jpath) =>
    ['service_definition.attributes.attribute', 'service_definition.attributes.attribute.values.value', 'service_requests.request', 'errors.error'].includes(String(jpath)),
});

/** A batch service (Open311 type=batch) beside the demo catalogue, the way staff would add one. */
async function addBatchService(hub: TestHub): Promise<void> {
  await hub.db
    .insertInto('services')
    .values({ tenant_id: 'villademo', code: 'bulky-waste', group_code: 'street', type: 'batch', locationless: 0, position: 99, active: 1, created_at: new Date().toISOString() })
    .execute();
  await hub.db
    .insertInto('service_translations')
    .values({ tenant_id: 'villademo', service_code: 'bulky-waste', locale: 'es', name: 'Recogida de enseres', description: 'Muebles y trastos.', keywords: 'muebles' })
    .execute();
}

describe.each(DIALECTS)('Open311 service definitions, attributes and tokens (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await addBatchService(hub);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => hub.app.inject({ method: 'GET', url, headers });
  const post = (fields: Record<string, string | string[]>, format = 'json', headers: Record<string, string> = {}) =>
    hub.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: { ...FORM_HEADERS, ...headers }, payload: form(fields) });
  const light = (extra: Record<string, string | string[]> = {}) => ({ api_key: hub.apiKey, service_code: 'street-lighting', lat: '40.41', long: '-3.70', ...extra });
  async function errorsOf(fields: Record<string, string | string[]>, status = 400) {
    const response = await post(fields, 'json', { 'accept-language': 'en' });
    expect(response.statusCode).toBe(status);
    return Open311ErrorsSchema.parse(response.json()).map((e) => e.description);
  }

  it('flags services with a definition as metadata=true', async () => {
    const services = Open311ServiceListSchema.parse((await get('/open311/v2/services.json')).json());
    const metadata = Object.fromEntries(services.map((s) => [s.service_code, s.metadata]));
    expect(metadata).toMatchObject({ 'street-lighting': true, litter: true, 'pavement-damage': true, 'census-certificate': true, 'ibi-question': false });
  });

  it('serves definitions with all six datatypes, informational attributes, unique orders and string keys, in every language', async () => {
    const datatypes = new Set<string>();
    let informational = 0;
    for (const code of ['street-lighting', 'litter', 'pavement-damage', 'census-certificate', 'ibi-question']) {
      const spanish = Open311ServiceDefinitionSchema.parse((await get(`/open311/v2/services/${code}.json`)).json());
      expect(spanish.service_code).toBe(code);
      const orders = spanish.attributes.map((a) => a.order);
      expect(new Set(orders).size).toBe(orders.length);
      for (const attribute of spanish.attributes) {
        datatypes.add(attribute.datatype);
        if (!attribute.variable) informational += 1;
        const isList = attribute.datatype === 'singlevaluelist' || attribute.datatype === 'multivaluelist';
        expect(attribute.values.length > 0, attribute.code).toBe(isList);
      }
      for (const locale of KIOSK_LOCALES) {
        const response = await get(`/open311/v2/services/${code}.json?locale=${locale}`);
        expect(response.headers['content-language']).toBe(locale);
        const translated = Open311ServiceDefinitionSchema.parse(response.json());
        expect(translated.attributes.map((a) => a.code)).toEqual(spanish.attributes.map((a) => a.code));
        for (const attribute of translated.attributes) {
          expect(attribute.description, `${code}/${attribute.code}/${locale}`).not.toBe('');
          for (const value of attribute.values) expect(value.name, `${attribute.code}/${value.key}/${locale}`).not.toBe('');
        }
      }
    }
    expect([...datatypes].sort()).toEqual(['datetime', 'multivaluelist', 'number', 'singlevaluelist', 'string', 'text']);
    expect(informational).toBeGreaterThanOrEqual(2);
    const english = Open311ServiceDefinitionSchema.parse((await get('/open311/v2/services/street-lighting.json', { 'accept-language': 'en' })).json());
    expect(english.attributes.find((a) => a.code === 'LIGHT_STATE')).toMatchObject({
      required: true,
      description: 'What is wrong with the light?',
      values: [{ key: 'off', name: 'Off' }, { key: 'flickering', name: 'Flickering' }, { key: 'damaged', name: 'Damaged' }],
    });
  });

  it('serves a definition in XML with list containers, and 404s unknown services and formats', async () => {
    const response = await get('/open311/v2/services/census-certificate.xml');
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<service_definition>')).toBe(true);
    const attributes = xml.parse(response.body).service_definition.attributes.attribute;
    expect(attributes.map((a: { code: string }) => a.code)).toEqual(['CERT_KIND', 'BRING_ID']);
    expect(attributes[0].values.value.map((v: { key: string }) => v.key)).toEqual(['individual', 'household']);
    expect(attributes[1]).toMatchObject({ variable: 'false', order: '2' });
    const unknown = await get('/open311/v2/services/potholes-on-mars.xml');
    expect(unknown.statusCode).toBe(404);
    expect(xml.parse(unknown.body).errors.error[0].code).toBe('404');
    expect((await get('/open311/v2/services/litter.csv')).statusCode).toBe(404);
  });

  it('accepts answers that fit the definition and stores them', async () => {
    const response = await post(light({ 'attribute[LIGHT_STATE]': 'flickering', 'attribute[POLE_NUMBER]': 'A-123' }));
    expect(response.statusCode).toBe(201);
    const dated = await post({
      api_key: hub.apiKey,
      service_code: 'pavement-damage',
      address_id: 'CALLE-REAL-3',
      'attribute[NOTICED_AT]': '2025-03-01T10:00:00+01:00',
      'attribute[DETAILS]': 'Junto a la parada del autobús.',
    });
    expect(dated.statusCode).toBe(201);
  });

  it('refuses a missing required attribute, naming it', async () => {
    expect(await errorsOf(light())).toEqual(['A required answer is missing: "What is wrong with the light?" (attribute[LIGHT_STATE]).']);
  });

  it('refuses list values outside `values`, two values for a single list, numbers and datetimes that are not', async () => {
    expect(await errorsOf(light({ 'attribute[LIGHT_STATE]': 'exploded' }))).toEqual([
      'The value of "What is wrong with the light?" (attribute[LIGHT_STATE]) is not one of the options. Please look at the service definition.',
    ]);
    expect(await errorsOf(light({ 'attribute[LIGHT_STATE][]': ['off', 'damaged'] }))).toEqual(['"What is wrong with the light?" (attribute[LIGHT_STATE]) takes a single value.']);
    const litter = { api_key: hub.apiKey, service_code: 'litter', address_string: 'Calle Real 3' };
    expect(await errorsOf({ ...litter, 'attribute[BIN_TYPES][]': ['glass', 'nuclear'], 'attribute[BAG_COUNT]': 'three' })).toEqual([
      'The value of "Which bins?" (attribute[BIN_TYPES]) is not one of the options. Please look at the service definition.',
      '"Bags left out (roughly)" (attribute[BAG_COUNT]) must be a number.',
    ]);
    const pavement = { api_key: hub.apiKey, service_code: 'pavement-damage', address_string: 'Calle Real 3' };
    for (const notIso of ['2025-03-01', '2025-03-01T10:00:00', 'yesterday']) {
      expect(await errorsOf({ ...pavement, 'attribute[NOTICED_AT]': notIso })).toEqual([
        '"When did you notice it?" (attribute[NOTICED_AT]) must be a date and time with a time zone, e.g. 2025-03-01T10:00:00+01:00.',
      ]);
    }
  });

  it('refuses attributes the service does not ask for, informational ones included', async () => {
    expect(await errorsOf(light({ 'attribute[LIGHT_STATE]': 'off', 'attribute[COLOUR]': 'red', 'attribute[SLA_INFO]': 'x' }))).toEqual([
      'This service has no attribute[COLOUR]. Please look at the service definition.',
      'This service has no attribute[SLA_INFO]. Please look at the service definition.',
    ]);
  });

  it('stores contact fields, media_url, device_id and account_id, and echoes account_id', async () => {
    const response = await post({
      api_key: hub.apiKey,
      service_code: 'litter',
      address_string: 'Calle Mayor 5',
      media_url: 'https://example.org/photo.jpg',
      email: 'ana@example.org',
      phone: '+34600111222',
      first_name: 'Ana',
      last_name: 'Pérez',
      device_id: 'phone-42',
      account_id: 'acc-7',
    });
    expect(response.statusCode).toBe(201);
    const [created] = Open311CreatedIdSchema.parse(response.json());
    expect(created).toMatchObject({ account_id: 'acc-7' });
    const id = created?.service_request_id ?? '';
    const row = await hub.db.selectFrom('service_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      address_string: 'Calle Mayor 5',
      media_url: 'https://example.org/photo.jpg',
      email: 'ana@example.org',
      phone: '+34600111222',
      first_name: 'Ana',
      last_name: 'Pérez',
      client_device_id: 'phone-42',
      account_id: 'acc-7',
    });
  });

  it('answers a batch service with a token only, and GET tokens maps it to the id in both formats', async () => {
    const response = await post({ api_key: hub.apiKey, service_code: 'bulky-waste', address_string: 'Calle Real 3' }, 'json', { 'accept-language': 'en' });
    expect(response.statusCode).toBe(201);
    // strictObject: an answer carrying service_request_id beside the token would not parse.
    const [answer] = Open311CreatedTokenSchema.parse(response.json());
    expect(answer?.service_notice).toBe('We have received your request. This token will give you its number.');
    const token = answer?.token ?? '';
    expect(token).toMatch(/^[\w-]{20,}$/);

    const [mapped] = Open311TokenListSchema.parse((await get(`/open311/v2/tokens/${token}.json`)).json());
    expect(mapped?.token).toBe(token);
    const id = mapped?.service_request_id ?? '';
    expect((await get(`/open311/v2/requests/${id}.json`)).statusCode).toBe(200);
    const asXml = xml.parse((await get(`/open311/v2/tokens/${token}.xml`)).body);
    expect(asXml.service_requests.request).toEqual([{ token, service_request_id: id }]);

    const unknown = await get('/open311/v2/tokens/not-a-token.json', { 'accept-language': 'en' });
    expect(unknown.statusCode).toBe(404);
    expect(Open311ErrorsSchema.parse(unknown.json())[0]).toEqual({ code: '404', description: 'We found no such token. Please check it.' });
  });

  it('never logs personal data from a POST', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = await buildApp({ db: hub.db, config: hub.config, logger: { level: 'trace', stream } });
    try {
      const secret = { email: 'hidden.person@example.org', phone: '+34999888777', first_name: 'Secretina', description: 'Texto privado de prueba' };
      const ok = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM_HEADERS, payload: form({ ...light({ 'attribute[LIGHT_STATE]': 'off' }), ...secret }) });
      expect(ok.statusCode).toBe(201);
      const bad = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM_HEADERS, payload: form({ ...light(), ...secret }) });
      expect(bad.statusCode).toBe(400);
      const logged = lines.join('');
      expect(logged).toContain('/open311/v2/requests.json');
      for (const value of Object.values(secret)) expect(logged).not.toContain(value);
    } finally {
      await app.close();
    }
  });
});
