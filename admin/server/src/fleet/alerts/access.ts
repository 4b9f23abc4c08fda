import type { StaffRole } from '../../modules/workflow/roles.js';

/** Operators and admins change alert rules, the webhook and acknowledge alerts... */
export const ALERT_EDITORS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'operator']);
/** ...viewers (managers) read the inbox, the rules and the delivery log. */
export const ALERT_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'operator', 'viewer']);
