import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { appointmentTables } from '../src/modules/appointments/office-repository.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { CITIZEN, bookingBody, freeSlotsAhead, kioskHeaders } from './appointments-fixtures.js';

/** Personal data (name, ID number, phone, e-mail) never reaches the logs, even at trace level. */
describe.each(DIALECTS)('appointments: personal data stays out of logs (%s)', (dialect) => {
  let hub: TestHub;
  let app: FastifyInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    app = await buildApp({ db: hub.db, config: hub.config, logger: { level: 'trace', stream } });
  });
  afterAll(async () => {
    await app?.close();
    await hub?.close();
  });

  it('books, fails validation and checks in without logging who', async () => {
    const contact = { email: 'ana.prueba@example.org', phone: '+34 611 222 333' };
    const [slot] = await freeSlotsAhead(app, 'oac-centro', 'registro');
    if (slot === undefined) throw new Error('no free slot');
    expect((await app.inject({ method: 'POST', url: '/public/v1/appointments', payload: bookingBody('oac-centro', 'registro', slot.start, contact) })).statusCode).toBe(201);
    const bad = await app.inject({ method: 'POST', url: '/public/v1/appointments', payload: bookingBody('oac-centro', 'registro', slot.start, { idDocument: { kind: 'dni', number: '99999999A' } }) });
    expect(bad.statusCode).toBe(400);
    await app.inject({ method: 'POST', url: '/fleet/v1/appointments/check-in', headers: kioskHeaders(hub), payload: { office: 'oac-centro', code: { kind: 'id-document', number: CITIZEN.idDocument.number } } });
    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('');
    for (const secret of [CITIZEN.name, CITIZEN.idDocument.number, '99999999A', contact.email, contact.phone]) expect(log).not.toContain(secret);
    // ...while the database keeps the number itself, for look-up by document.
    const row = await appointmentTables(hub.db).selectFrom('appointments').select(['id_number', 'email']).executeTakeFirstOrThrow();
    expect(row).toEqual({ id_number: CITIZEN.idDocument.number, email: contact.email });
  });
});
