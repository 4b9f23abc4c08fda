import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { changeCaseStatus, createCase, NO_CONTACT } from '../src/modules/cases/service.js';
import { closedAt } from '../src/modules/notifications/closing-time.js';
import { FiguresSchema, summarise } from '../src/modules/notifications/figures.js';
import type { ServiceFigures } from '../src/modules/notifications/figures.js';
import { seedDemoServiceLevels } from '../src/modules/notifications/seed.js';
import { percentile } from '../src/modules/notifications/stats.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const TENANT = 'villademo';

describe('percentile and closing time (pure)', () => {
  it('interpolates between ranks and handles tiny samples', () => {
    expect(percentile([1, 2, 3, 10, 20], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 10, 20], 0.9)).toBeCloseTo(16, 10);
    expect(percentile([4, 8], 0.5)).toBe(6);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });

  it('counts from the last closing, ignores notes on a closed case, and is null for an open case', () => {
    const e = (status: 'open' | 'closed', day: number) => ({ status, created_at: new Date(Date.UTC(2025, 0, day)).toISOString() });
    expect(closedAt([e('open', 1), e('closed', 3)])).toBe(e('closed', 3).created_at);
    expect(closedAt([e('open', 1), e('closed', 3), e('open', 4), e('closed', 9)])).toBe(e('closed', 9).created_at);
    expect(closedAt([e('open', 1), e('closed', 3), e('closed', 8)])).toBe(e('closed', 3).created_at);
    expect(closedAt([e('open', 1), e('closed', 3), e('open', 4)])).toBeNull();
  });

  it('hides figures below the minimum sample but still counts the cases', () => {
    expect(summarise([1, 2], 7, 5)).toEqual({ closedCount: 2, medianDays: null, p90Days: null, slaDays: 7, withinSlaShare: null });
    expect(summarise([1, 2, 3, 10, 20], 7, 5)).toEqual({ closedCount: 5, medianDays: 3, p90Days: 16, slaDays: 7, withinSlaShare: 0.6 });
    expect(summarise([1, 2, 3, 10, 20], null, 5).withinSlaShare).toBeNull();
  });
});

describe.each(DIALECTS)('transparency figures (%s)', (dialect) => {
  let hub: TestHub;

  /** A case filed `daysToClose + closedDaysAgo` days ago and closed `closedDaysAgo` days ago (or left open). */
  async function fileCase(serviceCode: string, filedDaysAgo: number, closedDaysAgo: number | null): Promise<string> {
    const base = Date.now();
    return hub.db.transaction().execute(async (trx) => {
      const row = await createCase(trx, {
        tenantId: TENANT,
        serviceCode,
        channel: 'web',
        description: 'Una descripción cualquiera.',
        location: { addressString: 'Plaza Mayor 1', addressId: null, lat: null, long: null, officeLocation: false },
        attributes: {},
        mediaUrl: null,
        contact: NO_CONTACT,
        clientDeviceId: null,
        kiosk: null,
        locale: 'es',
        receivedAt: new Date(base - filedDaysAgo * DAY_MS),
      });
      if (closedDaysAgo !== null) {
        await changeCaseStatus(trx, TENANT, row.id, { status: 'closed', detailedStatus: 'resolved', publicNote: null, at: new Date(base - closedDaysAgo * DAY_MS) });
      }
      return row.id;
    });
  }

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await seedDemoServiceLevels(hub.db, TENANT);
    // street-lighting (SLA 7 days): closed in 1, 2, 3, 10 and 20 days within the window.
    for (const [index, days] of [1, 2, 3, 10, 20].entries()) await fileCase('street-lighting', days + 5 + index, 5 + index);
    await fileCase('street-lighting', 130, 100); // closed before the 90-day window
    await fileCase('street-lighting', 3, null); // still open
    // litter: only two closed cases, below the minimum sample.
    await fileCase('litter', 4, 2);
    await fileCase('litter', 6, 1);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const byCode = (services: readonly ServiceFigures[], code: string) => {
    const found = services.find((s) => s.serviceCode === code);
    if (found === undefined) throw new Error(`no figures for ${code}`);
    return found;
  };

  it('serves kiosks the median, 90th percentile, SLA and share within SLA of the last 90 days', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/fleet/v1/figures?locale=en', headers: fleetHeaders(hub) });
    expect(response.statusCode).toBe(200);
    const figures = FiguresSchema.parse(response.json());
    expect(figures.locale).toBe('en');
    expect(figures.windowDays).toBe(90);
    expect(byCode(figures.services, 'street-lighting')).toMatchObject({
      closedCount: 5,
      medianDays: 3,
      p90Days: 16,
      slaDays: 7,
      withinSlaShare: 0.6,
    });
    expect(byCode(figures.services, 'street-lighting').name).toMatch(/light/i);
    expect(byCode(figures.services, 'litter')).toMatchObject({ closedCount: 2, medianDays: null, p90Days: null, slaDays: 3, withinSlaShare: null });
    expect(byCode(figures.services, 'ibi-question')).toMatchObject({ closedCount: 0, medianDays: null });
  });

  it('refuses kiosks without a device credential or with another protocol version', async () => {
    const anonymous = await hub.app.inject({ method: 'GET', url: '/fleet/v1/figures' });
    expect(anonymous.statusCode).toBe(401);
    expect(ApiErrorSchema.parse(anonymous.json()).error.code).toBe('unauthorised');
    const wrongVersion = await hub.app.inject({ method: 'GET', url: '/fleet/v1/figures', headers: { ...fleetHeaders(hub), 'x-protocol-version': '999' } });
    expect(wrongVersion.statusCode).toBe(400);
    const badLocale = await hub.app.inject({ method: 'GET', url: '/fleet/v1/figures?locale=xx', headers: fleetHeaders(hub) });
    expect(badLocale.statusCode).toBe(400);
  });

  it('publishes the same figures without login, as JSON and as an HTML page in the asked language', async () => {
    const json = await hub.app.inject({ method: 'GET', url: '/public/v1/figures?jurisdiction_id=villademo.es', headers: { 'accept-language': 'ca' } });
    expect(json.statusCode).toBe(200);
    const figures = FiguresSchema.parse(json.json());
    expect(figures.locale).toBe('ca');
    expect(byCode(figures.services, 'street-lighting').medianDays).toBe(3);
    expect(json.headers['cache-control']).toMatch(/^public/);

    const html = await hub.app.inject({ method: 'GET', url: '/figures?lang=ar' });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('dir="rtl"');
    expect(html.body).toContain('أوقات الاستجابة');
    expect(html.body).toContain('data-service="street-lighting"');

    const unknown = await hub.app.inject({ method: 'GET', url: '/public/v1/figures?jurisdiction_id=nowhere.example' });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets an admin or a manager set a service SLA, which the figures then use', async () => {
    const CONSOLE = { 'x-requested-with': 'console' };
    const login = async (username: string, password: string) => {
      const response = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username, password } });
      const header = response.headers['set-cookie'];
      return /^(__Host-session=[^;]+);/.exec((Array.isArray(header) ? header[0] : header) ?? '')?.[1] ?? '';
    };
    await createUser(hub.db, { tenantId: TENANT, username: 'analyst', password: 'an analyst password', role: 'viewer' });
    const admin = await login('admin', hub.adminPassword);
    const analyst = await login('analyst', 'an analyst password');
    const put = (cookie: string, code: string, slaDays: number) =>
      hub.app.inject({ method: 'PUT', url: `/api/figures/sla/${code}`, headers: { ...CONSOLE, cookie }, payload: { slaDays } });

    expect((await put(admin, 'ibi-question', 0)).statusCode).toBe(400);
    expect((await put(admin, 'no-such-service', 5)).statusCode).toBe(404);
    expect((await put(analyst, 'ibi-question', 5)).statusCode).toBe(403);
    const saved = await put(admin, 'ibi-question', 21);
    expect(saved.json()).toEqual({ serviceCode: 'ibi-question', slaDays: 21 });
    const list = await hub.app.inject({ method: 'GET', url: '/api/figures/sla', headers: { cookie: analyst } });
    expect(list.json()).toMatchObject({ services: expect.arrayContaining([{ serviceCode: 'ibi-question', slaDays: 21 }]) as unknown });

    const figures = FiguresSchema.parse((await hub.app.inject({ method: 'GET', url: '/public/v1/figures' })).json());
    expect(byCode(figures.services, 'ibi-question').slaDays).toBe(21);
  });
});
