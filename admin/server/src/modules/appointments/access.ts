import { HubProblem, forbidden } from '../../http/problems.js';
import type { SessionUser } from '../auth/service.js';

/** Who may do what with appointments in the console, and the module's refusals. */

const DESK_ROLES: ReadonlySet<string> = new Set(['admin', 'manager', 'caseworker']);
const CALENDAR_ROLES: ReadonlySet<string> = new Set(['admin', 'manager']);

/** Seeing today's bookings (names, masked documents) and calling turns: counter staff. */
export function requireDeskRole(user: SessionUser): void {
  if (!DESK_ROLES.has(user.role)) throw forbidden('forbidden-role', 'only admins, managers and caseworkers handle appointments and turns');
}

/** Changing calendars (holidays, slot length, capacity): office managers. */
export function requireCalendarRole(user: SessionUser): void {
  if (!CALENDAR_ROLES.has(user.role)) throw forbidden('forbidden-role', 'only admins and managers change office calendars');
}

export const conflict = (code: string, message: string) => new HubProblem(409, code, message);
