import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { changeCaseStatus } from '../src/modules/cases/service.js';
import { Open311CreatedIdSchema, Open311ErrorsSchema, Open311RequestsSchema } from '../src/open311/schemas.js';
import { DIALECTS, FORM_HEADERS, createTestHub, form } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (_name, jpath) =>
    ['service_requests.request', 'service_requests.request.notes.note', 'service_requests.request.attributes.attribute', 'service_requests.request.attributes.attribute.values.value', 'errors.error'].includes(String(jpath)),
});

/**
 * GET requests.{fmt}: three cases - `lit` (street-lighting, closed an hour from now), `old`
 * (litter by counter, filed 100 days ago) and `fresh` (pavement-damage, open).
 */
describe.each(DIALECTS)('Open311 GET requests filters and defaults (%s)', (dialect) => {
  let hub: TestHub;
  const ids = { lit: '', old: '', fresh: '' };
  const now = Date.now();
  const oldAt = new Date(now - 100 * DAY_MS).toISOString();
  const closedAt = new Date(now + 60 * 60 * 1000);

  async function file(fields: Record<string, string | string[]>): Promise<string> {
    const response = await hub.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM_HEADERS, payload: form({ api_key: hub.apiKey, ...fields }) });
    expect(response.statusCode).toBe(201);
    const [created] = Open311CreatedIdSchema.parse(response.json());
    return created?.service_request_id ?? '';
  }

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    ids.old = await file({ service_code: 'litter', address_string: 'Calle Real 3', channel: 'counter', 'attribute[BAG_COUNT]': '2' });
    await hub.db.updateTable('service_requests').set({ requested_at: oldAt, updated_at: oldAt }).where('id', '=', ids.old).execute();
    ids.lit = await file({ service_code: 'street-lighting', lat: '40.41', long: '-3.70', 'attribute[LIGHT_STATE]': 'off', 'attribute[POLE_NUMBER]': 'A-9' });
    ids.fresh = await file({ service_code: 'pavement-damage', address_id: 'CALLE-REAL-3' });
    await changeCaseStatus(hub.db, 'villademo', ids.lit, { status: 'closed', detailedStatus: 'resolved', publicNote: 'Farola reparada.', at: closedAt });
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function list(query: string, headers: Record<string, string> = {}) {
    const response = await hub.app.inject({ method: 'GET', url: `/open311/v2/requests.json${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return Open311RequestsSchema.parse(response.json());
  }
  const idsOf = async (query: string) => (await list(query)).map((r) => r.service_request_id);
  async function refused(query: string) {
    const response = await hub.app.inject({ method: 'GET', url: `/open311/v2/requests.json${query}`, headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(400);
    return Open311ErrorsSchema.parse(response.json()).map((e) => e.description);
  }
  const iso = (ms: number) => new Date(ms).toISOString();

  it('defaults to the last 90 days, newest first, with string ids and zoned dates', async () => {
    const requests = await list('');
    expect(requests.map((r) => r.service_request_id)).toEqual([ids.fresh, ids.lit]);
    for (const request of requests) expect(request.requested_datetime).toMatch(/[+-]\d\d:\d\d$/);
    expect(requests[1]).toMatchObject({ status: 'closed', detailed_status: 'resolved', status_notes: 'Farola reparada.' });
  });

  it('treats empty parameters as absent', async () => {
    expect(await idsOf('?status=&service_code=&start_date=&end_date=&page=&page_size=&extensions=')).toEqual([ids.fresh, ids.lit]);
  });

  it('lets service_request_id (a comma list) override every other filter', async () => {
    expect((await idsOf(`?service_request_id=${ids.old},${ids.lit}&status=open&service_code=ibi-question`)).sort()).toEqual([ids.old, ids.lit].sort());
  });

  it('filters by service_code and status comma lists', async () => {
    expect(await idsOf('?service_code=street-lighting,litter')).toEqual([ids.lit]);
    expect(await idsOf('?status=closed')).toEqual([ids.lit]);
    expect(await idsOf('?status=open')).toEqual([ids.fresh]);
    expect(await idsOf('?status=open,closed')).toEqual([ids.fresh, ids.lit]);
    expect(await refused('?status=pending')).toEqual(['The value of status is not valid. Accepted values: open, closed.']);
  });

  it('filters by start_date and end_date, and refuses reversed, too long and zone-less ranges', async () => {
    const around = `?start_date=${encodeURIComponent(iso(now - 101 * DAY_MS))}&end_date=${encodeURIComponent(iso(now - 99 * DAY_MS))}`;
    expect(await idsOf(around)).toEqual([ids.old]);
    expect(await idsOf(`?start_date=${encodeURIComponent(iso(now - 101 * DAY_MS))}`)).toEqual([ids.old]);
    expect(await refused('?start_date=2025-03-02T00:00:00Z&end_date=2025-03-01T00:00:00Z')).toEqual(['start_date cannot be after end_date.']);
    expect(await refused('?start_date=2025-01-01T00:00:00%2B01:00&end_date=2025-04-02T00:00:00%2B01:00')).toEqual([
      'start_date and end_date cannot be more than 90 days apart.',
    ]);
    expect(await refused('?start_date=2025-03-01')).toEqual([
      'start_date is not a valid date: use a date and time with a time zone, e.g. 2025-03-01T10:00:00+01:00.',
    ]);
  });

  it('pages with page and page_size, and refuses sizes out of range', async () => {
    expect(await idsOf('?page_size=1')).toEqual([ids.fresh]);
    expect(await idsOf('?page_size=1&page=2')).toEqual([ids.lit]);
    expect(await idsOf('?page_size=1&page=3')).toEqual([]);
    expect(await refused('?page_size=0')).toEqual(['The value of page_size is not valid. Accepted values: 1-1000.']);
    expect(await refused('?page_size=1001&status=nope')).toHaveLength(2);
  });

  it('filters by updated_after / updated_before, without the default window', async () => {
    const half = encodeURIComponent(iso(now + 30 * 60 * 1000));
    expect(await idsOf(`?updated_after=${half}`)).toEqual([ids.lit]);
    expect(await idsOf(`?updated_before=${half}`)).toEqual([ids.fresh, ids.old]);
  });

  it('filters by channel and detailed_status (extensions)', async () => {
    const all = `&start_date=${encodeURIComponent(iso(now - 101 * DAY_MS))}&end_date=${encodeURIComponent(iso(now - 12 * DAY_MS))}`;
    expect(await idsOf(`?channel=counter${all}`)).toEqual([ids.old]);
    expect(await idsOf('?channel=web')).toEqual([ids.fresh, ids.lit]);
    expect(await idsOf('?detailed_status=resolved')).toEqual([ids.lit]);
    expect(await refused('?channel=fax')).toEqual(['The value of channel is not valid. Accepted values: kiosk, web, phone, counter, app.']);
  });

  it('adds notes[] (the status history) and public attributes with extensions=true', async () => {
    const plain = await list(`?service_request_id=${ids.lit}`);
    expect(plain[0]).not.toHaveProperty('notes');
    const [lit] = await list(`?service_request_id=${ids.lit}&extensions=true`);
    expect(lit?.notes?.map((n) => [n.status, n.detailed_status, n.summary])).toEqual([
      ['open', 'received', null],
      ['closed', 'resolved', 'Farola reparada.'],
    ]);
    // The free-text POLE_NUMBER answer stays out, like the description.
    expect(lit?.attributes).toEqual([{ code: 'LIGHT_STATE', values: ['off'] }]);
  });

  it('answers XML with list containers, also for notes, attributes and an empty result', async () => {
    const response = await hub.app.inject({ method: 'GET', url: `/open311/v2/requests.xml?service_request_id=${ids.lit}&extensions=true` });
    expect(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<service_requests>')).toBe(true);
    const [request] = xml.parse(response.body).service_requests.request;
    expect(request.notes.note).toHaveLength(2);
    expect(request.attributes.attribute[0]).toEqual({ code: 'LIGHT_STATE', values: { value: ['off'] } });
    const empty = await hub.app.inject({ method: 'GET', url: '/open311/v2/requests.xml?service_code=ibi-question' });
    expect(empty.statusCode).toBe(200);
    expect(xml.parse(empty.body).service_requests).toBe('');
  });

  it('names services in the asked language', async () => {
    const [english] = await list(`?service_request_id=${ids.fresh}&locale=en`);
    expect(english?.service_name).toBe('Damaged pavement or road');
    const [french] = await list(`?service_request_id=${ids.fresh}`, { 'accept-language': 'fr' });
    expect(french?.service_name).toBe('Dégâts sur trottoirs et chaussée');
  });

  it('404s an unknown jurisdiction', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/open311/v2/requests.json?jurisdiction_id=nowhere.example' });
    expect(response.statusCode).toBe(404);
  });
});
