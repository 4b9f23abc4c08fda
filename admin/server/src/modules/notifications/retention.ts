import type { HubDb } from '../../db/database.js';
import { badRequest } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import { anonymiseCases } from './anonymise.js';
import { findRetentionDays, insertPrivacyAudit, listExpiredClosedCases, listTenantIds, upsertRetentionDays } from './privacy-repository.js';
import { DEFAULT_RETENTION_BATCH, DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from './settings.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  /** For tenants that did not set their own period. */
  readonly defaultDays: number;
  readonly batchSize: number;
}

export const DEFAULT_RETENTION_OPTIONS: RetentionOptions = { defaultDays: DEFAULT_RETENTION_DAYS, batchSize: DEFAULT_RETENTION_BATCH };

export interface RetentionRun {
  readonly anonymised: number;
  readonly byTenant: Readonly<Record<string, number>>;
}

export async function retentionDaysOf(db: HubDb, tenantId: string, defaultDays: number = DEFAULT_RETENTION_DAYS): Promise<{ days: number; isDefault: boolean }> {
  const days = await findRetentionDays(db, tenantId);
  return days === undefined ? { days: defaultDays, isDefault: true } : { days, isDefault: false };
}

export async function setRetentionDays(db: HubDb, tenantId: string, days: number, at: Date): Promise<void> {
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    throw badRequest('invalid', `closedCaseDays must be a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`);
  }
  await upsertRetentionDays(db, tenantId, days, at.toISOString());
}

/**
 * Anonymises the personal fields of every tenant's closed cases older than its retention period,
 * in batches (one transaction each, audited with the count only). The hub's scheduler runs it
 * daily; tests call it with their own clock.
 */
export async function runRetention(db: HubDb, now: Date, options: RetentionOptions = DEFAULT_RETENTION_OPTIONS): Promise<RetentionRun> {
  const byTenant: Record<string, number> = {};
  let anonymised = 0;
  for (const tenantId of await listTenantIds(db)) {
    const { days } = await retentionDaysOf(db, tenantId, options.defaultDays);
    const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
    let tenantCount = 0;
    for (;;) {
      const batch = await db.transaction().execute(async (trx) => {
        const expired = await listExpiredClosedCases(trx, tenantId, cutoff, options.batchSize);
        const count = await anonymiseCases(trx, tenantId, expired, 'retention', now);
        if (count > 0) {
          await insertPrivacyAudit(trx, { id: randomId('paud'), tenant_id: tenantId, action: 'retention-anonymised', actor_user_id: null, case_count: count, created_at: now.toISOString() });
        }
        return count;
      });
      tenantCount += batch;
      if (batch < options.batchSize) break;
    }
    byTenant[tenantId] = tenantCount;
    anonymised += tenantCount;
  }
  return { anonymised, byTenant };
}
