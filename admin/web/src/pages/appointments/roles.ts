import type { StaffRole } from '@kiosk/shared';

/** What the console offers each role; the hub enforces the same (modules/appointments/access.ts). */
export const canEditCalendars = (role: StaffRole) => role === 'admin' || role === 'editor';
export const canCallTurns = (role: StaffRole) => role === 'admin' || role === 'editor' || role === 'caseworker';
