import type { StaffRole } from '@kiosk/shared';

/** Mirrors the hub (fleet/alerts/access.ts): viewers read, operators and admins change. */
export const canEditAlerts = (role: StaffRole) => role === 'admin' || role === 'operator';
