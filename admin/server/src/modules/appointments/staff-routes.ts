import type { FastifyPluginAsync } from 'fastify';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { badRequest, notFound } from '../../http/problems.js';
import { formatInTimeZone } from '../../http/time.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, requireCsrfHeader, sessionGuard } from '../auth/guard.js';
import type { SessionPolicy } from '../auth/service.js';
import { tenantLocale } from '../catalog/service.js';
import { requireTenant } from '../tenants/service.js';
import { requireCalendarRole, requireDeskRole } from './access.js';
import { requireOffice, serviceName } from './availability-service.js';
import { listAppointmentsOfDay } from './booking-repository.js';
import {
  CallNextAnswerSchema,
  CallNextBodySchema,
  HolidayBodySchema,
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
import { insertHoliday, listOfficeServices, replaceOpeningHours, updateServiceSlots } from './office-repository.js';
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
      await insertHoliday(db, { tenant_id: user.tenantId, office_code: office.code, day: request.body.day, name: request.body.name });
      return { ok: true as const };
    });

    typed.put('/offices/:office/hours', { schema: { params: OfficeParamsSchema, body: OpeningHoursBodySchema, response: { 200: OkSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireCalendarRole(user);
      const office = await requireOffice(db, user.tenantId, request.params.office);
      const rows = request.body.hours.map((h) => ({ tenant_id: user.tenantId, office_code: office.code, weekday: h.weekday, opens_at: h.opensAt, closes_at: h.closesAt }));
      await db.transaction().execute((trx) => replaceOpeningHours(trx, user.tenantId, office.code, rows));
      return { ok: true as const };
    });

    typed.put('/offices/:office/services/:service', { schema: { params: ServiceSlotsParamsSchema, body: ServiceSlotsBodySchema, response: { 200: OkSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireCalendarRole(user);
      const changed = await updateServiceSlots(db, user.tenantId, request.params.office, request.params.service, request.body.slotMinutes, request.body.capacity);
      if (changed === 0) throw notFound('unknown-service', 'this office offers no appointments for this service');
      return { ok: true as const };
    });
  };
}
