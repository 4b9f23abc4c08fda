import type { HubDb } from '../../db/database.js';
import { notFound } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import { conflict } from './access.js';
import { requireOffice, requireOfficeService } from './availability-service.js';
import type { OfficeAndService } from './availability-service.js';
import { countActiveDesks, findDesk, findOfficeService } from './office-repository.js';
import type { AppointmentSettings } from './settings.js';
import type { TurnKind } from './tables.js';
import { callTurnIfWaiting, finishCalledTurns, findTurn, insertTurn, listWaitingTurns, nextTurnNumber, turnCounterName } from './turn-repository.js';
import type { TurnRow } from './turn-repository.js';
import { localDayOf } from './zoned-time.js';

/** Turn numbers, the queue, and calling the next citizen to a desk. */

export interface TurnView {
  /** Unguessable: a kiosk or a phone may poll the turn's place in the queue with it. */
  readonly turnId: string;
  readonly label: string;
  readonly officeCode: string;
  readonly serviceCode: string;
  readonly kind: TurnKind;
  readonly status: TurnRow['status'];
  readonly deskCode: string | null;
  /** Turns of the same service waiting before this one (0 once called). */
  readonly peopleAhead: number;
  /** A rough estimate: people ahead x the service's slot length / open desks. */
  readonly estimatedWaitMinutes: number;
  readonly issuedAt: string;
}

/** The 409 problem code of a walk-in asked for a service that is by appointment only. */
export const WALK_IN_NOT_OFFERED = 'walk-in-not-offered';

export function turnLabel(letter: string, number: number, digits: number): string {
  return `${letter}-${String(number).padStart(digits, '0')}`;
}

/** Issues the next turn of a service, in the caller's transaction. */
export async function issueTurn(
  trx: HubDb,
  target: OfficeAndService,
  kind: TurnKind,
  appointmentId: string | null,
  now: Date,
  settings: AppointmentSettings,
): Promise<TurnRow> {
  const { office, service } = target;
  const day = localDayOf(now, office.time_zone);
  const number = await nextTurnNumber(trx, office.tenant_id, turnCounterName(office.code, service.code, day));
  const row: TurnRow = {
    tenant_id: office.tenant_id,
    id: randomId('turn'),
    office_code: office.code,
    service_code: service.code,
    local_day: day,
    number,
    label: turnLabel(service.turn_letter, number, settings.turnDigits),
    kind,
    appointment_id: appointmentId,
    status: 'waiting',
    desk_code: null,
    issued_at: now.toISOString(),
    called_at: null,
    finished_at: null,
  };
  await insertTurn(trx, row);
  return row;
}

/** A turn without appointment, for a service that allows walk-ins (appt_services.walk_in). */
export async function walkInTurn(db: HubDb, tenantId: string, officeCode: string, serviceCode: string, now: Date, settings: AppointmentSettings): Promise<TurnView> {
  const target = await requireOfficeService(db, tenantId, officeCode, serviceCode);
  if (target.service.walk_in !== 1) throw conflict(WALK_IN_NOT_OFFERED, 'this service is by appointment only; book an appointment');
  const turn = await db.transaction().execute((trx) => issueTurn(trx, target, 'walk-in', null, now, settings));
  return describeTurn(db, turn);
}

export async function describeTurn(db: HubDb, turn: TurnRow): Promise<TurnView> {
  const waiting = turn.status === 'waiting' ? await listWaitingTurns(db, turn.tenant_id, turn.office_code, turn.local_day, [turn.service_code]) : [];
  const ahead = Math.max(0, waiting.findIndex((t) => t.id === turn.id));
  const [service, desks] = await Promise.all([findOfficeService(db, turn.tenant_id, turn.office_code, turn.service_code), countActiveDesks(db, turn.tenant_id, turn.office_code)]);
  const minutesEach = service?.slot_minutes ?? 0;
  return {
    turnId: turn.id,
    label: turn.label,
    officeCode: turn.office_code,
    serviceCode: turn.service_code,
    kind: turn.kind,
    status: turn.status,
    deskCode: turn.desk_code,
    peopleAhead: ahead,
    estimatedWaitMinutes: Math.ceil((ahead * minutesEach) / Math.max(1, desks)),
    issuedAt: turn.issued_at,
  };
}

export async function turnStatus(db: HubDb, tenantId: string, turnId: string): Promise<TurnView> {
  const turn = await findTurn(db, tenantId, turnId);
  if (turn === undefined) throw notFound('unknown-turn', 'no turn has this id');
  return describeTurn(db, turn);
}

export async function waitingQueue(db: HubDb, tenantId: string, officeCode: string, now: Date): Promise<TurnRow[]> {
  const office = await requireOffice(db, tenantId, officeCode);
  return listWaitingTurns(db, tenantId, office.code, localDayOf(now, office.time_zone));
}

/** Attempts to claim a waiting turn when other desks keep winning the oldest one. */
export const CALL_NEXT_ATTEMPTS = 10;

/**
 * The desk finishes its current turn and calls the oldest waiting one (of `serviceCodes`, or
 * any). Two desks calling at once never get the same turn: the claim is a conditional update.
 */
export async function callNextTurn(
  db: HubDb,
  tenantId: string,
  officeCode: string,
  deskCode: string,
  serviceCodes: readonly string[],
  now: Date,
): Promise<TurnRow | null> {
  const office = await requireOffice(db, tenantId, officeCode);
  if ((await findDesk(db, tenantId, office.code, deskCode)) === undefined) throw notFound('unknown-desk', 'this office has no desk with this code');
  const at = now.toISOString();
  await finishCalledTurns(db, tenantId, office.code, deskCode, at);
  for (let attempt = 0; attempt < CALL_NEXT_ATTEMPTS; attempt += 1) {
    const [next] = await listWaitingTurns(db, tenantId, office.code, localDayOf(now, office.time_zone), serviceCodes);
    if (next === undefined) return null;
    if ((await callTurnIfWaiting(db, tenantId, next.id, deskCode, at)) > 0) return { ...next, status: 'called', desk_code: deskCode, called_at: at };
  }
  return null;
}
