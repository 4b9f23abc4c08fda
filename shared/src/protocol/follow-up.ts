import { z } from 'zod';
import { parseReference, type ReferenceProblem } from '../domain/reference.js';
import { FLEET_BASE_PATH } from './fleet.js';

/**
 * Follow-up of a request from ANY channel: a kiosk case is found by its reference (`K7QM-000A4-R`,
 * what the receipt and its QR code carry), a web or phone case by the hub's Open311
 * service_request_id (digits). Only public facts travel: status, public notes, dates, never the
 * description or the citizen's contact.
 */

/** Hub service_request_ids are a per-municipality counter: digits only. */
const REQUEST_ID = /^[0-9]{1,12}$/;

export type FollowUpQuery =
  | { readonly ok: true; readonly kind: 'reference' | 'request-id'; readonly value: string }
  | { readonly ok: false; readonly problem: ReferenceProblem };

/**
 * What a typed or scanned text asks for, checked before anything leaves the kiosk: digits alone are
 * a request id (the hub also tries them as a reference), anything else must be a valid reference,
 * so a mistyped character is caught here with its reason.
 */
export function classifyFollowUpQuery(input: string): FollowUpQuery {
  const compact = input.trim().replace(/[\s\-_.]/g, '');
  if (REQUEST_ID.test(compact)) return { ok: true, kind: 'request-id', value: compact };
  const parsed = parseReference(input);
  return parsed.ok ? { ok: true, kind: 'reference', value: parsed.reference.display } : { ok: false, problem: parsed.problem };
}

export const FollowUpNoteSchema = z.object({
  at: z.string(),
  detailedStatus: z.string(),
  note: z.string(),
});

/** The public side of a case, as the hub answers a kiosk (GET /fleet/v1/follow-up/{idOrReference}). */
export const FollowUpCaseSchema = z.object({
  /** The kiosk reference, or null for a case filed through another channel. */
  reference: z.string().nullable(),
  serviceRequestId: z.string(),
  serviceName: z.string(),
  status: z.enum(['open', 'closed']),
  /** received | in-progress | planned | waiting-for-citizen | resolved | rejected | duplicate (or a newer one). */
  detailedStatus: z.string(),
  requestedAt: z.string(),
  updatedAt: z.string(),
  expectedAt: z.string().nullable(),
  /** The municipality's zone, so dates read as they do at the town hall. */
  timeZone: z.string(),
  /** Public notes only, oldest first; internal remarks never leave the hub. */
  notes: z.array(FollowUpNoteSchema),
});
export type FollowUpCase = z.infer<typeof FollowUpCaseSchema>;

export const FollowUpLookupSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('found'), case: FollowUpCaseSchema }),
  z.object({ outcome: z.literal('not-found') }),
  /** Filed at this kiosk and not yet received by the hub (no connection): it is safe and will be sent. */
  z.object({ outcome: z.literal('waiting-here'), reference: z.string(), filedAt: z.string(), timeZone: z.string() }),
  /** The hub cannot be reached now: the status cannot be checked. */
  z.object({ outcome: z.literal('offline') }),
]);
export type FollowUpLookup = z.infer<typeof FollowUpLookupSchema>;

export const followUpPath = (idOrReference: string) => `${FLEET_BASE_PATH}/follow-up/${encodeURIComponent(idOrReference)}`;
