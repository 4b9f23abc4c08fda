import type { FastifyPluginAsync } from 'fastify';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { OfficeDaySchema, OfficeSettingsSchema, StaffOfficeListSchema } from '@kiosk/shared';
import { badRequest, notFound } from '../../http/problems.js';
import { formatInTimeZone } from '../../http/time.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, requireCsrfHeader, sessionGuard } from '../auth/guard.js';
import type { SessionPolicy } from '../auth/service.js';
import { tenantLocale } from '../catalog/service.js';
import { requireTenant } from '../tenants/service.js';
import { requireBoardReader, requireCalendarRole, requireDeskRole } from './access.js';
import { requireOffice, serviceName } from './availability-service.js';
import { listAppointmentsOfDay } from './booking-repository.js';
import {
  CallNextAnswerSchema,
  CallNextBodySchema,
  DayQuerySchema,
  DeskBodySchema,
  DeskParamsSchema,
  HolidayBodySchema,
  HolidayParamsSchema,
  OfficeParamsSchema,
  OkSchema,
  OpeningHoursBodySchema,
  QueueSchema,
  ServiceSlotsBodySchema,
  ServiceSlotsParamsSchema,
  TodayListSchema,
  TodayQuerySchema,
} from './contract.js';
import { maskDocument } from './id-document.js';
import { deleteHoliday, insertHoliday, listOfficeServices, listOffices, replaceOpeningHours, updateDesk, updateServiceSlots } from './office-repository.js';
import { officeDay, officeSettings } from './office-day.js';
import { recordAudit } from '../workflow/audit.js';
import type { RouteOptions } from './routes.js';
import { callNextTurn, waitingQueue } from './turn-service.js';
import { isDay, localDayOf } from './zoned-time.js';

/** The console: `/api/appointments/...`, staff session + CSRF header, tenant from the session. */

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 500: ApiErrorSchema };

export function staffAppointmentRoutes(db: HubDb, policy: SessionPolicy, options: RouteOptions): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    app.addHook('onRequest', requireCsrfHeader);
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    const preHandler = sessionGuard(db, policy);

    typed.get('/today', { schema: { querystring: TodayQuerySchema, response: { 200: TodayListSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireDeskRole(user);
      const tenant = await requireTenant(db, user.tenantId);
      const office = await requireOffice(db, tenant.id, request.query.office);
      const day = request.query.day ?? localDayOf(options.now(), office.time_zone);
      if (!isDay(day)) throw badRequest('invalid-date', 'day must be a date (YYYY-MM-DD)');
      const locale = request.query.locale ?? tenantLocale(tenant.default_locale);
      const [rows, services] = await Promise.all([listAppointmentsOfDay(db, tenant.id, office.code, day), listOfficeServices(db, tenant.id, [office.code])]);
      const names = new Map(services.map((s) => [s.code, serviceName(s, locale)]));
      return {
        office: office.code,
        day,
        appointments: rows.map((row) => ({
          reference: row.reference,
          service: row.service_code,
          serviceName: names.get(row.service_code) ?? row.service_code,
          start: formatInTimeZone(row.starts_at, office.time_zone),
          end: formatInTimeZone(row.ends_at, office.time_zone),
          status: row.status,
          name: row.full_name,
          idDocumentMasked: maskDocument(row.id_number),
          channel: row.channel,
        })),
      };
    });

    typed.get('/offices/:office/queue', { schema: { params: OfficeParamsSchema, response: { 200: QueueSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireDeskRole(user);
      const waiting = await waitingQueue(db, user.tenantId, request.params.office, options.now());
      return { office: request.params.office, waiting: waiting.map((t) => ({ turnId: t.id, label: t.label, serviceCode: t.service_code, kind: t.kind, issuedAt: t.issued_at })) };
    });

    typed.post('/offices/:office/call-next', { schema: { params: OfficeParamsSchema, body: CallNextBodySchema, response: { 200: CallNextAnswerSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireDeskRole(user);
      const turn = await callNextTurn(db, user.tenantId, request.params.office, request.body.desk, request.body.services, options.now());
      return { turn: turn === null ? null : { turnId: turn.id, label: turn.label, serviceCode: turn.service_code, deskCode: request.body.desk } };
    });

    typed.post('/offices/:office/holidays', { schema: { params: OfficeParamsSchema, body: HolidayBodySchema, response: { 200: OkSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireCalendarRole(user);
      const office = await requireOffice(db, user.tenantId, request.params.office);
      if (!isDay(request.body.day)) throw badRequest('invalid-date', 'day must be a date (YYYY-MM-DD)');
      await db.transaction().execute(async (trx) => {
        await insertHoliday(trx, { tenant_id: user.tenantId, office_code: office.code, day: request.body.day, name: request.body.name });
        await recordAudit(trx, { user, ip: request.ip }, { action: 'office.holiday-add', targetType: 'office', targetId: office.code, details: { day: request.body.day }, at: options.now() });
      });
      return { ok: true as const };
    });

    typed.put('/offices/:office/hours', { schema: { params: OfficeParamsSchema, body: OpeningHoursBodySchema, response: { 200: OkSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireCalendarRole(user);
      const office = await requireOffice(db, user.tenantId, request.params.office);
      const rows = request.body.hours.map((h) => ({ tenant_id: user.tenantId, office_code: office.code, weekday: h.weekday, opens_at: h.opensAt, closes_at: h.closesAt }));
      await db.transaction().execute(async (trx) => {
        await replaceOpeningHours(trx, user.tenantId, office.code, rows);
        await recordAudit(trx, { user, ip: request.ip }, { action: 'office.hours', targetType: 'office', targetId: office.code, details: { intervals: rows.length }, at: options.now() });
      });
      return { ok: true as const };
    });

    typed.put('/offices/:office/services/:service', { schema: { params: ServiceSlotsParamsSchema, body: ServiceSlotsBodySchema, response: { 200: OkSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireCalendarRole(user);
      const { office, service } = request.params;
      await db.transaction().execute(async (trx) => {
        const { slotMinutes, capacity, walkIn } = request.body;
        const changed = await updateServiceSlots(trx, user.tenantId, office, service, { slotMinutes, capacity, walkIn });
        if (changed === 0) throw notFound('unknown-service', 'this office offers no appointments for this service');
        // walkIn only when the body set it: an absent value changed nothing.
        const details = { service, slotMinutes, capacity, ...(walkIn === undefined ? {} : { walkIn }) };
        await recordAudit(trx, { user, ip: request.ip }, { action: 'office.service-slots', targetType: 'office', targetId: office, details, at: options.now() });
      });
      return { ok: true as const };
    });

    typed.delete('/offices/:office/holidays/:day', { schema: { params: HolidayParamsSchema, response: { 200: OkSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireCalendarRole(user);
      const office = await requireOffice(db, user.tenantId, request.params.office);
      await db.transaction().execute(async (trx) => {
        if ((await deleteHoliday(trx, user.tenantId, office.code, request.params.day)) === 0) throw notFound('unknown-holiday', 'this office has no holiday on that day');
        await recordAudit(trx, { user, ip: request.ip }, { action: 'office.holiday-remove', targetType: 'office', targetId: office.code, details: { day: request.params.day }, at: options.now() });
      });
      return { ok: true as const };
    });

    typed.put('/offices/:office/desks/:desk', { schema: { params: DeskParamsSchema, body: DeskBodySchema, response: { 200: OkSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireCalendarRole(user);
      const { office, desk } = request.params;
      await db.transaction().execute(async (trx) => {
        if ((await updateDesk(trx, user.tenantId, office, desk, request.body.label, request.body.active)) === 0) throw notFound('unknown-desk', 'this office has no desk with this code');
        await recordAudit(trx, { user, ip: request.ip }, { action: 'office.desk', targetType: 'office', targetId: office, details: { desk, active: request.body.active }, at: options.now() });
      });
      return { ok: true as const };
    });

    // The console's read side: offices, one office's settings, and its day at the counter.
    typed.get('/offices', { schema: { response: { 200: StaffOfficeListSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireBoardReader(user);
      return { offices: (await listOffices(db, user.tenantId)).map((o) => ({ code: o.code, name: o.name })) };
    });

    typed.get('/offices/:office/settings', { schema: { params: OfficeParamsSchema, querystring: DayQuerySchema.pick({ locale: true }), response: { 200: OfficeSettingsSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireBoardReader(user);
      const tenant = await requireTenant(db, user.tenantId);
      return officeSettings(db, tenant.id, request.params.office, request.query.locale ?? tenantLocale(tenant.default_locale), options.now());
    });

    typed.get('/offices/:office/day', { schema: { params: OfficeParamsSchema, querystring: DayQuerySchema, response: { 200: OfficeDaySchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireBoardReader(user);
      const tenant = await requireTenant(db, user.tenantId);
      if (request.query.day !== undefined && !isDay(request.query.day)) throw badRequest('invalid-date', 'day must be a date (YYYY-MM-DD)');
      const locale = request.query.locale ?? tenantLocale(tenant.default_locale);
      return officeDay(db, tenant.id, request.params.office, request.query.day, locale, options.now(), options.settings);
    });
  };
}
