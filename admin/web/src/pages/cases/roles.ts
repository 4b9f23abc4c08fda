import type { StaffRole } from '@kiosk/shared';

/** The hub's rule (modules/workflow/roles.ts): who reads cases and who changes them. The hub enforces it; the console only hides dead ends. */
export const CASE_READERS: readonly StaffRole[] = ['admin', 'caseworker', 'editor', 'viewer'];
export const CASE_WRITERS: readonly StaffRole[] = ['admin', 'caseworker'];
