import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { Open311CreatedIdSchema, Open311ErrorsSchema, Open311RequestListSchema } from '../src/open311/schemas.js';
import { DIALECTS, FORM_HEADERS, createTestHub, form } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (_name, jpath) => ['service_requests.request', 'errors.error'].includes(String(jpath)),
});

describe.each(DIALECTS)('Open311 POST and GET requests (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const post = (fields: Record<string, string | string[]>, format = 'json', headers: Record<string, string> = {}) =>
    hub.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: { ...FORM_HEADERS, ...headers }, payload: form(fields) });

  const valid = (): Record<string, string> => ({
    api_key: hub.apiKey,
    service_code: 'pavement-damage',
    lat: '40.4170',
    long: '-3.7040',
    description: 'Baldosa suelta frente al número 12.',
    email: 'vecina@example.org',
  });

  async function errorsOf(fields: Record<string, string | string[]>, status: number, headers: Record<string, string> = {}) {
    const response = await post(fields, 'json', headers);
    expect(response.statusCode).toBe(status);
    return Open311ErrorsSchema.parse(response.json());
  }

  it('files a request and answers with a string id and a notice (JSON)', async () => {
    const response = await post(valid());
    expect(response.statusCode).toBe(201);
    const [created] = Open311CreatedIdSchema.parse(response.json());
    expect(created?.service_request_id).toMatch(/^\d+$/);
    expect(created?.service_notice).toBe('Hemos recibido su solicitud. Puede consultar su estado con este número.');

    const fetched = await hub.app.inject({ method: 'GET', url: `/open311/v2/requests/${created?.service_request_id}.json` });
    expect(fetched.statusCode).toBe(200);
    const [request] = Open311RequestListSchema.parse(fetched.json());
    expect(request).toMatchObject({
      service_request_id: created?.service_request_id,
      status: 'open',
      service_code: 'pavement-damage',
      service_name: 'Desperfectos en aceras y calzada',
      channel: 'web',
      detailed_status: 'received',
      local_reference: null,
      office_location: false,
      lat: 40.417,
      long: -3.704,
    });
    expect(request?.requested_datetime).toMatch(/T\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    // The public, key-less GET shows neither the description nor any contact detail.
    expect(fetched.body).not.toContain('Baldosa');
    expect(fetched.body).not.toContain('vecina@example.org');
  });

  it('files a request in XML and answers inside service_requests/request', async () => {
    const response = await post({ ...valid(), channel: 'counter' }, 'xml');
    expect(response.statusCode).toBe(201);
    expect(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const parsed = xml.parse(response.body);
    expect(parsed.service_requests.request).toHaveLength(1);
    const id = parsed.service_requests.request[0].service_request_id;
    const fetched = await hub.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.xml` });
    const request = xml.parse(fetched.body).service_requests.request[0];
    expect(request).toMatchObject({ service_request_id: id, status: 'open', channel: 'counter', office_location: 'false' });
  });

  it('uses the office address, flagged, for a locationless service', async () => {
    const response = await post({ api_key: hub.apiKey, service_code: 'census-certificate', 'attribute[CERT_KIND]': 'individual' });
    expect(response.statusCode).toBe(201);
    const id = Open311CreatedIdSchema.parse(response.json())[0]?.service_request_id;
    const [request] = Open311RequestListSchema.parse((await hub.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` })).json());
    expect(request).toMatchObject({ office_location: true, address: 'Plaza Mayor, 1, 28999 Villademo' });
  });

  it('keeps multivaluelist and number attributes', async () => {
    const response = await post({ ...valid(), service_code: 'litter', 'attribute[BAG_COUNT]': '3', 'attribute[BIN_TYPES][]': ['glass', 'paper'] });
    expect(response.statusCode).toBe(201);
    const id = Open311CreatedIdSchema.parse(response.json())[0]?.service_request_id ?? '';
    const row = await hub.db.selectFrom('service_requests').select('attributes').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.attributes)).toEqual({ BAG_COUNT: '3', BIN_TYPES: ['glass', 'paper'] });
  });

  it('refuses a missing service_code with 400', async () => {
    const { service_code: _omitted, ...rest } = valid();
    const errors = await errorsOf(rest, 400);
    expect(errors[0]).toEqual({ code: '400', description: 'Falta service_code: indique el servicio de la solicitud.' });
  });

  it('refuses a missing or wrong api_key with 403, in the asked language', async () => {
    const { api_key: _omitted, ...rest } = valid();
    const missing = await errorsOf(rest, 403, { 'accept-language': 'en' });
    expect(missing[0]?.description).toBe('api_key is missing. Ask the town hall for a key.');
    const wrong = await errorsOf({ ...valid(), api_key: 'not-a-key' }, 403);
    expect(wrong[0]?.description).toBe('La clave api_key no es válida. Compruébela o solicite una nueva.');
  });

  it('refuses an unknown service with 404', async () => {
    const errors = await errorsOf({ ...valid(), service_code: 'potholes-on-mars' }, 404, { 'accept-language': 'en' });
    expect(errors[0]?.description).toBe('There is no service potholes-on-mars. Please look at the list of services.');
  });

  it('refuses a request with no location for a service that needs one', async () => {
    const { lat: _lat, long: _long, ...rest } = valid();
    const errors = await errorsOf(rest, 400);
    expect(errors.map((e) => e.description)).toEqual(['Indique dónde ocurre: lat y long, address_string o address_id.']);
  });

  it('refuses a description over 4000 characters and one with HTML, reporting both problems at once', async () => {
    const long = await errorsOf({ ...valid(), description: 'a'.repeat(4001) }, 400, { 'accept-language': 'en' });
    expect(long[0]?.description).toBe('The description cannot be longer than 4000 characters.');
    const html = await errorsOf({ ...valid(), description: 'Mira <script>alert(1)</script>', lat: '200' }, 400, { 'accept-language': 'en' });
    expect(html.map((e) => e.description)).toEqual([
      'lat and long must come together and be valid coordinates.',
      'The description cannot contain HTML. Please write plain text.',
    ]);
  });

  it('accepts exactly 4000 characters of description', async () => {
    expect((await post({ ...valid(), description: 'b'.repeat(4000) })).statusCode).toBe(201);
  });

  it('finds a kiosk case by its reference in any spelling, and 404s an unknown one', async () => {
    const sent = submission(hub, 7);
    const filed = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'key-open311-lookup-1'), payload: sent });
    expect(filed.statusCode).toBe(201);
    const caseId = filed.json().serviceRequestId;
    for (const spelling of [sent.localReference, sent.localReference.toLowerCase(), sent.localReference.replaceAll('-', '').toLowerCase()]) {
      const response = await hub.app.inject({ method: 'GET', url: `/open311/v2/requests/${encodeURIComponent(spelling)}.json` });
      expect(response.statusCode, spelling).toBe(200);
      const [request] = Open311RequestListSchema.parse(response.json());
      expect(request).toMatchObject({ service_request_id: caseId, local_reference: sent.localReference, channel: 'kiosk', office_location: true });
    }
    const unknown = await hub.app.inject({ method: 'GET', url: '/open311/v2/requests/999999.json' });
    expect(unknown.statusCode).toBe(404);
    expect(Open311ErrorsSchema.parse(unknown.json())[0]?.code).toBe('404');
    const unknownXml = await hub.app.inject({ method: 'GET', url: '/open311/v2/requests/ZZZZ-00001-0.xml' });
    expect(unknownXml.statusCode).toBe(404);
    expect(xml.parse(unknownXml.body).errors.error).toHaveLength(1);
  });
});
