import { registerDevice } from '../../src/modules/devices/service.js';
import { createUser } from '../../src/modules/auth/service.js';
import type { TestHub } from '../helpers/hub.js';
import { fleetHeaders, submission } from '../helpers/kiosk.js';
import { signInWithSecondFactor } from './sign-in.js';
import type { Principal } from './types.js';

export const TENANT = 'villademo';
/** The seeded case's citizen: the privacy export and erase find the case by its reference and this e-mail. */
export const CITIZEN_EMAIL = 'authz-citizen@example.org';
const CITIZEN_CONTACT = { channel: 'email' as const, email: CITIZEN_EMAIL, consent: true };
export const OTHER_TENANT = 'authz-othertown';
const STAFF_ROLES = ['admin', 'caseworker', 'editor', 'operator', 'viewer'] as const;

/** Real ids of this tenant's resources: the other tenant's admin must never get past them. */
export interface Seeded {
  readonly caseId: string;
  readonly reference: string;
  readonly deviceId: string;
  readonly userId: string;
}

export interface Principals {
  readonly headers: Record<Principal | 'other-admin', Record<string, string>>;
  readonly seeded: Seeded;
}

/**
 * One signed-in user per role (the admin through the TOTP step), the demo kiosk's credential,
 * an admin of a second tenant, and a few real resources to aim :params at.
 */
export async function preparePrincipals(hub: TestHub): Promise<Principals> {
  const demo = await hub.db.selectFrom('tenants').selectAll().where('id', '=', TENANT).executeTakeFirstOrThrow();
  await hub.db.insertInto('tenants').values({ ...demo, id: OTHER_TENANT, name: 'Authz Othertown', jurisdiction_id: 'authz-othertown.example' }).execute();

  const headers: Partial<Record<Principal | 'other-admin', Record<string, string>>> = { anonymous: {}, kiosk: fleetHeaders(hub) };
  for (const role of STAFF_ROLES) {
    const username = `authz-${role}`;
    await createUser(hub.db, { tenantId: TENANT, username, password: `${username}-password`, role });
    headers[role] = (await signInWithSecondFactor(hub, username, `${username}-password`)).headers;
  }
  await createUser(hub.db, { tenantId: OTHER_TENANT, username: 'authz-other-admin', password: 'authz-other-admin-password', role: 'admin' });
  headers['other-admin'] = (await signInWithSecondFactor(hub, 'authz-other-admin', 'authz-other-admin-password')).headers;

  // A case filed by the kiosk, a spare device (revoking the demo kiosk would end the kiosk principal), a user to reset.
  const filed = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'authz-case-0001'), payload: submission(hub, 1, { contact: CITIZEN_CONTACT }) });
  if (filed.statusCode >= 300) throw new Error(`seeding a case failed: ${filed.statusCode} ${filed.body}`);
  const caseRow = await hub.db.selectFrom('service_requests').select(['id']).where('tenant_id', '=', TENANT).executeTakeFirstOrThrow();
  const spare = await registerDevice(hub.db, TENANT, 'authz-spare');
  const userId = await createUser(hub.db, { tenantId: TENANT, username: 'authz-target', password: 'authz-target-password', role: 'viewer' });
  return {
    headers: headers as Record<Principal | 'other-admin', Record<string, string>>,
    seeded: { caseId: caseRow.id, reference: submission(hub, 1).localReference, deviceId: spare.deviceId, userId },
  };
}

/** Fills a route's :params: real ids of this tenant where the route names that kind of thing, plausible values elsewhere. */
export function fillParams(url: string, seeded: Seeded): string {
  return url.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    if (name === 'format') return 'json';
    if (name === 'file') return url.includes('/requests/') ? `${seeded.caseId}.json` : 'unknown.json';
    if (name === 'reference' || name === 'idOrReference') return seeded.reference;
    if (name === 'sha256') return '0'.repeat(64);
    // An appointment office of the demo tenant, its desk and service: the staff calendar routes act on real ones.
    if (name === 'office') return 'oac-centro';
    if (name === 'desk') return '1';
    if (name === 'service' && url.includes('/offices/')) return 'padron';
    if (name === 'serviceCode' || name === 'service') return 'street-lighting';
    if (name === 'version') return '1';
    if (name === 'day') return '2025-01-01';
    if (name === 'table') return 'funnel';
    if (name === 'id') {
      if (url.includes('/cases/')) return seeded.caseId;
      if (url.includes('/devices/')) return seeded.deviceId;
      if (url.includes('/users/')) return seeded.userId;
    }
    return `authz-unknown-${name}`;
  });
}

/** Whether the filled url aims at a real resource of this tenant (so the other tenant's admin must be refused). */
export function targetsSeeded(url: string): boolean {
  return /\/(cases|devices|users)\/:id/.test(url) || url.includes('/requests/:file');
}
