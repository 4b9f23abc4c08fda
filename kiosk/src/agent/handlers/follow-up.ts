import { classifyFollowUpQuery, type FollowUpCase, type FollowUpLookup, type KioskLocale } from '@kiosk/shared';
import type { AgentDatabase } from '../store/database.js';
import { KioskHandlerError } from './dispatch.js';

/**
 * Follow-up of a request from any channel: the hub answers for every case it holds (kiosk
 * reference or web/phone request id). A request filed at THIS kiosk that has not reached the hub
 * yet is not lost: the kiosk says it is stored here and will be sent. Nothing is logged about the
 * query (a reference is enough to read a case's public status).
 */

export type HubCaseAnswer = { kind: 'found'; case: FollowUpCase } | { kind: 'not-found' } | { kind: 'unreachable' };

export interface FollowUpDeps {
  readonly lookupAtHub: (idOrReference: string, locale: KioskLocale) => Promise<HubCaseAnswer>;
  /** A request filed at this kiosk, by reference: when, and whether the hub acknowledged it. */
  readonly localRequest: (reference: string) => { filedAt: string; acked: boolean } | null;
  /** The municipality's zone (from the cached catalogue), so dates read as the town hall's. */
  readonly timeZone: () => string;
}

export async function lookUpFollowUp(deps: FollowUpDeps, params: { locale: KioskLocale; query: string }): Promise<FollowUpLookup> {
  const query = classifyFollowUpQuery(params.query);
  // The renderer checks first; this guards any other caller.
  if (!query.ok) throw new KioskHandlerError('bad-request', `not a reference or request number (${query.problem})`);
  const answer = await deps.lookupAtHub(query.value, params.locale);
  if (answer.kind === 'found') return { outcome: 'found', case: answer.case };
  const local = query.kind === 'reference' ? deps.localRequest(query.value) : null;
  if (local !== null && !local.acked) return { outcome: 'waiting-here', reference: query.value, filedAt: local.filedAt, timeZone: deps.timeZone() };
  return answer.kind === 'unreachable' ? { outcome: 'offline' } : { outcome: 'not-found' };
}

/** Read-only look at the kiosk's own requests table (reference and outbox state, nothing personal). */
export function localRequestReader(db: AgentDatabase): FollowUpDeps['localRequest'] {
  const statement = db.prepare('SELECT r.created_at AS filedAt, o.state AS state FROM requests r JOIN outbox o ON o.request_id = r.id WHERE r.reference = ?');
  return (reference) => {
    const row = statement.get(reference) as { filedAt: string; state: string } | undefined;
    return row === undefined ? null : { filedAt: row.filedAt, acked: row.state === 'acked' };
  };
}
