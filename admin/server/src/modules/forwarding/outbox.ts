import { isUniqueViolation } from '../../db/database.js';
import type { HubDb } from '../../db/database.js';
import { SecretUnreadableError } from '../../security/secret-box.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { CaseRow } from '../cases/repository.js';
import { requireTenant } from '../tenants/service.js';
import { ForwardingError, getRequests, getToken, postRequest } from './client.js';
import type { CrmTarget, FetchLike } from './client.js';
import { carriesReference, caseForm, hubReference, looksLikeOurs } from './case-form.js';
import { claim, claimedExternalIds, enqueue, findCaseRow, findSettings, listDue, listEnabledSettings, listUnqueuedCaseIds, updateRow } from './repository.js';
import type { OutboxRow, SettingsRow } from './repository.js';
import { openApiKey } from './service.js';
import { DEFAULT_FORWARDING_POLICY, REFERENCE_ATTRIBUTE, fullJitterDelayMs } from './settings.js';
import type { ForwardingPolicy } from './settings.js';

export interface ForwardingRunOptions {
  readonly policy?: ForwardingPolicy;
  /** For tests of the backoff; Math.random otherwise. */
  readonly random?: () => number;
}

export interface ForwardingRunResult {
  enqueued: number;
  forwarded: number;
  foundExisting: number;
  retrying: number;
  dead: number;
}

/**
 * The CRM as the client calls it, with the api_key opened (it is stored sealed). A key that no key
 * of the ring opens is a SecretUnreadableError: callers hold the work back, they never post without it.
 */
export function crmTarget(settings: SettingsRow, secrets: SecretBox, fetchImpl: FetchLike, policy: ForwardingPolicy): CrmTarget {
  return {
    baseUrl: settings.base_url,
    jurisdictionId: settings.jurisdiction_id,
    apiKey: openApiKey(secrets, settings.tenant_id, settings.api_key),
    format: settings.format,
    timeoutMs: policy.requestTimeoutMs,
    fetch: fetchImpl,
  };
}

async function enqueueNewCases(db: HubDb, now: Date, policy: ForwardingPolicy): Promise<number> {
  let count = 0;
  for (const settings of await listEnabledSettings(db)) {
    if (settings.enabled_at === null) continue;
    for (const id of await listUnqueuedCaseIds(db, settings.tenant_id, settings.enabled_at, policy.batchSize)) {
      await enqueue(db, settings.tenant_id, id, now.toISOString());
      count += 1;
    }
  }
  return count;
}

/**
 * Look-up before create: a POST whose answer we never read may have made the case. Find it by
 * its external id or token when known, else by our reference among the CRM's recent requests.
 */
async function findExisting(db: HubDb, target: CrmTarget, row: OutboxRow, kase: CaseRow, reference: string, policy: ForwardingPolicy): Promise<string | null> {
  if (row.external_token !== null) return getToken(target, row.external_token);
  if (row.first_posted_at === null) return null;
  const notBefore = Date.parse(row.first_posted_at) - policy.clockSkewMs;
  const candidates = await getRequests(
    target,
    { service_code: kase.service_code, updated_after: new Date(notBefore).toISOString(), extensions: 'true' },
    REFERENCE_ATTRIBUTE,
  );
  const withIds = candidates.filter((c) => c.service_request_id !== null);
  const marked = withIds.find((c) => carriesReference(c, reference));
  if (marked?.service_request_id) return marked.service_request_id;
  const owned = await claimedExternalIds(db, row.tenant_id, withIds.map((c) => c.service_request_id ?? ''));
  const lookalikes = withIds
    .filter((c) => !owned.has(c.service_request_id ?? '') && looksLikeOurs(c, kase, notBefore))
    .sort((a, b) => Date.parse(a.requested_datetime ?? '') - Date.parse(b.requested_datetime ?? ''));
  return lookalikes[0]?.service_request_id ?? null;
}

async function markDone(db: HubDb, row: OutboxRow, externalId: string, at: string): Promise<void> {
  try {
    await updateRow(db, row.tenant_id, row.request_id, { state: 'done', external_id: externalId, last_error_code: null, last_error_detail: null, updated_at: at });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another of our cases already owns that external case: a person must look at both.
    await updateRow(db, row.tenant_id, row.request_id, { state: 'dead', last_error_code: 'external-id-taken', last_error_detail: null, updated_at: at });
  }
}

type Outcome = 'forwarded' | 'foundExisting' | 'retrying' | 'dead';

async function forwardOne(db: HubDb, secrets: SecretBox, row: OutboxRow, now: Date, fetchImpl: FetchLike, policy: ForwardingPolicy, random: () => number): Promise<Outcome | null> {
  const at = now.toISOString();
  if (!(await claim(db, row, new Date(now.getTime() + policy.leaseMs).toISOString(), at))) return null;
  const attempts = row.attempts + 1;
  const settings = await findSettings(db, row.tenant_id);
  const kase = await findCaseRow(db, row.tenant_id, row.request_id);
  if (kase === undefined) {
    await updateRow(db, row.tenant_id, row.request_id, { state: 'dead', attempts, last_error_code: 'case-missing', updated_at: at });
    return 'dead';
  }
  if (settings === undefined || settings.enabled === 0) {
    // Switched off, perhaps for the CRM's maintenance: the case waits, it is not given up.
    const later = new Date(now.getTime() + policy.retryCapMs).toISOString();
    await updateRow(db, row.tenant_id, row.request_id, { state: 'pending', next_attempt_at: later, last_error_code: 'forwarding-disabled', updated_at: at });
    return 'retrying';
  }
  const tenant = await requireTenant(db, row.tenant_id);
  const reference = hubReference(kase, tenant.jurisdiction_id);
  try {
    const target = crmTarget(settings, secrets, fetchImpl, policy);
    const existing = await findExisting(db, target, row, kase, reference, policy);
    if (existing !== null) {
      await markDone(db, row, existing, at);
      return 'foundExisting';
    }
    if (row.external_token !== null) throw new ForwardingError('token-pending', true);
    // Recorded before the POST leaves: from here on, a create may have happened.
    await updateRow(db, row.tenant_id, row.request_id, { attempts, first_posted_at: row.first_posted_at ?? at, updated_at: at });
    const created = await postRequest(target, caseForm(kase, reference));
    if (created.service_request_id !== null) {
      await markDone(db, row, created.service_request_id, at);
      return 'forwarded';
    }
    await updateRow(db, row.tenant_id, row.request_id, { external_token: created.token, updated_at: at });
    const fromToken = created.token === null ? null : await getToken(target, created.token);
    if (fromToken === null) throw new ForwardingError('token-pending', true);
    await markDone(db, row, fromToken, at);
    return 'forwarded';
  } catch (error) {
    // A stored api_key no key of the ring opens: nothing was sent; the case waits (retried with
    // backoff) until the hub's secret keys are restored or an admin enters the api_key again.
    const failure = error instanceof ForwardingError ? error : new ForwardingError(error instanceof SecretUnreadableError ? 'secret-unreadable' : 'internal', true);
    if (!failure.retryable) {
      await updateRow(db, row.tenant_id, row.request_id, { state: 'dead', attempts, last_error_code: failure.code, last_error_detail: failure.detail, updated_at: at });
      return 'dead';
    }
    const delay = Math.max(fullJitterDelayMs(attempts, policy, random), Math.min(failure.retryAfterMs ?? 0, policy.retryCapMs));
    const next = new Date(now.getTime() + delay).toISOString();
    await updateRow(db, row.tenant_id, row.request_id, { state: 'pending', attempts, next_attempt_at: next, last_error_code: failure.code, updated_at: at });
    return 'retrying';
  }
}

/**
 * One pass of the forwarding outbox: queue the new cases of every forwarding tenant (a LEFT JOIN,
 * so no hook in the case service is needed), then send what is due. Retries forever with
 * full-jitter backoff; a 4xx (other than 408/429) is dead, kept with the CRM's error.
 */
export async function runForwardingOutbox(db: HubDb, secrets: SecretBox, now: Date, fetchImpl: FetchLike = fetch, options: ForwardingRunOptions = {}): Promise<ForwardingRunResult> {
  const policy = options.policy ?? DEFAULT_FORWARDING_POLICY;
  const random = options.random ?? Math.random;
  const result: ForwardingRunResult = { enqueued: await enqueueNewCases(db, now, policy), forwarded: 0, foundExisting: 0, retrying: 0, dead: 0 };
  for (const row of await listDue(db, now.toISOString(), policy.batchSize)) {
    const outcome = await forwardOne(db, secrets, row, now, fetchImpl, policy, random);
    if (outcome !== null) result[outcome] += 1;
  }
  return result;
}
