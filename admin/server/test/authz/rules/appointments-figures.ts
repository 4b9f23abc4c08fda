// Rules for the routes the console's appointments and figures pages added (format: ../README.md,
// written with the matrix test). The day board and settings hold no names or documents, so
// viewers read them; editors change calendars; counter staff call turns (existing route).
const BOARD_READERS = ['admin', 'editor', 'caseworker', 'viewer'] as const;
const CALENDAR_EDITORS = ['admin', 'editor'] as const;
/** Kiosk usage figures: the people who run the service, not caseworkers. */
const FIGURE_READERS = ['admin', 'editor', 'operator', 'viewer'] as const;

export const RULES = [
  { method: 'GET', url: '/api/appointments/offices', allow: BOARD_READERS },
  { method: 'GET', url: '/api/appointments/offices/:office/settings', allow: BOARD_READERS },
  { method: 'GET', url: '/api/appointments/offices/:office/day', allow: BOARD_READERS },
  { method: 'DELETE', url: '/api/appointments/offices/:office/holidays/:day', allow: CALENDAR_EDITORS },
  { method: 'PUT', url: '/api/appointments/offices/:office/desks/:desk', allow: CALENDAR_EDITORS, body: { label: 'Mesa 1', active: true } },
  // A valid range, so a refusal can only come from the role check.
  { method: 'GET', url: '/api/figures/console', allow: FIGURE_READERS, query: '?from=2026-11-01&to=2026-11-28' },
  { method: 'GET', url: '/api/figures/export/:table', allow: FIGURE_READERS, query: '?from=2026-11-01&to=2026-11-28' },
] as const;
