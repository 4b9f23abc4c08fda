import type { HubDb } from '../../db/database.js';
import { SecretUnreadableError } from '../../security/secret-box.js';
import type { SecretBox } from '../../security/secret-box.js';
import { changeCaseStatus } from '../cases/service.js';
import { notifyCaseStatusChanged } from '../notifications/case-notifications.js';
import { DETAILED_STATUSES } from '../workflow/statuses.js';
import { ForwardingError, getRequests } from './client.js';
import type { CrmRequest, FetchLike } from './client.js';
import { crmTarget } from './outbox.js';
import { findCaseRow, listEnabledSettings, listForwarded, updateRow } from './repository.js';
import type { OutboxRow } from './repository.js';
import { DEFAULT_FORWARDING_POLICY, REFERENCE_ATTRIBUTE } from './settings.js';
import type { ForwardingPolicy } from './settings.js';

export interface ForwardingSyncOptions {
  readonly policy?: ForwardingPolicy;
  /** e.g. `https://hub.example/status`: when set, the citizen hears of a mirrored change like of a staff one. */
  readonly statusPageBaseUrl?: string;
}

export interface ForwardingSyncResult {
  checked: number;
  changed: number;
  failedTenants: number;
}

/**
 * Our detailed status for what the CRM says: its own detailed status when we know that name and
 * it agrees with open|closed; otherwise the plain meaning of open or closed.
 */
export function mirroredDetailedStatus(external: CrmRequest, current: string): string {
  const named = external.detailedStatus as keyof typeof DETAILED_STATUSES | null;
  if (named !== null && DETAILED_STATUSES[named] === external.status) return named;
  if (external.status === 'closed') return 'resolved';
  return (DETAILED_STATUSES as Record<string, string>)[current] === 'open' ? current : 'in-progress';
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function applyOne(db: HubDb, row: OutboxRow, external: CrmRequest, now: Date, statusPageBaseUrl: string | undefined): Promise<boolean> {
  const unchangedAtCrm =
    row.external_status === external.status && row.external_detailed_status === external.detailedStatus && row.external_notes === external.status_notes;
  if (unchangedAtCrm) return false;
  const kase = await findCaseRow(db, row.tenant_id, row.request_id);
  if (kase === undefined) return false;
  const detailed = mirroredDetailedStatus(external, kase.detailed_status);
  const differs = kase.status !== external.status || kase.detailed_status !== detailed || (external.status_notes !== null && kase.status_notes !== external.status_notes);
  let changed = false;
  await db.transaction().execute(async (trx) => {
    if (differs) {
      await changeCaseStatus(trx, row.tenant_id, row.request_id, { status: external.status, detailedStatus: detailed, publicNote: external.status_notes, at: now });
      if (statusPageBaseUrl !== undefined) await notifyCaseStatusChanged(trx, row.tenant_id, row.request_id, statusPageBaseUrl, now);
      changed = true;
    }
    // Remember what the CRM said, so a later change by our own staff is not undone by the next sync.
    await updateRow(trx, row.tenant_id, row.request_id, {
      external_status: external.status,
      external_detailed_status: external.detailedStatus,
      external_notes: external.status_notes,
      updated_at: now.toISOString(),
    });
  });
  return changed;
}

/**
 * Mirrors the CRM's status of every forwarded case back onto ours, asking for many at once
 * (`GET requests?service_request_id=a,b,c`). A CRM that does not answer is tried next run.
 */
export async function runForwardingSync(db: HubDb, secrets: SecretBox, now: Date, fetchImpl: FetchLike = fetch, options: ForwardingSyncOptions = {}): Promise<ForwardingSyncResult> {
  const policy = options.policy ?? DEFAULT_FORWARDING_POLICY;
  const result: ForwardingSyncResult = { checked: 0, changed: 0, failedTenants: 0 };
  for (const settings of await listEnabledSettings(db)) {
    const rows = await listForwarded(db, settings.tenant_id);
    try {
      // A CRM api_key no key opens fails this municipality's sync only (SecretUnreadableError).
      const target = crmTarget(settings, secrets, fetchImpl, policy);
      for (const group of chunks(rows, policy.syncChunkSize)) {
        const byExternalId = new Map(group.map((r) => [r.external_id ?? '', r]));
        const answers = await getRequests(target, { service_request_id: [...byExternalId.keys()].join(',') }, REFERENCE_ATTRIBUTE);
        for (const external of answers) {
          const row = byExternalId.get(external.service_request_id ?? '');
          if (row === undefined) continue;
          result.checked += 1;
          if (await applyOne(db, row, external, now, options.statusPageBaseUrl)) result.changed += 1;
        }
      }
    } catch (error) {
      if (!(error instanceof ForwardingError) && !(error instanceof SecretUnreadableError)) throw error;
      result.failedTenants += 1;
    }
  }
  return result;
}
