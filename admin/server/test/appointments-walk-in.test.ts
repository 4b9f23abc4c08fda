import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, OfficeSettingsSchema } from '@kiosk/shared';
import { OfficeListSchema, TurnSchema } from '../src/modules/appointments/contract.js';
import { appointmentTables } from '../src/modules/appointments/office-repository.js';
import { listAuditRows } from '../src/modules/workflow/audit-repository.js';
import { DIALECTS, createTestHub, staffByRole, type TestHub } from './helpers/hub.js';
import { kioskHeaders } from './appointments-fixtures.js';

// Walk-in turns per service ("walk-in turn when the service allows it"): every list of services
// says whether it takes walk-ins, the kiosk API refuses a turn without appointment for a service
// that is by appointment only (the demo's tributos at oac-centro) and writes nothing, and office
// managers switch it per service in the console, audited.

const TENANT = 'villademo';

describe.each(DIALECTS)('appointments: walk-in turns per service (%s)', (dialect) => {
  let hub: TestHub;
  let editor: Record<string, string>;
  let caseworker: Record<string, string>;
  let viewer: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    ({ editor, caseworker, viewer } = await staffByRole(hub, ['editor', 'caseworker', 'viewer']));
  });
  afterAll(async () => {
    await hub?.close();
  });

  const walkIn = (office: string, service: string) => hub.app.inject({ method: 'POST', url: '/fleet/v1/appointments/walk-in', headers: kioskHeaders(hub), payload: { office, service } });
  const putService = (office: string, service: string, who: Record<string, string>, body: object) =>
    hub.app.inject({ method: 'PUT', url: `/api/appointments/offices/${office}/services/${service}`, headers: who, payload: body });
  const kioskOffices = async () => OfficeListSchema.parse((await hub.app.inject({ method: 'GET', url: '/fleet/v1/appointments/offices?locale=en', headers: kioskHeaders(hub) })).json()).offices;
  const walkInsOf = async (office: string) => Object.fromEntries((await kioskOffices()).find((o) => o.code === office)?.services.map((s) => [s.code, s.walkIn]) ?? []);
  const settingsOf = async (office: string) => OfficeSettingsSchema.parse((await hub.app.inject({ method: 'GET', url: `/api/appointments/offices/${office}/settings?locale=en`, headers: viewer })).json());
  const turnCount = async () => Number((await appointmentTables(hub.db).selectFrom('appt_turns').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
  const errorOf = (body: string) => ApiErrorSchema.parse(JSON.parse(body)).error;

  it('says in every list of services which take walk-ins: the demo tributos is by appointment only', async () => {
    expect(await walkInsOf('oac-centro')).toEqual({ padron: true, registro: true, tributos: false });
    expect(await walkInsOf('cc-norte')).toEqual({ padron: true, 'servicios-sociales': true });
    const web = OfficeListSchema.parse((await hub.app.inject({ method: 'GET', url: '/public/v1/appointments/offices?locale=en' })).json());
    expect(web.offices[0]?.services.map((s) => [s.code, s.walkIn])).toEqual([
      ['padron', true],
      ['registro', true],
      ['tributos', false],
    ]);
    expect((await settingsOf('oac-centro')).services.map((s) => [s.code, s.walkIn])).toEqual([
      ['padron', true],
      ['registro', true],
      ['tributos', false],
    ]);
  });

  it('refuses a walk-in turn for an appointment-only service with 409 walk-in-not-offered, and writes nothing', async () => {
    const before = await turnCount();
    const refused = await walkIn('oac-centro', 'tributos');
    expect(refused.statusCode).toBe(409);
    const error = errorOf(refused.body);
    expect(error.code).toBe('walk-in-not-offered');
    expect(error.message).toBe('this service is by appointment only; book an appointment');
    expect(await turnCount()).toBe(before);
    // The other services of the office still hand out turns.
    expect((await walkIn('oac-centro', 'padron')).statusCode).toBe(201);
    expect(await turnCount()).toBe(before + 1);
  });

  it('lets an office manager switch walk-ins per service, audited; an absent walkIn keeps the setting', async () => {
    expect((await putService('oac-centro', 'tributos', editor, { slotMinutes: 20, capacity: 1, walkIn: true })).statusCode).toBe(200);
    expect((await walkInsOf('oac-centro')).tributos).toBe(true);
    const turn = TurnSchema.parse((await walkIn('oac-centro', 'tributos')).json());
    // The refused walk-in above took no number from the counter.
    expect(turn).toMatchObject({ label: 'C-001', kind: 'walk-in', serviceCode: 'tributos' });

    expect((await putService('cc-norte', 'padron', editor, { slotMinutes: 15, capacity: 1, walkIn: false })).statusCode).toBe(200);
    expect(await walkInsOf('cc-norte')).toEqual({ padron: false, 'servicios-sociales': true });
    expect(errorOf((await walkIn('cc-norte', 'padron')).body).code).toBe('walk-in-not-offered');

    // A body without walkIn (an older console) changes the slots and leaves walk-ins as they are.
    expect((await putService('cc-norte', 'padron', editor, { slotMinutes: 20, capacity: 2 })).statusCode).toBe(200);
    expect((await settingsOf('cc-norte')).services.find((s) => s.code === 'padron')).toMatchObject({ slotMinutes: 20, capacity: 2, walkIn: false });

    const audit = await listAuditRows(hub.db, TENANT, { targetType: 'office', action: 'office.service-slots', limit: 10, offset: 0 });
    const trail = audit.map((row) => [row.target_id, JSON.parse(row.details) as unknown]);
    expect(trail).toHaveLength(3);
    expect(trail).toEqual(
      expect.arrayContaining([
        ['oac-centro', { service: 'tributos', slotMinutes: 20, capacity: 1, walkIn: true }],
        ['cc-norte', { service: 'padron', slotMinutes: 15, capacity: 1, walkIn: false }],
        ['cc-norte', { service: 'padron', slotMinutes: 20, capacity: 2 }],
      ]),
    );
  });

  it('keeps the switch from caseworkers and viewers, and refuses a walkIn that is not a boolean', async () => {
    for (const who of [caseworker, viewer]) {
      const refused = await putService('oac-centro', 'registro', who, { slotMinutes: 10, capacity: 3, walkIn: false });
      expect([refused.statusCode, errorOf(refused.body).code]).toEqual([403, 'forbidden-role']);
    }
    expect((await putService('oac-centro', 'registro', editor, { slotMinutes: 10, capacity: 3, walkIn: 'no' })).statusCode).toBe(400);
    expect((await walkInsOf('oac-centro')).registro).toBe(true);
  });
});
