import { HubProblem, forbidden } from '../../http/problems.js';
import type { SessionUser } from '../auth/service.js';

/** Who may do what with appointments in the console, and the module's refusals. */

const DESK_ROLES: ReadonlySet<string> = new Set(['admin', 'editor', 'caseworker']);
const CALENDAR_ROLES: ReadonlySet<string> = new Set(['admin', 'editor']);
/** Read-only viewers see calendars and the day's board too; the board carries no personal data. */
const BOARD_READERS: ReadonlySet<string> = new Set(['admin', 'editor', 'caseworker', 'viewer']);

/** Seeing today's bookings (names, masked documents) and calling turns: counter staff. */
export function requireDeskRole(user: SessionUser): void {
  if (!DESK_ROLES.has(user.role)) throw forbidden('forbidden-role', 'only admins, managers and caseworkers handle appointments and turns');
}

/** The console's office list, calendar settings and day board (no names, no documents). */
export function requireBoardReader(user: SessionUser): void {
  if (!BOARD_READERS.has(user.role)) throw forbidden('forbidden-role', 'only admins, editors, caseworkers and viewers see office calendars and queues');
}

/** Changing calendars (holidays, slot length, capacity): office managers. */
export function requireCalendarRole(user: SessionUser): void {
  if (!CALENDAR_ROLES.has(user.role)) throw forbidden('forbidden-role', 'only admins and managers change office calendars');
}

export const conflict = (code: string, message: string) => new HubProblem(409, code, message);
