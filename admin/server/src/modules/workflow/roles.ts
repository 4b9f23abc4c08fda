import type { SessionUser } from '../auth/service.js';
import { forbidden } from '../../http/problems.js';

/**
 * Who may do what in the workflow. Caseworkers and admins change cases; managers and analysts
 * read them (the console's read-only viewers); fleet operators handle kiosks, not cases. Only
 * admins manage Open311 API keys and read the audit log.
 */
export type StaffRole = SessionUser['role'];

export const CASE_WRITERS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'caseworker']);
export const CASE_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'caseworker', 'editor', 'viewer']);
export const KEY_ADMINS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin']);
export const AUDIT_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin']);

export function requireRole(user: SessionUser, allowed: ReadonlySet<StaffRole>, what: string): void {
  if (!allowed.has(user.role)) throw forbidden('role', `the ${user.role} role may not ${what}`);
}

/** Contact details and the citizen's own words are shown only to staff who handle cases. */
export function seesPersonalData(user: SessionUser): boolean {
  return CASE_WRITERS.has(user.role);
}
