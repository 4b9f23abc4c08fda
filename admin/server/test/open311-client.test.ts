import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseCreated,
  parseDiscovery,
  parseErrors,
  parseRequests,
  parseServiceDefinition,
  parseServices,
  parseTokens,
} from '../src/open311/client/parse.js';
import type { Open311WireFormat } from '../src/open311/client/parse.js';
import { Open311ParseError } from '../src/open311/client/xml.js';
import { FORM_HEADERS, createTestHub, form } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

/** Real Boston and Washington DC payloads (shared/data/open311-fixtures, BSD). */
const FIXTURES = new URL('../../../../shared/data/open311-fixtures/', import.meta.url);
const fixture = (name: string) => fs.readFileSync(new URL(name, FIXTURES), 'utf8');
const count = (body: string, tag: string) => body.split(`<${tag}>`).length - 1;

describe('GeoReport v2 client parser on real city payloads', () => {
  it('reads discovery in JSON (Boston) and XML (DC), keeping a one-format list a list', () => {
    const boston = parseDiscovery(fixture('discovery-boston.json'), 'json');
    expect(boston.endpoints.map((e) => e.type)).toEqual(['production', 'test']);
    expect(boston.endpoints[0]?.formats).toEqual(['text/xml', 'application/json']);
    expect(boston.changeset).toBe('2011-09-1 17:35');
    const dc = parseDiscovery(fixture('discovery-dc.xml'), 'xml');
    expect(dc.endpoints).toHaveLength(2);
    expect(dc.endpoints[0]).toMatchObject({ url: 'http://app.311.dc.gov/cwi/Open311/v2', formats: ['text/xml'], type: 'production' });
    expect(dc.contact).toContain('octo@dc.gov');
  });

  it('reads the DC service list', () => {
    const body = fixture('dc-services.xml');
    const services = parseServices(body, 'xml');
    expect(services).toHaveLength(count(body, 'service'));
    expect(services[0]).toMatchObject({ service_code: 'CSRREPIS', metadata: true, type: 'realtime', keywords: ['311', 'Online', 'Reported', 'Issues'] });
    // Entities decode: the description really contains the markup the city escaped.
    expect(services.find((s) => s.service_code === 'S0003')?.description).toContain('<br><br>');
  });

  it('reads a service definition with an informational attribute and value lists', () => {
    const body = fixture('dc-services-S0301.xml');
    const definition = parseServiceDefinition(body, 'xml');
    expect(definition.service_code).toBe('S0301');
    expect(definition.attributes).toHaveLength(count(body, 'attribute'));
    expect(definition.attributes.find((a) => a.code === 'DSITR001')).toMatchObject({ variable: false, datatype: 'text', order: 9, values: [] });
    expect(definition.attributes.find((a) => a.code === 'ISITHAZA')?.values.map((v) => v.key)).toEqual(['NO001', 'UNKNOWN', 'YES001']);
    expect(definition.attributes.find((a) => a.code === 'WHISPOLO')?.required).toBe(true);
  });

  it('reads one request and a list, keeping codes as text and trimming values', () => {
    const [one] = parseRequests(fixture('service-request.xml'), 'xml');
    expect(one).toMatchObject({
      service_request_id: '638344',
      status: 'closed',
      service_code: '006',
      description: null,
      lat: 37.762221815,
      long: -122.4651145,
      expected_datetime: '2010-04-15T06:37:38-08:00',
      media_url: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg',
    });
    const many = parseRequests(fixture('service-requests.xml'), 'xml');
    expect(many.map((r) => [r.service_request_id, r.status])).toEqual([
      ['638344', 'closed'],
      ['638349', 'open'],
    ]);
  });

  it('reads a POST answer with a token, a token answer and an error', () => {
    expect(parseCreated(fixture('boston-submitrequest-token.xml'), 'xml')).toMatchObject({ token: '503fc045901932078800163c', service_request_id: null });
    expect(parseTokens(fixture('token.xml'), 'xml')).toEqual([{ token: '12345', service_request_id: '638344' }]);
    expect(parseErrors(fixture('boston-err-submitrequest-base_is_duplicate.xml'), 'xml')).toEqual([
      { code: '400', description: 'Invalid service request: base is a duplicate.' },
    ]);
  });

  it('accepts numeric ids in JSON (the spec examples) and refuses wrong documents clearly', () => {
    expect(parseTokens('[{"token": 12345, "service_request_id": 638344}]', 'json')).toEqual([{ token: '12345', service_request_id: '638344' }]);
    expect(() => parseServices(fixture('boston-err-submitrequest-base_is_duplicate.xml'), 'xml')).toThrow(Open311ParseError);
    expect(() => parseServices('not json', 'json')).toThrow(/not JSON/);
    expect(() => parseRequests('[{"service_code": "x", "status": "pending"}]', 'json')).toThrow(/status/);
  });
});

/** Our own hub's answers read back by the client: both formats must mean the same. */
describe('GeoReport v2 client parser on this hub, JSON and XML alike', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub('sqlite');
  });
  afterAll(async () => {
    await hub?.close();
  });
  const get = async (path: string) => (await hub.app.inject({ method: 'GET', url: `/open311/v2/${path}` })).body;
  const both = async <T>(path: string, parse: (body: string, format: Open311WireFormat) => T): Promise<T> => {
    const fromJson = parse(await get(`${path}.json`), 'json');
    expect(parse(await get(`${path}.xml`), 'xml')).toEqual(fromJson);
    return fromJson;
  };

  it('reads discovery, services and definitions identically from both formats', async () => {
    expect((await both('discovery', parseDiscovery)).endpoints[0]?.formats).toEqual(['text/xml', 'application/json']);
    const services = await both('services', parseServices);
    for (const service of services.filter((s) => s.metadata)) {
      expect((await both(`services/${service.service_code}`, parseServiceDefinition)).attributes.length).toBeGreaterThan(0);
    }
  });

  it('reads POST answers, requests and errors identically from both formats', async () => {
    const fields = { api_key: hub.apiKey, service_code: 'litter', address_string: 'Calle Real 3', 'attribute[BIN_TYPES][]': ['glass'] };
    const post = async (format: Open311WireFormat) =>
      parseCreated((await hub.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: FORM_HEADERS, payload: form(fields) })).body, format);
    const [viaJson, viaXml] = [await post('json'), await post('xml')];
    expect(viaJson.service_request_id).not.toBeNull();
    expect(viaXml.service_request_id).not.toBeNull();
    const [one] = await both(`requests/${viaJson.service_request_id ?? ''}`, parseRequests);
    expect(one).toMatchObject({ service_code: 'litter', status: 'open', address: 'Calle Real 3' });
    expect((await both('requests', parseRequests)).length).toBeGreaterThanOrEqual(2);
    const errors = await both('requests/999999', parseErrors);
    expect(errors[0]?.code).toBe('404');
  });
});
