import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDialects, startConformanceHub } from './hub.js';
import type { ConformanceHub } from './hub.js';
import { findAttribute, readCatalogue, requiredAnswers } from './catalogue.js';
import type { Catalogue } from './catalogue.js';
import { call, errorDescriptions, postForm } from './spec-rules.js';
import type { Json } from './spec-rules.js';

const FORMATS = ['json', 'xml'] as const;
const dialects = await availableDialects();

/** The negative cases every server should pass (open311.md), each in both formats. */
describe.each(dialects)('Open311 GeoReport v2 conformance: negative cases (%s)', (dialect) => {
  let hub: ConformanceHub;
  let catalogue: Catalogue;
  let listAttribute: { service: Json; attribute: Json };

  beforeAll(async () => {
    hub = await startConformanceHub(dialect);
    catalogue = await readCatalogue(hub.base);
    listAttribute = findAttribute(catalogue, (a, s) => a['required'] === true && a['datatype'] === 'singlevaluelist' && s['locationless'] !== true);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const code = () => String(listAttribute.service['service_code']);
  const attributeCode = () => String(listAttribute.attribute['code']);
  const valid = (): Record<string, string | string[]> => ({
    api_key: hub.apiKey,
    service_code: code(),
    lat: '40.4170',
    long: '-3.7040',
    description: 'Conformance check.',
    ...requiredAnswers(catalogue, code()),
  });
  const without = (form: Record<string, string | string[]>, ...names: string[]) => Object.fromEntries(Object.entries(form).filter(([k]) => !names.includes(k)));

  const postCases: { name: string; form: () => Record<string, string | string[]>; status: number; mentions?: () => string }[] = [
    { name: 'no service_code', form: () => without(valid(), 'service_code'), status: 400 },
    { name: 'no api_key', form: () => without(valid(), 'api_key'), status: 403 },
    { name: 'an invalid api_key', form: () => ({ ...valid(), api_key: 'not-a-key' }), status: 403 },
    { name: 'an unknown service_code', form: () => ({ ...valid(), service_code: 'no-such-service' }), status: 404 },
    { name: 'a required attribute missing', form: () => without(valid(), `attribute[${attributeCode()}]`), status: 400, mentions: attributeCode },
    { name: 'a singlevaluelist value not among its values', form: () => ({ ...valid(), [`attribute[${attributeCode()}]`]: 'not-a-listed-key' }), status: 400, mentions: attributeCode },
    { name: 'no location at all', form: () => without(valid(), 'lat', 'long'), status: 400 },
    { name: 'a description over 4000 characters', form: () => ({ ...valid(), description: 'x'.repeat(4001) }), status: 400 },
  ];

  for (const format of FORMATS) {
    for (const testCase of postCases) {
      it(`POST requests.${format} with ${testCase.name} -> ${testCase.status}`, async () => {
        const descriptions = errorDescriptions(await postForm(`${hub.base}/requests.${format}`, testCase.form()), testCase.status, format);
        if (testCase.mentions !== undefined) expect(descriptions.join(' ')).toContain(testCase.mentions());
      });
    }

    const getCases: { name: string; path: string; status: number }[] = [
      { name: 'start_date after end_date', path: `requests.${format}?start_date=2025-03-02T00:00:00Z&end_date=2025-03-01T00:00:00Z`, status: 400 },
      { name: 'a range over 90 days', path: `requests.${format}?start_date=2025-01-01T00:00:00Z&end_date=2025-04-02T00:00:00Z`, status: 400 },
      { name: 'a status that is not open or closed', path: `requests.${format}?status=pending`, status: 400 },
      { name: 'an unknown request', path: `requests/999999999.${format}`, status: 404 },
      { name: 'an unknown token', path: `tokens/no-such-token.${format}`, status: 404 },
      { name: 'an unknown service definition', path: `services/no-such-service.${format}`, status: 404 },
      { name: 'an unknown jurisdiction', path: `services.${format}?jurisdiction_id=nowhere.example`, status: 404 },
    ];
    for (const testCase of getCases) {
      it(`GET ${testCase.path.split('?')[0] ?? ''} with ${testCase.name} -> ${testCase.status}`, async () => {
        errorDescriptions(await call(`${hub.base}/${testCase.path}`), testCase.status, format);
      });
    }
  }

  it('localises error descriptions (locale= and Accept-Language) while codes stay the same', async () => {
    const form = without(valid(), 'api_key');
    const spanish = errorDescriptions(await postForm(`${hub.base}/requests.json`, { ...form, locale: 'es' }), 403, 'json');
    const english = errorDescriptions(await postForm(`${hub.base}/requests.json`, form, { 'accept-language': 'en' }), 403, 'json');
    const arabic = errorDescriptions(await postForm(`${hub.base}/requests.xml`, form, { 'accept-language': 'ar' }), 403, 'xml');
    expect(new Set([spanish[0], english[0], arabic[0]]).size).toBe(3);
  });

  it('reports several problems at once', async () => {
    const form = { ...without(valid(), 'lat', 'long'), description: 'x'.repeat(4001) };
    expect(errorDescriptions(await postForm(`${hub.base}/requests.json`, form), 400, 'json').length).toBeGreaterThanOrEqual(2);
  });
});
