import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import { JobsCreatedSchema, PROTOCOL_VERSION, ScreenshotInfoSchema, SCREENSHOT_JOB_HEADER, SCREENSHOT_TAKEN_AT_HEADER, readPngSize } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { registerDevice } from '../src/modules/devices/service.js';
import type { DeviceCredential } from '../src/modules/devices/service.js';
import { CONSOLE_HEADERS, DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

/** A real, decodable PNG (grey pixels), `pad` bytes of text chunk making it as big as a test needs. */
function png(width: number, height: number, pad = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y += 1) rows[y * (width + 1)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(pad > 0 ? [chunk('tEXt', Buffer.alloc(pad, 0x61))] : []),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const OTHER_TENANT = 'othertown';

describe.each(DIALECTS)('kiosk screenshots (%s)', (dialect) => {
  let hub: TestHub;
  const staff: Record<string, Record<string, string>> = {};
  let other: DeviceCredential;
  const kioskHeaders = (token: string) => ({ authorization: `Bearer ${token}`, 'x-protocol-version': String(PROTOCOL_VERSION) });
  const queue = async (type: string, deviceId: string) => {
    const answer = await hub.app.inject({ method: 'POST', url: '/api/fleet/jobs', headers: staff['admin'], payload: { type, deviceIds: [deviceId] } });
    expect(answer.statusCode, answer.body).toBe(201);
    return JobsCreatedSchema.parse(answer.json()).jobs[0]?.id ?? '';
  };
  /** Queued, delivered and started by the kiosk: ready for its upload. */
  const started = async (type: string, token = hub.kiosk.token, deviceId = hub.kiosk.deviceId) => {
    const id = await queue(type, deviceId);
    expect((await hub.app.inject({ method: 'GET', url: '/fleet/v1/jobs', headers: kioskHeaders(token) })).statusCode).toBe(200);
    const moved = await hub.app.inject({ method: 'POST', url: `/fleet/v1/jobs/${id}/state`, headers: kioskHeaders(token), payload: { state: 'in-progress' } });
    expect(moved.statusCode, moved.body).toBe(200);
    return id;
  };
  const upload = (id: string, body: Buffer | string, token = hub.kiosk.token, type = 'image/png') =>
    hub.app.inject({ method: 'PUT', url: `/fleet/v1/jobs/${id}/screenshot`, headers: { ...kioskHeaders(token), 'content-type': type }, payload: body });
  const view = (as: string, deviceId = hub.kiosk.deviceId) => hub.app.inject({ method: 'GET', url: `/api/fleet/devices/${deviceId}/screenshot`, headers: staff[as] ?? {} });
  const info = (as: string, deviceId = hub.kiosk.deviceId) => hub.app.inject({ method: 'GET', url: `/api/fleet/devices/${deviceId}/screenshot/info`, headers: staff[as] ?? {} });
  const storedRows = () => hub.db.withTables<{ kiosk_screenshots: { device_id: string; job_id: string } }>().selectFrom('kiosk_screenshots').selectAll().execute();

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    staff['admin'] = await signInStaff(hub, 'admin', hub.adminPassword);
    for (const role of ['operator', 'viewer'] as const) {
      await createUser(hub.db, { tenantId: 'villademo', username: `shot-${role}`, password: `${role} password 123`, role });
      staff[role] = await signInStaff(hub, `shot-${role}`, `${role} password 123`);
    }
    const demo = await hub.db.selectFrom('tenants').selectAll().where('id', '=', 'villademo').executeTakeFirstOrThrow();
    await hub.db.insertInto('tenants').values({ ...demo, id: OTHER_TENANT, name: 'Other Town', jurisdiction_id: 'othertown.example' }).execute();
    await createUser(hub.db, { tenantId: OTHER_TENANT, username: 'other-admin', password: 'other admin password 1', role: 'admin' });
    staff['other-admin'] = await signInStaff(hub, 'other-admin', 'other admin password 1');
    other = await registerDevice(hub.db, 'villademo', 'Biblioteca');
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('has no screenshot for a kiosk that never sent one', async () => {
    expect((await view('admin')).statusCode).toBe(404);
    expect((await info('admin')).statusCode).toBe(404);
  });

  it('stores a screenshot job\'s PNG and shows it to an admin, with its time, audited without the image', async () => {
    const id = await started('screenshot');
    const image = png(64, 40);
    const answer = await upload(id, image);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toEqual({ bytes: image.length, width: 64, height: 40 });
    const shown = await view('admin');
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.headers[SCREENSHOT_JOB_HEADER]).toBe(id);
    expect(Date.parse(String(shown.headers[SCREENSHOT_TAKEN_AT_HEADER]))).toBeGreaterThan(Date.now() - 60_000);
    expect(shown.rawPayload.equals(image)).toBe(true);
    const audit = await hub.db.withTables<{ audit_log: { action: string; target_id: string; details: string } }>().selectFrom('audit_log').selectAll().where('action', '=', 'fleet-screenshot.view').execute();
    expect(audit.map((row) => row.target_id)).toEqual([hub.kiosk.deviceId]);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ jobId: id });
    expect(audit[0]?.details.length).toBeLessThan(200);
    // The console's info: no image, so no audit row.
    const described = await info('admin');
    expect(described.statusCode).toBe(200);
    expect(ScreenshotInfoSchema.parse(described.json())).toEqual({ deviceId: hub.kiosk.deviceId, jobId: id, takenAt: shown.headers[SCREENSHOT_TAKEN_AT_HEADER], width: 64, height: 40, bytes: image.length });
    const after = await hub.db.withTables<{ audit_log: { action: string } }>().selectFrom('audit_log').selectAll().where('action', '=', 'fleet-screenshot.view').execute();
    expect(after.length).toBe(1);
  });

  it('keeps only the latest screenshot per kiosk', async () => {
    const first = await started('screenshot');
    expect((await upload(first, png(10, 10))).statusCode).toBe(200);
    const second = await started('screenshot');
    const latest = png(20, 30);
    expect((await upload(second, latest)).statusCode).toBe(200);
    const rows = (await storedRows()).filter((row) => row.device_id === hub.kiosk.deviceId);
    expect(rows.map((row) => row.job_id)).toEqual([second]);
    const shown = await view('admin');
    expect(readPngSize(shown.rawPayload)).toEqual({ width: 20, height: 30 });
  });

  it('refuses a wrong job type (409), a job that is not started (409), another kiosk\'s job (404)', async () => {
    const logs = await queue('print-test-page', hub.kiosk.deviceId);
    await hub.app.inject({ method: 'GET', url: '/fleet/v1/jobs', headers: kioskHeaders(hub.kiosk.token) });
    await hub.app.inject({ method: 'POST', url: `/fleet/v1/jobs/${logs}/state`, headers: kioskHeaders(hub.kiosk.token), payload: { state: 'in-progress' } });
    expect((await upload(logs, png(4, 4))).statusCode).toBe(409);
    const queued = await queue('screenshot', hub.kiosk.deviceId);
    expect((await upload(queued, png(4, 4))).statusCode).toBe(409);
    const theirs = await started('screenshot', other.token, other.deviceId);
    expect((await upload(theirs, png(4, 4))).statusCode).toBe(404);
    expect((await upload('job-that-does-not-exist', png(4, 4))).statusCode).toBe(404);
  });

  it('refuses what is not a PNG (400) and what is too big (413)', async () => {
    const id = await started('screenshot');
    expect((await upload(id, Buffer.from('GIF89a not a png at all, really'))).statusCode).toBe(400);
    expect((await upload(id, png(4, 4), hub.kiosk.token, 'application/octet-stream')).statusCode).toBe(415);
    expect((await upload(id, png(4, 4, 2 * 1024 * 1024))).statusCode).toBe(413);
    // Nothing of these replaced the stored one.
    expect(readPngSize((await view('admin')).rawPayload)).toEqual({ width: 20, height: 30 });
  });

  it('shows screenshots to admins only, and only of their own tenant', async () => {
    expect((await view('operator')).statusCode).toBe(403);
    expect((await view('viewer')).statusCode).toBe(403);
    expect((await view('other-admin')).statusCode).toBe(404);
    expect((await info('operator')).statusCode).toBe(403);
    expect((await info('viewer')).statusCode).toBe(403);
    expect((await info('other-admin')).statusCode).toBe(404);
    expect((await view('nobody')).statusCode).toBe(401);
    expect((await hub.app.inject({ method: 'GET', url: `/api/fleet/devices/${hub.kiosk.deviceId}/screenshot`, headers: { ...CONSOLE_HEADERS, ...kioskHeaders(hub.kiosk.token) } })).statusCode).toBe(401);
  });

  it('shows an admin scoped to one site only the screenshots of that site\'s kiosks', async () => {
    await createUser(hub.db, { tenantId: 'villademo', username: 'north-admin', password: 'north admin password 1', role: 'admin', siteId: 'norte' });
    staff['north-admin'] = await signInStaff(hub, 'north-admin', 'north admin password 1');
    await hub.db.updateTable('devices').set({ site: 'sur' }).where('id', '=', hub.kiosk.deviceId).execute();
    expect((await view('north-admin')).statusCode).toBe(404);
    expect((await info('north-admin')).statusCode).toBe(404);
    await hub.db.updateTable('devices').set({ site: 'norte' }).where('id', '=', hub.kiosk.deviceId).execute();
    expect((await info('north-admin')).statusCode).toBe(200);
    expect((await view('north-admin')).statusCode).toBe(200);
  });
});
