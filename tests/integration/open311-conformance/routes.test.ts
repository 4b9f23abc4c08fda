import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDialects, startConformanceHub } from './hub.js';
import type { ConformanceHub } from './hub.js';
import { findAttribute, readCatalogue, requiredAnswers } from './catalogue.js';
import type { Catalogue } from './catalogue.js';
import {
  SPEC_DATATYPES,
  ZONED_DATETIME,
  call,
  expectPresent,
  expectRequest,
  expectStrings,
  expectZoned,
  json,
  jsonArray,
  nested,
  postForm,
  xml,
  xmlList,
} from './spec-rules.js';
import type { Json } from './spec-rules.js';

const BATCH_SERVICE = 'conformance-batch';
const dialects = await availableDialects();

describe.each(dialects)('Open311 GeoReport v2 conformance: every route, JSON and XML (%s)', (dialect) => {
  let hub: ConformanceHub;
  let catalogue: Catalogue;
  /** A service that needs a place (not our `locationless` extension) and has a required attribute. */
  let placed: Json;

  beforeAll(async () => {
    hub = await startConformanceHub(dialect);
    await hub.addBatchService(BATCH_SERVICE);
    catalogue = await readCatalogue(hub.base);
    placed = findAttribute(catalogue, (a, s) => a['required'] === true && s['locationless'] !== true).service;
  });
  afterAll(async () => {
    await hub?.close();
  });

  const validForm = (service: Json, extra: Record<string, string | string[]> = {}) => {
    const code = String(service['service_code']);
    return { api_key: hub.apiKey, service_code: code, lat: '40.4170', long: '-3.7040', ...requiredAnswers(catalogue, code), ...extra };
  };
  async function fileRequest(extra: Record<string, string | string[]> = {}): Promise<string> {
    const [created] = jsonArray(await postForm(`${hub.base}/requests.json`, validForm(placed, extra)), 201);
    return String(created?.['service_request_id']);
  }

  it('discovery: required fields, endpoint list and formats, in JSON and XML', async () => {
    const discovery = json(await call(`${hub.base}/discovery.json`), 200) as Json;
    expectStrings(discovery, ['changeset', 'contact', 'key_service']);
    expect(String(discovery['changeset'])).toMatch(ZONED_DATETIME);
    const endpoints = discovery['endpoints'] as Json[];
    expect(endpoints.length).toBeGreaterThan(0);
    for (const endpoint of endpoints) {
      expectStrings(endpoint, ['specification', 'url', 'changeset']);
      expect(['production', 'test']).toContain(endpoint['type']);
      expect(endpoint['formats']).toEqual(expect.arrayContaining(['text/xml', 'application/json']));
      // The advertised URL really serves the API.
      expect((await call(`${String(endpoint['url'])}/services.json`)).status).toBe(200);
    }
    const fromXml = xml(await call(`${hub.base}/discovery.xml`), 200, 'discovery') as Json;
    expectStrings(fromXml, ['changeset', 'contact', 'key_service']);
    const xmlEndpoints = nested(fromXml['endpoints'], 'endpoint');
    expect(xmlEndpoints.map((e) => e['url'])).toEqual(endpoints.map((e) => e['url']));
    expect(nested(xmlEndpoints[0]?.['formats'], 'format')).toEqual(endpoints[0]?.['formats']);
  });

  it('services: an array of services with string codes and every spec field, the same in XML', async () => {
    expect(catalogue.services.length).toBeGreaterThan(0);
    for (const service of catalogue.services) {
      expectPresent(service, ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
      expectStrings(service, ['service_code', 'service_name']);
      expect(typeof service['metadata']).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(service['type']);
      expect(typeof service['keywords']).toBe('string');
    }
    const fromXml = xmlList(await call(`${hub.base}/services.xml`), 'services', 'service');
    expect(fromXml.map((s) => s['service_code'])).toEqual(catalogue.services.map((s) => s['service_code']));
    expect(fromXml.map((s) => s['metadata'])).toEqual(catalogue.services.map((s) => String(s['metadata'])));
  });

  it('service definitions: datatypes, unique positive orders, values of {key, name} with string keys, in JSON and XML', async () => {
    const withDefinition = catalogue.services.filter((s) => s['metadata'] === true);
    expect(withDefinition.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const service of withDefinition) {
      const code = String(service['service_code']);
      const attributes = catalogue.attributes.get(code) ?? [];
      expect(attributes.length).toBeGreaterThan(0);
      const orders = attributes.map((a) => a['order']);
      expect(new Set(orders).size).toBe(orders.length);
      for (const attribute of attributes) {
        expectPresent(attribute, ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description']);
        expectStrings(attribute, ['code', 'description']);
        expect(SPEC_DATATYPES).toContain(attribute['datatype']);
        expect(Number.isInteger(attribute['order']) && Number(attribute['order']) > 0).toBe(true);
        expect(typeof attribute['variable']).toBe('boolean');
        seen.add(String(attribute['datatype']));
        if (!attribute['variable']) seen.add('informational');
        const values = attribute['values'] as Json[];
        if (String(attribute['datatype']).endsWith('valuelist')) {
          expect(values.length).toBeGreaterThan(0);
          for (const value of values) expectStrings(value, ['key', 'name']);
        }
      }
      const fromXml = xml(await call(`${hub.base}/services/${code}.xml`), 200, 'service_definition') as Json;
      expect(fromXml['service_code']).toBe(code);
      const xmlAttributes = nested(fromXml['attributes'], 'attribute');
      expect(xmlAttributes.map((a) => a['code'])).toEqual(attributes.map((a) => a['code']));
      expect(xmlAttributes.map((a) => nested(a['values'], 'value').map((v) => v['key']))).toEqual(
        attributes.map((a) => (a['values'] as Json[]).map((v) => v['key'])),
      );
    }
    expect([...seen].sort()).toEqual([...SPEC_DATATYPES, 'informational'].sort());
  });

  it('POST requests: an array of one with a string id and no token, in JSON and XML', async () => {
    const [created, ...rest] = jsonArray(await postForm(`${hub.base}/requests.json`, validForm(placed, { email: 'conformance@example.org' })), 201);
    expect(rest).toEqual([]);
    expectStrings(created ?? {}, ['service_request_id']);
    expect(created).not.toHaveProperty('token');
    expect(created).toHaveProperty('service_notice');
    const fromXml = xmlList(await postForm(`${hub.base}/requests.xml`, validForm(placed)), 'service_requests', 'request', 201);
    expect(fromXml).toHaveLength(1);
    expectStrings(fromXml[0] ?? {}, ['service_request_id']);
  });

  it('POST requests: every location form, and multivaluelist answers as attribute[CODE][]', async () => {
    const { lat: _lat, long: _long, ...noPlace } = validForm(placed);
    const locations: Record<string, string>[] = [{ lat: '40.1', long: '-3.1' }, { address_string: 'Calle Real 3' }, { address_id: 'ADDR-42' }];
    for (const location of locations) {
      expect((await postForm(`${hub.base}/requests.json`, { ...noPlace, ...location })).status, JSON.stringify(location)).toBe(201);
    }
    const { service, attribute } = findAttribute(catalogue, (a) => a['datatype'] === 'multivaluelist');
    const keys = (attribute['values'] as Json[]).slice(0, 2).map((v) => String(v['key']));
    const answer = await postForm(`${hub.base}/requests.json`, validForm(service, { [`attribute[${String(attribute['code'])}][]`]: keys }));
    expect(answer.status, answer.body).toBe(201);
  });

  it('batch services answer a token; GET tokens maps it to the id, in JSON and XML', async () => {
    const batch = catalogue.services.find((s) => s['service_code'] === BATCH_SERVICE) ?? {};
    expect(batch['type']).toBe('batch');
    const [created] = jsonArray(await postForm(`${hub.base}/requests.json`, validForm(batch)), 201);
    expectStrings(created ?? {}, ['token']);
    expect(created).not.toHaveProperty('service_request_id');
    const token = String(created?.['token']);
    const [mapped] = jsonArray(await call(`${hub.base}/tokens/${token}.json`));
    expectStrings(mapped ?? {}, ['token', 'service_request_id']);
    expect(mapped?.['token']).toBe(token);
    const fromXml = xmlList(await call(`${hub.base}/tokens/${token}.xml`), 'service_requests', 'request');
    expect(fromXml).toEqual([{ token, service_request_id: mapped?.['service_request_id'] }]);
    const [viaXml] = xmlList(await postForm(`${hub.base}/requests.xml`, validForm(batch)), 'service_requests', 'request', 201);
    expect(Object.keys(viaXml ?? {}).sort()).toEqual(['account_id', 'service_notice', 'token']);
  });

  it('GET requests/{id}: still an array of one, every field, zoned dates, in JSON and XML', async () => {
    const id = await fileRequest();
    const [request, ...rest] = jsonArray(await call(`${hub.base}/requests/${id}.json`));
    expect(rest).toEqual([]);
    expectRequest(request ?? {});
    expect(request?.['service_request_id']).toBe(id);
    const fromXml = xmlList(await call(`${hub.base}/requests/${id}.xml`), 'service_requests', 'request');
    expect(fromXml).toHaveLength(1);
    expectRequest(fromXml[0] ?? {});
    expect(fromXml[0]?.['service_request_id']).toBe(id);
  });

  it('GET requests: arrays of requests, the same in both formats, with filters and extensions', async () => {
    const first = await fileRequest();
    const second = await fileRequest();
    const all = jsonArray(await call(`${hub.base}/requests.json`));
    for (const request of all) expectRequest(request);
    const ids = all.map((r) => r['service_request_id']);
    expect(ids).toEqual(expect.arrayContaining([first, second]));
    const fromXml = xmlList(await call(`${hub.base}/requests.xml`), 'service_requests', 'request');
    for (const request of fromXml) expectRequest(request);
    expect(fromXml.map((r) => r['service_request_id'])).toEqual(ids);

    expect(jsonArray(await call(`${hub.base}/requests.json?status=&service_code=&start_date=&end_date=`)).map((r) => r['service_request_id'])).toEqual(ids);
    const picked = jsonArray(await call(`${hub.base}/requests.json?service_request_id=${first},${second}&status=closed`));
    expect(picked.map((r) => r['service_request_id']).sort()).toEqual([first, second].sort());
    const code = String(placed['service_code']);
    for (const request of jsonArray(await call(`${hub.base}/requests.json?service_code=${code}&status=open`))) {
      expect(request).toMatchObject({ service_code: code, status: 'open' });
    }
    const end = new Date();
    const start = new Date(end.getTime() - 24 * 60 * 60 * 1000);
    const ranged = jsonArray(await call(`${hub.base}/requests.json?start_date=${encodeURIComponent(start.toISOString())}&end_date=${encodeURIComponent(end.toISOString())}`));
    expect(ranged.map((r) => r['service_request_id'])).toEqual(expect.arrayContaining([first, second]));

    const [extended] = jsonArray(await call(`${hub.base}/requests.json?service_request_id=${first}&extensions=true`));
    const notes = nested(extended?.['notes'], 'note');
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expectZoned(note, ['datetime']);
    const [extendedXml] = xmlList(await call(`${hub.base}/requests.xml?service_request_id=${first}&extensions=true`), 'service_requests', 'request');
    expect(nested(extendedXml?.['notes'], 'note')).toHaveLength(notes.length);
  });
});
