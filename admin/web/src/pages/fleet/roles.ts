import type { StaffRole } from '@kiosk/shared';

/**
 * What each role may do in the fleet pages, mirroring the hub's own checks (fleet/jobs, enrolment,
 * dead-letters, config): the console hides controls that would only earn a 403.
 */
const OPERATORS: readonly StaffRole[] = ['admin', 'operator'];

/** Queue and cancel jobs, read configuration, jobs and dead letters. */
export const canOperate = (role: StaffRole) => OPERATORS.includes(role);
/** Approve or reject new kiosks, revoke kiosks, ask for screenshots. */
export const isAdmin = (role: StaffRole) => role === 'admin';
