import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_PATH, ApiErrorSchema, ConsoleFiguresSchema, type AnalyticsCount, type ConsoleFigures } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { changeCaseStatus, createCase, NO_CONTACT, type CaseChannel } from '../src/modules/cases/service.js';
import { seedDemoServiceLevels } from '../src/modules/notifications/seed.js';
import { addAnalyticsBatch } from '../src/fleet/analytics/repository.js';
import { csvCell } from '../src/fleet/analytics/csv.js';
import { DIALECTS, createTestHub, signInStaff, type TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';

// The console's figures (issue 7): computed from kiosks' analytics counts and the case table,
// filtered by date range (Madrid days) and kiosk site, exported per table as injection-safe CSV.
// The heat map counts journeys STARTED per kiosk and Madrid hour (kiosks count in UTC hours); the
// market kiosk plays an older agent that sends day counts only ("hour unknown").

const TENANT = 'villademo';
const MARKET_KIOSK = 'dev-market-kiosk';
const RANGE = 'from=2025-03-01&to=2025-03-31';

const count = (day: string, type: AnalyticsCount['type'], n: number, fields: Partial<AnalyticsCount> = {}): AnalyticsCount => ({
  day,
  type,
  journey: '',
  step: '',
  reason: '',
  locale: 'es',
  modes: '',
  detail: '',
  count: n,
  ...fields,
});

describe('CSV cells', () => {
  it('quotes separators and defuses formulas, but leaves numbers alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    for (const risky of ['=1+1', '+1', '-1', '@sum(a1)', '\tx']) expect(csvCell(risky)).toBe(`'${risky}`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});

describe.each(DIALECTS)('console figures (%s)', (dialect) => {
  let hub: TestHub;
  let viewer: Record<string, string>;
  let operator: Record<string, string>;
  let caseworker: Record<string, string>;
  let sequence = 0;

  async function fileCase(channel: CaseChannel, at: string, deviceId: string | null, closedAt: string | null = null): Promise<void> {
    await hub.db.transaction().execute(async (trx) => {
      sequence += 1;
      const row = await createCase(trx, {
        tenantId: TENANT,
        serviceCode: 'street-lighting',
        channel,
        description: 'Farola apagada.',
        location: { addressString: 'Plaza Mayor 1', addressId: null, lat: null, long: null, officeLocation: false },
        attributes: { LIGHT_STATE: 'off' },
        mediaUrl: null,
        contact: NO_CONTACT,
        clientDeviceId: null,
        kiosk: deviceId === null ? null : { deviceId, localReference: `TEST-${dialect}-${sequence}`, sequence, fingerprint: `fp-${sequence}` },
        locale: 'es',
        receivedAt: new Date(at),
      });
      if (closedAt !== null) await changeCaseStatus(trx, TENANT, row.id, { status: 'closed', detailedStatus: 'resolved', publicNote: null, at: new Date(closedAt) });
    });
  }

  const get = (url: string, headers: Record<string, string>) => hub.app.inject({ method: 'GET', url, headers });
  const figures = async (query: string, headers = viewer): Promise<ConsoleFigures> => {
    const response = await get(`/api/figures/console?${query}`, headers);
    expect(response.statusCode, response.body).toBe(200);
    return ConsoleFiguresSchema.parse(response.json());
  };

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await seedDemoServiceLevels(hub.db, TENANT); // street-lighting: 7 days
    await hub.db.updateTable('devices').set({ site: 'plaza' }).where('id', '=', hub.kiosk.deviceId).execute();
    await hub.db
      .insertInto('devices')
      .values({ id: MARKET_KIOSK, tenant_id: TENANT, issuer: 'MKT9', label: 'Kiosco Mercado', secret_hash: '0'.repeat(64), created_at: '2025-01-01T00:00:00.000Z', revoked_at: null, site: 'mercado', device_group: null })
      .execute();
    const plaza = [
      // Madrid is UTC+1 in early March: UTC hour 9 is 10:00 at the kiosk, 17 is 18:00.
      count('2025-03-05', 'journey.started', 5, { journey: 'request', hour: 9 }),
      count('2025-03-05', 'journey.started', 3, { journey: 'faq', locale: 'ca', modes: 'large-text', hour: 17 }),
      count('2025-03-05', 'journey.completed', 3, { journey: 'request' }),
      count('2025-03-05', 'journey.abandoned', 2, { journey: 'request', step: 'location', reason: 'idle' }),
      count('2025-03-05', 'faq.no-result', 4, { detail: 'padrón online' }),
      count('2025-03-05', 'faq.no-result', 1, { detail: '=cmd' }),
      count('2025-03-05', 'satisfaction', 2, { journey: 'request', detail: '5' }),
      count('2025-03-05', 'satisfaction', 1, { journey: 'request', detail: '4' }),
      count('2025-02-28', 'journey.started', 10, { journey: 'request' }), // before the range
    ];
    const sent = await hub.app.inject({ method: 'POST', url: ANALYTICS_PATH, headers: fleetHeaders(hub), payload: { batchId: `figures-${dialect}-1`, counts: plaza } });
    expect(sent.statusCode, sent.body).toBe(200);
    await addAnalyticsBatch(hub.db, { id: MARKET_KIOSK, tenantId: TENANT }, {
      batchId: 'market-batch-1',
      counts: [
        count('2025-03-10', 'journey.started', 4, { journey: 'appointments', locale: 'eu', modes: 'audio+high-contrast' }),
        count('2025-03-10', 'satisfaction', 1, { journey: 'appointments', detail: '1' }),
        count('2025-03-10', 'faq.no-result', 1, { detail: 'padrón online' }),
      ],
    }, new Date());
    // Madrid is UTC+1 in early March: 09:15Z is 10:15 at the kiosk.
    await fileCase('kiosk', '2025-03-05T09:15:00.000Z', hub.kiosk.deviceId, '2025-03-15T09:15:00.000Z'); // closed in 10 days
    await fileCase('kiosk', '2025-03-05T09:45:00.000Z', hub.kiosk.deviceId);
    await fileCase('kiosk', '2025-03-06T17:00:00.000Z', hub.kiosk.deviceId);
    await fileCase('kiosk', '2025-03-10T08:00:00.000Z', MARKET_KIOSK);
    await fileCase('web', '2025-03-12T12:00:00.000Z', null, '2025-03-14T12:00:00.000Z'); // closed in 2 days
    await fileCase('web', '2025-03-12T13:00:00.000Z', null);
    await fileCase('phone', '2025-02-28T23:30:00.000Z', null); // 1 March 00:30 in Madrid: inside
    await fileCase('web', '2025-04-01T10:00:00.000Z', null); // after the range
    await createUser(hub.db, { tenantId: TENANT, username: 'viewer1', password: 'viewer password 12', role: 'viewer' });
    await createUser(hub.db, { tenantId: TENANT, username: 'operator1', password: 'operator password 12', role: 'operator' });
    await createUser(hub.db, { tenantId: TENANT, username: 'clerk1', password: 'clerk password 123', role: 'caseworker' });
    [viewer, operator, caseworker] = await Promise.all([
      signInStaff(hub, 'viewer1', 'viewer password 12'),
      signInStaff(hub, 'operator1', 'operator password 12'),
      signInStaff(hub, 'clerk1', 'clerk password 123'),
    ]);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('sums journeys, languages, modes, searches, satisfaction, channels and closing times over the range', async () => {
    const all = await figures(`${RANGE}&locale=en`);
    expect(all.sites).toEqual(['mercado', 'plaza']);
    expect(all.funnel).toEqual([
      { journey: 'request', started: 5, completed: 3, abandoned: 2 },
      { journey: 'faq', started: 3, completed: 0, abandoned: 0 },
      { journey: 'followUp', started: 0, completed: 0, abandoned: 0 },
      { journey: 'appointments', started: 4, completed: 0, abandoned: 0 },
    ]);
    expect(all.abandonedSteps).toEqual([{ journey: 'request', step: 'location', reason: 'idle', count: 2 }]);
    expect(all.languages).toEqual([
      { locale: 'es', count: 5 },
      { locale: 'eu', count: 4 },
      { locale: 'ca', count: 3 },
    ]);
    expect(all.modes).toEqual([
      { mode: 'none', count: 5 },
      { mode: 'audio', count: 4 },
      { mode: 'high-contrast', count: 4 },
      { mode: 'large-text', count: 3 },
    ]);
    expect(all.faqNoResult).toEqual([
      { query: 'padrón online', count: 5 },
      { query: '=cmd', count: 1 },
    ]);
    expect(all.satisfaction.map((s) => s.count)).toEqual([1, 0, 0, 1, 2]);
    expect(all.channels).toEqual([
      { channel: 'kiosk', count: 4 },
      { channel: 'web', count: 2 },
      { channel: 'phone', count: 1 },
      { channel: 'counter', count: 0 },
      { channel: 'app', count: 0 },
    ]);
    expect(all.timeZone).toBe('Europe/Madrid');
    // Journeys started, not cases filed (those were at 10:15, 10:45 and 18:00).
    const plaza = all.usage.find((u) => u.deviceId === hub.kiosk.deviceId);
    expect(plaza).toMatchObject({ site: 'plaza', journeysStarted: 8, hourUnknown: 0 });
    expect(plaza?.hours.flatMap((n, hour) => (n > 0 ? [[hour, n]] : []))).toEqual([
      [10, 5],
      [18, 3],
    ]);
    // The older agent's day count has no hour: it is in the total and in "hour unknown", in no cell.
    const market = all.usage.find((u) => u.deviceId === MARKET_KIOSK);
    expect(market).toMatchObject({ label: 'Kiosco Mercado', journeysStarted: 4, hourUnknown: 4 });
    expect(market?.hours.every((n) => n === 0)).toBe(true);
    const lighting = all.sla.find((s) => s.serviceCode === 'street-lighting');
    expect(lighting).toMatchObject({ closedCount: 2, medianDays: 6, p90Days: 9.2, slaDays: 7, withinSlaShare: 0.5 });
    expect(lighting?.name).toMatch(/light/i);
  });

  it("narrows kiosk figures and cases to one site's kiosks", async () => {
    const market = await figures(`${RANGE}&site=mercado`, operator);
    expect(market.site).toBe('mercado');
    expect(market.usage.map((u) => u.deviceId)).toEqual([MARKET_KIOSK]);
    expect(market.funnel.map((f) => f.started)).toEqual([0, 0, 0, 4]);
    expect(market.faqNoResult).toEqual([{ query: 'padrón online', count: 1 }]);
    expect(market.channels.find((c) => c.channel === 'kiosk')?.count).toBe(1);
    expect(market.channels.find((c) => c.channel === 'web')?.count).toBe(0);
    expect(market.sla.find((s) => s.serviceCode === 'street-lighting')?.closedCount).toBe(0);
    const nowhere = await figures(`${RANGE}&site=nowhere`);
    expect(nowhere.usage).toEqual([]);
    expect(nowhere.channels.every((c) => c.count === 0)).toBe(true);
  });

  it('exports each table as CSV with a header row and formulas defused', async () => {
    const faq = await get(`/api/figures/export/faq-no-result?${RANGE}`, viewer);
    expect(faq.statusCode).toBe(200);
    expect(faq.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(faq.headers['content-disposition']).toBe('attachment; filename="figures-faq-no-result-2025-03-01-2025-03-31.csv"');
    expect(faq.body).toBe("query,count\r\npadrón online,5\r\n'=cmd,1\r\n");
    const funnel = await get(`/api/figures/export/funnel?${RANGE}&site=plaza`, viewer);
    expect(funnel.body.split('\r\n')).toEqual(['journey,started,completed,abandoned', 'request,5,3,2', 'faq,3,0,0', 'followUp,0,0,0', 'appointments,0,0,0', '']);
    const usage = await get(`/api/figures/export/usage?${RANGE}&site=plaza`, viewer);
    const [header, row] = usage.body.split('\r\n');
    expect(header?.split(',').slice(0, 5)).toEqual(['kiosk', 'site', 'journeys_started', 'h00', 'h01']);
    expect(header?.split(',').slice(-2)).toEqual(['h23', 'hour_unknown']);
    expect(row?.split(',').slice(1, 3)).toEqual(['plaza', '8']);
    expect(row?.split(',')[3 + 10]).toBe('5');
    expect(row?.split(',')[3 + 18]).toBe('3');
    expect(row?.split(',')[3 + 24]).toBe('0');
    const market = (await get(`/api/figures/export/usage?${RANGE}&site=mercado`, viewer)).body.split('\r\n')[1]?.split(',');
    expect([market?.[2], market?.[3 + 24]]).toEqual(['4', '4']);
    expect((await get(`/api/figures/export/everything?${RANGE}`, viewer)).statusCode).toBe(400);
  });

  it("puts a kiosk's UTC hours in the Madrid hour and day they fell in, at the edges of the range", async () => {
    // Summer, UTC+2: 30 June 21:xxZ is 23:xx on 30 June in Madrid, 22:xxZ is already 00:xx on 1 July.
    await addAnalyticsBatch(hub.db, { id: MARKET_KIOSK, tenantId: TENANT }, {
      batchId: 'market-batch-summer',
      counts: [
        count('2025-06-30', 'journey.started', 2, { journey: 'faq', hour: 21 }),
        count('2025-06-30', 'journey.started', 7, { journey: 'faq', hour: 22 }),
        count('2025-06-30', 'journey.completed', 9, { journey: 'faq', hour: 21 }), // not a start: never in the heat map
      ],
    }, new Date());
    const cells = (f: ConsoleFigures) => f.usage.find((u) => u.deviceId === MARKET_KIOSK)?.hours.flatMap((n, hour) => (n > 0 ? [[hour, n]] : []));
    const june30 = await figures('from=2025-06-30&to=2025-06-30&site=mercado');
    expect(cells(june30)).toEqual([[23, 2]]);
    expect(june30.usage[0]).toMatchObject({ journeysStarted: 2, hourUnknown: 0 });
    const july1 = await figures('from=2025-07-01&to=2025-07-01&site=mercado');
    expect(cells(july1)).toEqual([[0, 7]]);
    const both = await figures('from=2025-06-30&to=2025-07-01');
    expect(cells(both)).toEqual([
      [0, 7],
      [23, 2],
    ]);
    expect(both.usage.find((u) => u.deviceId === hub.kiosk.deviceId)?.journeysStarted).toBe(0);
  });

  it('refuses bad ranges, strangers and roles without figures', async () => {
    const reversed = await get('/api/figures/console?from=2025-03-31&to=2025-03-01', viewer);
    expect([reversed.statusCode, ApiErrorSchema.parse(reversed.json()).error.code]).toEqual([400, 'invalid-range']);
    expect((await get('/api/figures/console?from=2023-01-01&to=2025-03-01', viewer)).statusCode).toBe(400);
    expect((await get('/api/figures/console?from=2025-02-30&to=2025-03-01', viewer)).statusCode).toBe(400);
    expect((await get('/api/figures/console?from=march&to=2025-03-01', viewer)).statusCode).toBe(400);
    expect((await get(`/api/figures/console?${RANGE}`, {})).statusCode).toBe(401);
    const refused = await get(`/api/figures/console?${RANGE}`, caseworker);
    expect([refused.statusCode, ApiErrorSchema.parse(refused.json()).error.code]).toEqual([403, 'role']);
    expect((await get(`/api/figures/export/sla?${RANGE}`, caseworker)).statusCode).toBe(403);
  });
});
