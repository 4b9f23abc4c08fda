import { DEFAULT_KIOSK_CONFIG, mintReference } from '@kiosk/shared';
import { submission } from '../../helpers/kiosk.js';
import { CITIZEN_EMAIL } from '../principals.js';
import type { AuthzRule, BodyContext } from '../types.js';
import { testHeartbeat } from '../../helpers/heartbeat.js';

/**
 * Valid bodies for every POST/PUT/PATCH (issue 7): an allowed role gets 2xx, or what `expect`
 * documents; the usual documented answer is 404 for the made-up id the URL carries
 * (authz-unknown-...), which shows the call got past authorisation and body validation.
 */
const UNKNOWN_ID = [404];
const FAQ = { kind: 'faq', serviceCode: 'street-lighting', translations: { es: { question: '¿Cuándo arreglan la farola?', answer: 'En una semana.' } } };
const STATUSES = ['in-progress', 'planned', 'waiting-for-citizen'] as const;
let statusCalls = 0;
const nextStatus = () => ({ detailedStatus: STATUSES[statusCalls++ % STATUSES.length] });
/** A weekday 10:00 (office hours 09:00-14:00) two to eight days ahead, inside the booking horizon. */
function nextWeekdayMorning(): string {
  const day = new Date(Date.now() + 2 * 24 * 3_600_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return `${day.toISOString().slice(0, 10)}T10:00:00+01:00`;
}
const IN_A_YEAR = new Date(Date.now() + 365 * 24 * 3_600_000).toISOString();
/** A kiosk's own reference for its `sequence`-th receipt (the hub checks the issuer). */
const kioskCase = (sequence: number) => (context: BodyContext) => ({ ...submission(context.hub, sequence), localReference: mintReference(context.hub.kiosk.issuer, sequence).display });
const heartbeat = () => testHeartbeat();

/**
 * Every route the hub had when the matrix was written (issue 7), plus the console's own pages.
 * Public routes list only 'anonymous'. Add rules for new routes in a rules/<area>.ts of your own.
 */
export const RULES: readonly AuthzRule[] = [
  { method: 'GET', url: '/', allow: ['anonymous'] },
  {
    method: 'GET',
    url: '/api/analytics/kiosk-usage',
    allow: ['admin', 'editor', 'viewer', 'operator'],
    query: '?from=2025-01-01&to=2025-01-31',
  },
  { method: 'GET', url: '/api/api-keys', allow: ['admin'] },
  { method: 'POST', url: '/api/api-keys', allow: ['admin'], body: { label: 'authz matrix', channel: 'web' } },
  { method: 'DELETE', url: '/api/api-keys/:id', allow: ['admin'] },
  { method: 'POST', url: '/api/appointments/offices/:office/call-next', allow: ['admin', 'editor', 'caseworker'], body: { desk: '1' } },
  { method: 'POST', url: '/api/appointments/offices/:office/holidays', allow: ['admin', 'editor'], body: { day: '2031-01-02', name: 'Fiesta local' } },
  {
    method: 'PUT',
    url: '/api/appointments/offices/:office/hours',
    allow: ['admin', 'editor'],
    body: { hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '14:00' })) },
  },
  { method: 'GET', url: '/api/appointments/offices/:office/queue', allow: ['admin', 'caseworker', 'editor'] },
  { method: 'PUT', url: '/api/appointments/offices/:office/services/:service', allow: ['admin', 'editor'], body: { slotMinutes: 15, capacity: 2 } },
  {
    method: 'GET',
    url: '/api/appointments/today',
    allow: ['admin', 'editor', 'caseworker'],
    query: '?office=town-hall',
  },
  { method: 'GET', url: '/api/audit', allow: ['admin'] },
  { method: 'POST', url: '/api/auth/login', allow: ['anonymous'] },
  // Anyone may sign out (it ends only the caller's own session).
  { method: 'POST', url: '/api/auth/logout', allow: ['anonymous'] },
  { method: 'GET', url: '/api/auth/me', allow: ['admin', 'caseworker', 'editor', 'operator', 'viewer'] },
  // Only a pending (password-checked) session gets through: no plain principal does. See auth-second-factor.test.ts.
  { method: 'GET', url: '/api/auth/second-factor', allow: [] },
  { method: 'POST', url: '/api/auth/second-factor', allow: [], body: { code: '123456' } },
  { method: 'GET', url: '/api/cases', allow: ['admin', 'caseworker', 'editor', 'operator', 'viewer'] },
  { method: 'GET', url: '/api/content', allow: ['admin', 'caseworker', 'editor', 'operator', 'viewer'] },
  { method: 'POST', url: '/api/content', allow: ['admin', 'editor'], body: FAQ },
  { method: 'GET', url: '/api/content/:id', allow: ['admin', 'caseworker', 'editor', 'operator', 'viewer'] },
  { method: 'PUT', url: '/api/content/:id', allow: ['admin', 'editor'], body: { ...FAQ, version: 1 }, expect: UNKNOWN_ID },
  { method: 'POST', url: '/api/content/:id/publish', allow: ['admin', 'editor'], body: { version: 1 }, expect: UNKNOWN_ID },
  { method: 'POST', url: '/api/content/:id/unpublish', allow: ['admin', 'editor'], body: {}, expect: UNKNOWN_ID },
  { method: 'GET', url: '/api/content/:id/versions', allow: ['admin', 'caseworker', 'editor', 'operator', 'viewer'] },
  { method: 'GET', url: '/api/content/:id/versions/:version', allow: ['admin', 'caseworker', 'editor', 'operator', 'viewer'] },
  { method: 'GET', url: '/api/figures/sla', allow: ['admin', 'caseworker', 'editor', 'operator', 'viewer'] },
  { method: 'PUT', url: '/api/figures/sla/:serviceCode', allow: ['admin', 'editor'], body: { slaDays: 10 } },
  { method: 'GET', url: '/api/fleet/alerts/offline', allow: ['admin', 'operator'] },
  { method: 'GET', url: '/api/fleet/alerts/staff-calls', allow: ['admin', 'caseworker', 'editor', 'operator'] },
  { method: 'POST', url: '/api/fleet/alerts/staff-calls/:id/acknowledge', allow: ['admin', 'caseworker', 'editor', 'operator'], body: {}, expect: UNKNOWN_ID },
  { method: 'GET', url: '/api/fleet/dead-letters', allow: ['admin', 'operator'] },
  { method: 'GET', url: '/api/fleet/dead-letters/:id', allow: ['admin', 'operator'] },
  { method: 'PUT', url: '/api/fleet/dead-letters/:id/fix', allow: ['admin', 'operator'], body: { serviceCode: 'street-lighting' }, expect: UNKNOWN_ID },
  { method: 'POST', url: '/api/fleet/dead-letters/:id/resend', allow: ['admin', 'operator'], body: {}, expect: UNKNOWN_ID },
  { method: 'GET', url: '/api/fleet/devices', allow: ['admin', 'operator'] },
  { method: 'GET', url: '/api/fleet/devices/:id/config', allow: ['admin', 'operator'] },
  // If-Match names the version edited: 0 for a kiosk never configured (the seeded spare device).
  { method: 'PUT', url: '/api/fleet/devices/:id/config', allow: ['admin', 'operator'], body: DEFAULT_KIOSK_CONFIG, headers: { 'if-match': '"0"' }, expect: [412] },
  { method: 'POST', url: '/api/fleet/devices/:id/revoke', allow: ['admin'], body: {} },
  { method: 'GET', url: '/api/fleet/enrolments', allow: ['admin'] },
  // No kiosk shows this code: 404, counted as a wrong code (the limit is far away).
  { method: 'POST', url: '/api/fleet/enrolments/approve', allow: ['admin'], body: { code: '7KQ2-M9XD', label: 'authz kiosk', site: null, group: null }, expect: [404] },
  { method: 'POST', url: '/api/fleet/enrolments/reject', allow: ['admin'], body: { code: '7KQ2-M9XD' }, expect: [404] },
  { method: 'GET', url: '/api/fleet/jobs', allow: ['admin', 'operator'] },
  {
    method: 'POST',
    url: '/api/fleet/jobs',
    allow: ['admin', 'operator'],
    body: (context: BodyContext) => ({ type: 'maintenance-on', deviceIds: [context.seeded.deviceId] }),
  },
  { method: 'GET', url: '/api/fleet/jobs/:id', allow: ['admin', 'operator'] },
  { method: 'POST', url: '/api/fleet/jobs/:id/cancel', allow: ['admin', 'operator'], body: {}, expect: UNKNOWN_ID },
  { method: 'GET', url: '/api/fleet/jobs/:id/logs', allow: ['admin', 'operator'] },
  { method: 'POST', url: '/api/fleet/rollouts', allow: ['admin', 'operator'], body: { configPatch: { idleTimeoutSeconds: 120 }, target: { kind: 'all' } } },
  { method: 'GET', url: '/api/fleet/rollouts/:id', allow: ['admin', 'operator'] },
  { method: 'POST', url: '/api/fleet/rollouts/:id/abort', allow: ['admin', 'operator'], body: {}, expect: UNKNOWN_ID },
  { method: 'GET', url: '/api/forwarding', allow: ['admin'] },
  { method: 'PUT', url: '/api/forwarding', allow: ['admin'], body: { baseUrl: 'https://crm.example.org/open311/v2', jurisdictionId: null, apiKey: 'authz-crm-key', format: 'json', enabled: false } },
  { method: 'GET', url: '/api/forwarding/outbox', allow: ['admin'] },
  { method: 'GET', url: '/api/privacy/audit', allow: ['admin'] },
  // The seeded case and its citizen's e-mail: the export and the erase really run (the route table
  // lists the export first; after the erase the e-mail is gone, so an export then is a 404).
  { method: 'POST', url: '/api/privacy/erase', allow: ['admin'], body: (context: BodyContext) => ({ reference: context.seeded.reference, email: CITIZEN_EMAIL }) },
  { method: 'POST', url: '/api/privacy/export', allow: ['admin'], body: (context: BodyContext) => ({ reference: context.seeded.reference, email: CITIZEN_EMAIL }) },
  { method: 'GET', url: '/api/privacy/retention', allow: ['admin'] },
  { method: 'PUT', url: '/api/privacy/retention', allow: ['admin'], body: { closedCaseDays: 365 } },
  { method: 'GET', url: '/api/users', allow: ['admin'] },
  {
    method: 'POST',
    url: '/api/users',
    allow: ['admin'],
    body: { username: 'authz-created', role: 'viewer' },
  },
  {
    method: 'PATCH',
    url: '/api/users/:id',
    allow: ['admin'],
    body: { site: 'annex' },
  },
  { method: 'POST', url: '/api/users/:id/reset-password', allow: ['admin'], body: {} },
  { method: 'POST', url: '/api/users/:id/reset-second-factor', allow: ['admin'], body: {} },
  { method: 'GET', url: '/api/workflow/cases', allow: ['admin', 'caseworker', 'editor', 'viewer'] },
  { method: 'GET', url: '/api/workflow/cases/:id', allow: ['admin', 'caseworker', 'editor', 'viewer'] },
  { method: 'POST', url: '/api/workflow/cases/:id/assign', allow: ['admin', 'caseworker'], body: { assigneeId: null } },
  { method: 'POST', url: '/api/workflow/cases/:id/expected', allow: ['admin', 'caseworker'], body: { expectedAt: IN_A_YEAR } },
  // Into a case that does not exist: 404 (merging the only seeded case into itself would be a 400).
  { method: 'POST', url: '/api/workflow/cases/:id/merge', allow: ['admin', 'caseworker'], body: { into: '999999' }, expect: [404] },
  { method: 'POST', url: '/api/workflow/cases/:id/notes', allow: ['admin', 'caseworker'], body: { body: 'Revisado en la matriz de autorización.' } },
  // A different status on each call, so the second allowed role changes the case again rather than repeating it.
  { method: 'POST', url: '/api/workflow/cases/:id/status', allow: ['admin', 'caseworker'], body: nextStatus },
  { method: 'GET', url: '/api/workflow/staff', allow: ['admin', 'caseworker', 'editor', 'viewer'] },
  { method: 'GET', url: '/api/workflow/statuses', allow: ['admin', 'caseworker', 'editor', 'operator', 'viewer'] },
  { method: 'GET', url: '/figures', allow: ['anonymous'] },
  {
    method: 'POST',
    url: '/fleet/v1/analytics',
    allow: ['kiosk'],
    body: { batchId: 'authz-batch-0001', counts: [{ day: '2026-11-28', type: 'journey.started', journey: 'report', step: '', reason: '', locale: 'es', modes: '', detail: '', count: 1 }] },
  },
  {
    method: 'POST',
    url: '/fleet/v1/appointments',
    allow: ['kiosk'],
    body: () => ({ office: 'oac-centro', service: 'padron', start: nextWeekdayMorning(), name: 'Persona de prueba', idDocument: { kind: 'dni', number: '12345678Z' } }),
  },
  // The :reference is the seeded case's, not an appointment: not found.
  { method: 'POST', url: '/fleet/v1/appointments/:reference/cancel', allow: ['kiosk'], body: { idDocumentNumber: '12345678Z' }, expect: [404] },
  { method: 'POST', url: '/fleet/v1/appointments/:reference/lookup', allow: ['kiosk'], body: { idDocumentNumber: '12345678Z' }, expect: [404] },
  {
    method: 'POST',
    url: '/fleet/v1/appointments/:reference/reschedule',
    allow: ['kiosk'],
    body: { idDocumentNumber: '12345678Z', start: '2031-01-06T09:00:00+01:00' },
    expect: [404],
  },
  { method: 'POST', url: '/fleet/v1/appointments/check-in', allow: ['kiosk'], body: { office: 'oac-centro', code: { kind: 'id-document', number: '00000000T' } }, expect: [404] },
  { method: 'GET', url: '/fleet/v1/appointments/offices', allow: ['kiosk'] },
  { method: 'GET', url: '/fleet/v1/appointments/slots', allow: ['kiosk'] },
  { method: 'GET', url: '/fleet/v1/appointments/turns/:turnId', allow: ['kiosk'] },
  { method: 'POST', url: '/fleet/v1/appointments/walk-in', allow: ['kiosk'], body: { office: 'oac-centro', service: 'padron' }, expect: [409] },
  { method: 'GET', url: '/fleet/v1/catalog', allow: ['kiosk'] },
  { method: 'GET', url: '/fleet/v1/config', allow: ['kiosk'] },
  { method: 'GET', url: '/fleet/v1/content/bundle', allow: ['kiosk'] },
  { method: 'GET', url: '/fleet/v1/content/files/:sha256', allow: ['kiosk'] },
  { method: 'GET', url: '/fleet/v1/content/public-key', allow: ['kiosk'] },
  { method: 'GET', url: '/fleet/v1/content/search', allow: ['kiosk'] },
  {
    method: 'POST',
    url: '/fleet/v1/dead-letters',
    allow: ['kiosk'],
    body: (context: BodyContext) => ({ outboxId: 90, idempotencyKey: 'authz-dead-0090', statusCode: 422, error: 'hub refused (422)', deadAt: '2025-03-01T10:00:00Z', submission: kioskCase(90)(context) }),
  },
  { method: 'POST', url: '/fleet/v1/dead-letters/:id/applied', allow: ['kiosk'], body: { fixId: 'fix_authz', idempotencyKey: 'authz-fix-0001' }, expect: [404] },
  { method: 'GET', url: '/fleet/v1/dead-letters/fixes', allow: ['kiosk'] },
  { method: 'GET', url: '/fleet/v1/doorbell', allow: ['kiosk'] },
  { method: 'POST', url: '/fleet/v1/enrolments', allow: ['anonymous'] },
  // A new kiosk polls with its enrolment poll token, not a device credential.
  { method: 'GET', url: '/fleet/v1/enrolments/:id', allow: ['anonymous'] },
  { method: 'GET', url: '/fleet/v1/figures', allow: ['kiosk'] },
  { method: 'GET', url: '/fleet/v1/follow-up/:idOrReference', allow: ['kiosk'] },
  { method: 'POST', url: '/fleet/v1/heartbeat', allow: ['kiosk'], body: heartbeat },
  { method: 'GET', url: '/fleet/v1/jobs', allow: ['kiosk'] },
  { method: 'POST', url: '/fleet/v1/jobs/:id/logs', allow: ['kiosk'], body: { lines: ['authz log line'] }, expect: UNKNOWN_ID },
  { method: 'POST', url: '/fleet/v1/jobs/:id/state', allow: ['kiosk'], body: { state: 'in-progress' }, expect: UNKNOWN_ID },
  { method: 'POST', url: '/fleet/v1/requests', allow: ['kiosk'], body: kioskCase(91), headers: { 'idempotency-key': 'authz-case-0091' } },
  {
    method: 'POST',
    url: '/fleet/v1/requests/batch',
    allow: ['kiosk'],
    body: (context: BodyContext) => ({ items: [{ idempotencyKey: 'authz-case-0092', submission: kioskCase(92)(context) }] }),
  },
  { method: 'POST', url: '/fleet/v1/staff-calls', allow: ['kiosk'], body: { callId: 'authz-call-0001', screen: 'describing', calledAt: '2025-03-01T10:00:00Z' } },
  { method: 'GET', url: '/healthz', allow: ['anonymous'] },
  { method: 'GET', url: '/open311/v2/discovery.:format', allow: ['anonymous'] },
  { method: 'GET', url: '/open311/v2/requests.:format', allow: ['anonymous'] },
  { method: 'POST', url: '/open311/v2/requests.:format', allow: ['anonymous'] },
  { method: 'GET', url: '/open311/v2/requests/:file', allow: ['anonymous'] },
  { method: 'GET', url: '/open311/v2/servicerequestupdates.:format', allow: ['anonymous'] },
  { method: 'POST', url: '/open311/v2/servicerequestupdates.:format', allow: ['anonymous'] },
  { method: 'GET', url: '/open311/v2/services.:format', allow: ['anonymous'] },
  { method: 'GET', url: '/open311/v2/services/:file', allow: ['anonymous'] },
  { method: 'GET', url: '/open311/v2/tokens/:file', allow: ['anonymous'] },
  { method: 'GET', url: '/openapi.json', allow: ['anonymous'] },
  { method: 'POST', url: '/public/v1/appointments', allow: ['anonymous'] },
  { method: 'GET', url: '/public/v1/appointments/:reference/calendar.ics', allow: ['anonymous'] },
  { method: 'POST', url: '/public/v1/appointments/:reference/cancel', allow: ['anonymous'] },
  { method: 'POST', url: '/public/v1/appointments/:reference/reschedule', allow: ['anonymous'] },
  { method: 'GET', url: '/public/v1/appointments/offices', allow: ['anonymous'] },
  { method: 'GET', url: '/public/v1/appointments/slots', allow: ['anonymous'] },
  { method: 'GET', url: '/public/v1/appointments/turns/:turnId', allow: ['anonymous'] },
  { method: 'GET', url: '/public/v1/faq/search', allow: ['anonymous'] },
  { method: 'GET', url: '/public/v1/figures', allow: ['anonymous'] },
  { method: 'GET', url: '/status/:reference', allow: ['anonymous'] },
  // The console's single-page app: index.html for every address under /console (it signs in through the API).
  { method: 'GET', url: '/console', allow: ['anonymous'] },
  { method: 'GET', url: '/console/', allow: ['anonymous'] },
  { method: 'GET', url: '/console/*', allow: ['anonymous'] },
];
