// Rules for the routes of the console's alerts and rollouts areas (format: ../README.md).
// Operators and admins change alert rules and the webhook and acknowledge alerts; viewers read
// the inbox, the rules and the delivery log. Rollouts stay with operators and admins, like the
// existing rollout routes.
const ALERT_READERS = ['admin', 'operator', 'viewer'] as const;
const ALERT_EDITORS = ['admin', 'operator'] as const;
const ROLLOUT_ROLES = ['admin', 'operator'] as const;

const RULE = { name: 'Paper low for half an hour', condition: 'paper-low', minutes: 30 };
const WEBHOOK = { url: 'https://alerts.example.org/kiosk', secret: 'authz-matrix-secret-0001' };

export const RULES = [
  { method: 'GET', url: '/api/fleet/alerts', allow: ALERT_READERS },
  // Made-up ids in the URL: 404 once past authorisation (documented answer, issue 7).
  { method: 'POST', url: '/api/fleet/alerts/:id/acknowledge', allow: ALERT_EDITORS, body: {}, expect: [404] },
  { method: 'GET', url: '/api/fleet/alert-rules', allow: ALERT_READERS },
  { method: 'POST', url: '/api/fleet/alert-rules', allow: ALERT_EDITORS, body: RULE },
  { method: 'PUT', url: '/api/fleet/alert-rules/:id', allow: ALERT_EDITORS, body: RULE, expect: [404] },
  { method: 'DELETE', url: '/api/fleet/alert-rules/:id', allow: ALERT_EDITORS },
  { method: 'GET', url: '/api/fleet/alert-webhook', allow: ALERT_READERS },
  { method: 'PUT', url: '/api/fleet/alert-webhook', allow: ALERT_EDITORS, body: WEBHOOK },
  { method: 'DELETE', url: '/api/fleet/alert-webhook', allow: ALERT_EDITORS },
  { method: 'GET', url: '/api/fleet/alert-webhook/deliveries', allow: ALERT_READERS },
  { method: 'GET', url: '/api/fleet/rollouts', allow: ROLLOUT_ROLES },
] as const;
