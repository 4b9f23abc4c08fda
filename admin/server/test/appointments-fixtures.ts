import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { makeErrorHandler, renderApiError } from '../src/http/error-handler.js';
import { zodSerializerCompiler, zodValidatorCompiler } from '../src/http/zod.js';
import { appointmentRoutes } from '../src/modules/appointments/routes.js';
import { addDays, localDayOf } from '../src/modules/appointments/zoned-time.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';

/** Builders shared by the appointments suites (not a test file itself). */

export const MADRID = 'Europe/Madrid';
export const CONSOLE = { 'x-requested-with': 'console' };
export const CITIZEN = { name: 'Ana Prueba Ejemplo', idDocument: { kind: 'dni' as const, number: '12345678Z' } };

export interface SlotAnswer {
  readonly start: string;
  readonly end: string;
  readonly available: number;
}

/** Free slots of a seeded service from tomorrow on (office time), through the public API. */
export async function freeSlotsAhead(app: FastifyInstance, office: string, service: string, days = 20, now = new Date()): Promise<SlotAnswer[]> {
  const from = addDays(localDayOf(now, MADRID), 1);
  const response = await app.inject({ method: 'GET', url: `/public/v1/appointments/slots?office=${office}&service=${service}&from=${from}&to=${addDays(from, days)}` });
  if (response.statusCode !== 200) throw new Error(`slots: ${response.statusCode} ${response.body}`);
  return (response.json() as { slots: SlotAnswer[] }).slots;
}

export function bookingBody(office: string, service: string, start: string, overrides: Record<string, unknown> = {}) {
  return { office, service, start, ...CITIZEN, locale: 'es', ...overrides };
}

/** The appointments routes alone, with a fixed clock: how "too early" and "expired" are reached. */
export async function clockedApp(hub: TestHub, now: Date): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  app.setErrorHandler(makeErrorHandler(renderApiError));
  await app.register(appointmentRoutes(hub.db, hub.config, { now: () => now }));
  return app;
}

export async function staffCookie(hub: TestHub): Promise<string> {
  const response = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'admin', password: hub.adminPassword } });
  const header = response.headers['set-cookie'];
  const value = /^(__Host-session=[^;]+);/.exec((Array.isArray(header) ? header[0] : header) ?? '')?.[1];
  if (value === undefined) throw new Error(`login failed: ${response.statusCode}`);
  return value;
}

export const kioskHeaders = (hub: TestHub) => fleetHeaders(hub);

export function errorCode(body: string): string {
  return (JSON.parse(body) as { error: { code: string } }).error.code;
}
