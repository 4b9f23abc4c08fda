import type { HubDb } from '../../db/database.js';
import { badRequest, notFound } from '../../http/problems.js';
import { findTenantById, findTenantByJurisdiction, listTenants } from './repository.js';
import type { TenantRow } from './repository.js';

export type Tenant = TenantRow;

/**
 * Open311's jurisdiction rule: a hub with one municipality may be asked without
 * `jurisdiction_id`; with several, it is required (400), and an unknown one is 404.
 */
export async function resolveJurisdiction(db: HubDb, jurisdictionId: string | undefined): Promise<Tenant> {
  if (jurisdictionId !== undefined) {
    const tenant = await findTenantByJurisdiction(db, jurisdictionId);
    if (tenant === undefined) throw notFound('unknown-jurisdiction', 'no municipality has this jurisdiction_id');
    return tenant;
  }
  const firstTwo = await listTenants(db, 2);
  const [only] = firstTwo;
  if (firstTwo.length === 1 && only !== undefined) return only;
  throw badRequest('jurisdiction-required', 'jurisdiction_id is required: this hub serves several municipalities');
}

export async function requireTenant(db: HubDb, tenantId: string): Promise<Tenant> {
  const tenant = await findTenantById(db, tenantId);
  // A device or user pointing at a missing tenant is a broken database, not a client mistake.
  if (tenant === undefined) throw new Error(`tenant ${tenantId} is missing`);
  return tenant;
}
