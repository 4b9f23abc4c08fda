import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { Open311DiscoverySchema, Open311ErrorsSchema, Open311ServiceListSchema } from '../src/open311/schemas.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

/** Parses like a careful client: lists are always arrays, values stay text (pitfall 4). */
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (_name, jpath) => ['services.service', 'discovery.endpoints.endpoint', 'discovery.endpoints.endpoint.formats.format', 'errors.error'].includes(String(jpath)),
});

describe.each(DIALECTS)('Open311 discovery and services (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('serves discovery in JSON with the endpoint list', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/open311/v2/discovery.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const discovery = Open311DiscoverySchema.parse(response.json());
    expect(discovery.endpoints).toHaveLength(1);
    expect(discovery.endpoints[0]?.url).toMatch(/\/open311\/v2$/);
    expect(discovery.endpoints[0]?.formats).toEqual(['text/xml', 'application/json']);
    expect(discovery.changeset).toMatch(/[+-]\d\d:\d\d$/);
  });

  it('serves discovery in XML with the declaration and list containers', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/open311/v2/discovery.xml' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/xml/);
    expect(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const parsed = xml.parse(response.body);
    expect(parsed.discovery.endpoints.endpoint).toHaveLength(1);
    expect(parsed.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists services in JSON with string codes, in Spanish by default', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(response.statusCode).toBe(200);
    const services = Open311ServiceListSchema.parse(response.json());
    expect(services.map((s) => s.service_code)).toEqual(['street-lighting', 'litter', 'pavement-damage', 'census-certificate', 'ibi-question']);
    const certificate = services.find((s) => s.service_code === 'census-certificate');
    expect(certificate).toMatchObject({ service_name: 'Certificado de empadronamiento', locationless: true, group: 'Trámites y certificados' });
    expect(response.headers['content-language']).toBe('es');
  });

  it('lists services in XML with a container per list, even for one group member', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/open311/v2/services.xml?jurisdiction_id=villademo.es' });
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<services>')).toBe(true);
    const parsed = xml.parse(response.body);
    expect(parsed.services.service).toHaveLength(5);
    const ibi = parsed.services.service.find((s: { service_code: string }) => s.service_code === 'ibi-question');
    expect(ibi).toMatchObject({ service_name: 'Consulta sobre el IBI', metadata: 'false', type: 'realtime', group: 'Impuestos y tasas' });
  });

  it('picks the language from locale= and from Accept-Language', async () => {
    const byParam = await hub.app.inject({ method: 'GET', url: '/open311/v2/services.json?locale=eu' });
    expect(Open311ServiceListSchema.parse(byParam.json())[0]?.service_name).toBe('Kaleko argi edo farola matxuratua');
    const byHeader = await hub.app.inject({
      method: 'GET',
      url: '/open311/v2/services.json',
      headers: { 'accept-language': 'de-DE, fr;q=0.8, en;q=0.5' },
    });
    expect(byHeader.headers['content-language']).toBe('fr');
    expect(Open311ServiceListSchema.parse(byHeader.json())[0]?.service_name).toBe('Lampadaire ou éclairage public en panne');
  });

  it('answers 404 with an Open311 error list for an unknown jurisdiction, in both formats', async () => {
    const json = await hub.app.inject({ method: 'GET', url: '/open311/v2/services.json?jurisdiction_id=nowhere.example' });
    expect(json.statusCode).toBe(404);
    expect(Open311ErrorsSchema.parse(json.json())[0]?.code).toBe('404');
    const asXml = await hub.app.inject({ method: 'GET', url: '/open311/v2/services.xml?jurisdiction_id=nowhere.example' });
    expect(asXml.statusCode).toBe(404);
    expect(xml.parse(asXml.body).errors.error[0].code).toBe('404');
  });

  it('answers 404 for a format it does not serve and for unknown Open311 paths', async () => {
    expect((await hub.app.inject({ method: 'GET', url: '/open311/v2/services.csv' })).statusCode).toBe(404);
    const unknown = await hub.app.inject({ method: 'GET', url: '/open311/v2/tokens/abc.json' });
    expect(unknown.statusCode).toBe(404);
    expect(Open311ErrorsSchema.parse(unknown.json())).toHaveLength(1);
  });
});
