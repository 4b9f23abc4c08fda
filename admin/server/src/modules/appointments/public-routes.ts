import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { negotiateLocale } from '../../http/locale.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { tenantLocale } from '../catalog/service.js';
import { resolveJurisdiction } from '../tenants/service.js';
import { freeSlots, officesWithServices, requireOfficeService } from './availability-service.js';
import { noticeFromBooking } from './notifications.js';
import { bookAppointment, cancelAppointment, requireAppointment, rescheduleAppointment } from './booking-service.js';
import {
  AppointmentSchema,
  BookingBodySchema,
  OfficeListSchema,
  OwnershipBodySchema,
  ReferenceParamsSchema,
  RescheduleBodySchema,
  SlotListSchema,
  SlotQuerySchema,
  TurnParamsSchema,
  TurnSchema,
} from './contract.js';
import type { RouteOptions } from './routes.js';
import { turnStatus } from './turn-service.js';
import { appointmentIcs, appointmentView } from './views.js';

/** Citizens on the web: no login. The municipality is `jurisdiction_id` (optional with one). */

const ERRORS = { 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 500: ApiErrorSchema };
const Jurisdiction = z.object({ jurisdiction_id: z.string().max(200).optional() });

export function publicAppointmentRoutes(db: HubDb, options: RouteOptions): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const localeOf = (explicit: string | undefined, header: string | undefined, fallback: string) => negotiateLocale(explicit, header, tenantLocale(fallback));

    typed.get('/offices', { schema: { querystring: Jurisdiction.extend({ locale: z.string().max(35).optional() }), response: { 200: OfficeListSchema, ...ERRORS } } }, async (request) => {
      const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
      return { offices: await officesWithServices(db, tenant.id, localeOf(request.query.locale, request.headers['accept-language'], tenant.default_locale)) };
    });

    typed.get('/slots', { schema: { querystring: SlotQuerySchema.extend(Jurisdiction.shape), response: { 200: SlotListSchema, ...ERRORS } } }, async (request) => {
      const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
      const target = await requireOfficeService(db, tenant.id, request.query.office, request.query.service);
      const slots = await freeSlots(db, tenant.id, target, request.query.from, request.query.to, options.now(), options.settings);
      return { office: target.office.code, service: target.service.code, timeZone: target.office.time_zone, slots };
    });

    typed.post('/', { schema: { querystring: Jurisdiction, body: BookingBodySchema, response: { 201: AppointmentSchema, ...ERRORS } } }, async (request, reply) => {
      const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
      const body = request.body;
      const row = await bookAppointment(
        db,
        tenant.id,
        { officeCode: body.office, serviceCode: body.service, start: new Date(body.start), fullName: body.name, idDocument: body.idDocument, phone: body.phone ?? null, email: body.email ?? null, locale: body.locale, notice: noticeFromBooking(body), channel: 'web' },
        options.now(),
        options.settings,
      );
      return reply.code(201).send(await appointmentView(db, row, body.locale));
    });

    typed.post('/:reference/cancel', { schema: { querystring: Jurisdiction, params: ReferenceParamsSchema, body: OwnershipBodySchema, response: { 200: AppointmentSchema, ...ERRORS } } }, async (request) => {
      const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
      const row = await cancelAppointment(db, tenant.id, request.params.reference, request.body.idDocumentNumber, options.now());
      return appointmentView(db, row, tenantLocale(row.locale));
    });

    typed.post('/:reference/reschedule', { schema: { querystring: Jurisdiction, params: ReferenceParamsSchema, body: RescheduleBodySchema, response: { 200: AppointmentSchema, ...ERRORS } } }, async (request) => {
      const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
      const row = await rescheduleAppointment(db, tenant.id, request.params.reference, request.body.idDocumentNumber, new Date(request.body.start), options.now(), options.settings);
      return appointmentView(db, row, tenantLocale(row.locale));
    });

    // The reference alone opens the calendar entry: it holds no personal data (see views.ts).
    typed.get('/:reference/calendar.ics', { schema: { querystring: Jurisdiction, params: ReferenceParamsSchema, response: { 404: ApiErrorSchema, 400: ApiErrorSchema, 500: ApiErrorSchema } } }, async (request, reply) => {
      const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
      const row = await requireAppointment(db, tenant.id, request.params.reference);
      const ics = await appointmentIcs(db, row, tenantLocale(row.locale), options.now());
      // A string body skips the JSON serializer; hence the untyped reply.
      return (reply as FastifyReply)
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="cita-${row.reference}.ics"`)
        .header('cache-control', 'no-store')
        .send(ics);
    });

    typed.get('/turns/:turnId', { schema: { querystring: Jurisdiction, params: TurnParamsSchema, response: { 200: TurnSchema, ...ERRORS } } }, async (request) => {
      const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
      return turnStatus(db, tenant.id, request.params.turnId);
    });
  };
}
