// Rules for the routes the console's fleet views added (format: ../README.md, written with the matrix test).
// Read-only health and counts, no citizen data: admins, kiosk operators and read-only viewers.
const FLEET_VIEWERS = ['admin', 'operator', 'viewer'] as const;

export const RULES = [
  { method: 'GET', url: '/api/fleet/overview', allow: FLEET_VIEWERS },
  { method: 'GET', url: '/api/fleet/devices/:id/health', allow: FLEET_VIEWERS },
] as const;
