import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '@kiosk/shared';
import type { HubDb } from '../db/database.js';
import { badRequest, unauthorised } from '../http/problems.js';
import { authenticateDevice } from '../modules/devices/service.js';
import type { AuthenticatedDevice } from '../modules/devices/service.js';

const devices = new WeakMap<FastifyRequest, AuthenticatedDevice>();

export function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Adds the fleet protocol's gate to a plugin: before the body is even parsed, who is calling
 * (the device's own credential; a revoked one stops here at its next request) and do we speak
 * the same protocol version? Every plugin serving kiosks calls this once.
 */
export function requireDevice(app: FastifyInstance, db: HubDb): void {
  app.addHook('onRequest', async (request, reply) => {
    const device = await authenticateDevice(db, request.headers.authorization);
    if (device === null) {
      reply.header('www-authenticate', 'Bearer realm="fleet"');
      throw unauthorised('a valid device credential is required (Authorization: Bearer <deviceId>.<secret>)');
    }
    devices.set(request, device);
    const version = headerValue(request, PROTOCOL_VERSION_HEADER);
    if (version !== String(PROTOCOL_VERSION)) {
      throw badRequest('version-mismatch', `this hub speaks fleet protocol ${PROTOCOL_VERSION}; the request said ${version === undefined ? 'nothing' : 'another version'}`);
    }
  });
}

/** The device `requireDevice` authenticated for this request. */
export function deviceOf(request: FastifyRequest): AuthenticatedDevice {
  const device = devices.get(request);
  if (device === undefined) throw new Error('fleet route reached without an authenticated device');
  return device;
}
