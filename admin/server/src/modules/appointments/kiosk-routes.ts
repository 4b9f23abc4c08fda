import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ApiErrorSchema, LocaleSchema, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '@kiosk/shared';
import { z } from 'zod';
import type { HubDb } from '../../db/database.js';
import { badRequest, unauthorised } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { authenticateDevice } from '../devices/service.js';
import type { AuthenticatedDevice } from '../devices/service.js';
import { freeSlots, officesWithServices, requireOfficeService } from './availability-service.js';
import { noticeFromBooking } from './notifications.js';
import { bookAppointment, cancelAppointment, requireOwnAppointment, rescheduleAppointment } from './booking-service.js';
import { checkIn } from './check-in-service.js';
import {
  AppointmentSchema,
  BookingBodySchema,
  CheckInAnswerSchema,
  CheckInBodySchema,
  OfficeListSchema,
  OwnershipBodySchema,
  ReferenceParamsSchema,
  RescheduleBodySchema,
  SlotListSchema,
  SlotQuerySchema,
  TurnParamsSchema,
  TurnSchema,
  WalkInBodySchema,
} from './contract.js';
import type { RouteOptions } from './routes.js';
import { turnStatus, walkInTurn } from './turn-service.js';
import { appointmentView } from './views.js';

/**
 * Kiosks: `/fleet/v1/appointments/...`, with the device credential and protocol header the
 * rest of the fleet API asks for. The municipality is the device's own.
 */

/** The kiosk shows the answer in the citizen's language, which may differ from the booking's. */
const KioskOwnershipBodySchema = OwnershipBodySchema.extend({ locale: LocaleSchema.default('es') });
const KioskRescheduleBodySchema = RescheduleBodySchema.extend({ locale: LocaleSchema.default('es') });

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 500: ApiErrorSchema };
const devices = new WeakMap<FastifyRequest, AuthenticatedDevice>();

function deviceOf(request: FastifyRequest): AuthenticatedDevice {
  const device = devices.get(request);
  if (device === undefined) throw new Error('kiosk appointment route reached without an authenticated device');
  return device;
}

export function kioskAppointmentRoutes(db: HubDb, options: RouteOptions): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    app.addHook('onRequest', async (request, reply) => {
      const device = await authenticateDevice(db, request.headers.authorization);
      if (device === null) {
        reply.header('www-authenticate', 'Bearer realm="fleet"');
        throw unauthorised('a valid device credential is required (Authorization: Bearer <deviceId>.<secret>)');
      }
      devices.set(request, device);
      if (request.headers[PROTOCOL_VERSION_HEADER] !== String(PROTOCOL_VERSION)) {
        throw badRequest('version-mismatch', `this hub speaks fleet protocol ${PROTOCOL_VERSION}`);
      }
    });

    typed.get('/offices', { schema: { querystring: z.object({ locale: LocaleSchema.default('es') }), response: { 200: OfficeListSchema, ...ERRORS } } }, async (request) => ({
      offices: await officesWithServices(db, deviceOf(request).tenantId, request.query.locale),
    }));

    typed.get('/slots', { schema: { querystring: SlotQuerySchema, response: { 200: SlotListSchema, ...ERRORS } } }, async (request) => {
      const tenantId = deviceOf(request).tenantId;
      const target = await requireOfficeService(db, tenantId, request.query.office, request.query.service);
      const slots = await freeSlots(db, tenantId, target, request.query.from, request.query.to, options.now(), options.settings);
      return { office: target.office.code, service: target.service.code, timeZone: target.office.time_zone, slots };
    });

    typed.post('/', { schema: { body: BookingBodySchema, response: { 201: AppointmentSchema, ...ERRORS } } }, async (request, reply) => {
      const body = request.body;
      const row = await bookAppointment(
        db,
        deviceOf(request).tenantId,
        { officeCode: body.office, serviceCode: body.service, start: new Date(body.start), fullName: body.name, idDocument: body.idDocument, phone: body.phone ?? null, email: body.email ?? null, locale: body.locale, notice: noticeFromBooking(body), channel: 'kiosk' },
        options.now(),
        options.settings,
      );
      return reply.code(201).send(await appointmentView(db, row, body.locale));
    });

    typed.post('/check-in', { schema: { body: CheckInBodySchema, response: { 201: CheckInAnswerSchema, ...ERRORS } } }, async (request, reply) => {
      const code = request.body.code;
      const result = await checkIn(
        db,
        deviceOf(request).tenantId,
        request.body.office,
        code.kind === 'id-document' ? { kind: 'id-document', number: code.number, day: code.day } : code,
        options.now(),
        options.settings,
      );
      return reply.code(201).send(result);
    });

    typed.post('/walk-in', { schema: { body: WalkInBodySchema, response: { 201: TurnSchema, ...ERRORS } } }, async (request, reply) => {
      const turn = await walkInTurn(db, deviceOf(request).tenantId, request.body.office, request.body.service, options.now(), options.settings);
      return reply.code(201).send(turn);
    });

    // Finding, cancelling and moving one's own booking: the reference plus the document number it
    // was booked with (a wrong number answers exactly like an unknown reference; booking-service.ts).
    typed.post('/:reference/lookup', { schema: { params: ReferenceParamsSchema, body: KioskOwnershipBodySchema, response: { 200: AppointmentSchema, ...ERRORS } } }, async (request) => {
      const row = await requireOwnAppointment(db, deviceOf(request).tenantId, request.params.reference, request.body.idDocumentNumber);
      return appointmentView(db, row, request.body.locale);
    });

    typed.post('/:reference/cancel', { schema: { params: ReferenceParamsSchema, body: KioskOwnershipBodySchema, response: { 200: AppointmentSchema, ...ERRORS } } }, async (request) => {
      const row = await cancelAppointment(db, deviceOf(request).tenantId, request.params.reference, request.body.idDocumentNumber, options.now());
      return appointmentView(db, row, request.body.locale);
    });

    typed.post('/:reference/reschedule', { schema: { params: ReferenceParamsSchema, body: KioskRescheduleBodySchema, response: { 200: AppointmentSchema, ...ERRORS } } }, async (request) => {
      const body = request.body;
      const row = await rescheduleAppointment(db, deviceOf(request).tenantId, request.params.reference, body.idDocumentNumber, new Date(body.start), options.now(), options.settings);
      return appointmentView(db, row, body.locale);
    });

    typed.get('/turns/:turnId', { schema: { params: TurnParamsSchema, response: { 200: TurnSchema, ...ERRORS } } }, async (request) => turnStatus(db, deviceOf(request).tenantId, request.params.turnId));
  };
}
