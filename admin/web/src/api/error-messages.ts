import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldProblem, ValidationRule } from '@kiosk/shared';
import { ApiError } from './client';

/**
 * The hub's refusals in the staff member's language. The hub answers `{ error: { code, message } }`
 * with an English message for operators; staff read a sentence from the 'errors' namespace instead:
 * one per problem code below (what happened and what to do next), else one per status class, with
 * the code appended when it is not in this table so support can find it. Never render
 * `error.message` to staff (admin/web/test/no-raw-error-text.test.ts scans the console for it).
 */

/** Problem codes the console can receive from the hub that have their own sentence. */
export const PROBLEM_CODES = [
  // Sign-in, session, roles
  'wrong-code',
  'too-many-attempts',
  'enrolment-not-started',
  'csrf',
  'role',
  'forbidden-role',
  'forbidden',
  'site-scope',
  // Users
  'username-taken',
  'last-admin',
  // Content and catalog
  'version-conflict',
  'version-required',
  'invalid-if-match',
  'if-match-required',
  'kind-immutable',
  'default-locale-missing',
  'unknown-content',
  'unknown-version',
  'unknown-service',
  'unknown-group',
  // Cases, forwarding, API keys, personal data
  'case-merged',
  'target-merged',
  'merge-into-itself',
  'no-change',
  'invalid-assignee',
  'unknown-request',
  'label-taken',
  'unknown-api-key',
  'api-key-missing',
  'no-match',
  // Appointments and turns
  'slot-full',
  'slot-busy',
  'slot-in-past',
  'slot-too-far',
  'not-a-slot',
  'invalid-id-document',
  'invalid-date',
  'invalid-date-range',
  'invalid-range',
  'unknown-office',
  'unknown-desk',
  'unknown-holiday',
  'unknown-turn',
  'unknown-appointment',
  'appointment-changed',
  'appointment-cancelled',
  'appointment-already-used',
  'appointment-wrong-office',
  'appointment-too-early',
  'appointment-expired',
  'invalid-code',
  // Fleet: kiosks, jobs, enrolment, dead letters
  'device-not-found',
  'unknown-device',
  'no-devices',
  'job-not-cancellable',
  'invalid-transition',
  'code-used',
  'code-expired',
  'unknown-enrolment',
  'unknown-dead-letter',
  'already-resent',
  // Rollouts
  'rollout-not-found',
  'rollout-finished',
  'rollout-changed',
  'content-rollout-running',
  'nothing-to-roll-out',
  'nothing-to-hold',
  // Alerts
  'alert-not-found',
  'alert-rule-not-found',
  'alert-changed',
  'alert-acknowledged',
  'alert-resolved',
  'webhook-not-found',
  'webhook-secret-missing',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * Codes the hub can answer for which the sentence of their status class is enough, each with why.
 * They get no "(code: …)" suffix either: the status sentence says all the staff member can act on.
 */
export const GENERIC_ENOUGH: Readonly<Record<string, string>> = {
  invalid: 'request validation (400): the 400 sentence, with the field paths the hub names',
  internal: 'any unexpected failure (500): the 5xx sentence',
  unauthorised: 'no or expired session (401): the 401 sentence; the sign-in page says "wrong password" itself',
  'not-found': 'unknown route, user, job or screenshot (404): the 404 sentence',
  'rate-limited': 'kiosk enrolment polling (429): the 429 sentence',
  'openapi-unavailable': 'a hub start-up fault (503): the 5xx sentence',
  // Kiosk (fleet protocol) only: a kiosk receives these, the console never does.
  'version-mismatch': 'kiosk protocol version',
  'idempotency-key-missing': 'kiosk submissions',
  'idempotency-key-reused': 'kiosk submissions',
  'in-flight': 'kiosk submissions',
  'duplicate-reference': 'kiosk submissions',
  'invalid-attribute': 'kiosk submissions',
  'unknown-landmark': 'kiosk submissions',
  'stale-fix': 'kiosk dead-letter resends',
  'not-png': 'kiosk screenshot upload',
  'unsupported-media-type': 'kiosk screenshot upload',
  'unknown-file': 'kiosk content download',
  'upgrade-required': 'kiosk doorbell WebSocket',
  'walk-in-not-offered': 'kiosk walk-in turns (the kiosk explains it to the citizen)',
  // Open311 only (it renders its own translated errors).
  'unknown-token': 'Open311 tokens',
  'jurisdiction-required': 'Open311 jurisdiction_id',
  'unknown-jurisdiction': 'Open311 jurisdiction_id',
  'api-key-invalid': 'Open311 api_key',
};

/** What errorText needs: an ApiError, or the `{ code, message }` of one item of a bulk answer. */
export interface ProblemLike {
  readonly status?: number;
  readonly code: string;
}

const isProblemCode = (code: string): code is ProblemCode => (PROBLEM_CODES as readonly string[]).includes(code);

/** The sentence of a status class (0 is "no connection": the console could not reach the hub). */
export function statusKey(status: number | undefined): string {
  if (status === undefined) return 'status.other';
  if (status === 0) return 'status.0';
  if (status === 400 || status === 422) return 'status.400';
  if (status === 401) return 'status.401';
  if (status === 403) return 'status.403';
  if (status === 404 || status === 410) return 'status.404';
  if (status === 409 || status === 412 || status === 428) return 'status.409';
  if (status === 413 || status === 415) return 'status.413';
  if (status === 429) return 'status.429';
  if (status >= 500) return 'status.5xx';
  return 'status.other';
}

/** Field paths named by a request validation message ("body.email: …; query.from: …"), never its prose. */
export function fieldPaths(message: string): string[] {
  return [...message.matchAll(/(?:^|; )((?:body|querystring|query|params|headers)(?:\.[\w-]+)*): /g)].map((match) => match[1] ?? '');
}

const COUNTED_RULES: ReadonlySet<ValidationRule> = new Set(['too-short', 'too-long', 'too-small', 'too-large', 'too-few', 'too-many']);

/** "site: at most 100 characters": the field without its request part, and the rule in words. */
function fieldRuleText(t: TFunction, { field, rule, limit }: FieldProblem): string {
  const name = field.replace(/^(?:body|querystring|query|params|headers)\.?/, '') || field;
  const counted = COUNTED_RULES.has(rule) && limit !== undefined;
  const reason = counted ? t(`rule.${rule}`, { ns: 'errors', count: limit }) : t(`rule.${COUNTED_RULES.has(rule) ? 'invalid' : rule}`, { ns: 'errors' });
  return `${name}: ${reason}`;
}

function asProblem(error: unknown): (ProblemLike & { message?: string }) | null {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string') {
    const { code, message, status } = error as { code: string; message?: unknown; status?: unknown };
    return { code, status: typeof status === 'number' ? status : undefined, message: typeof message === 'string' ? message : undefined };
  }
  return null;
}

/** One sentence in the console's current language for a failure of a hub call. */
export function errorText(t: TFunction, error: unknown): string {
  const problem = asProblem(error);
  if (problem === null) return t('unexpected', { ns: 'errors' });
  const { code, status } = problem;
  if (code === 'network') return t('status.0', { ns: 'errors' });
  if (isProblemCode(code)) return t(`code.${code}`, { ns: 'errors' });
  const generic = t(statusKey(status), { ns: 'errors' });
  if (code === 'invalid') {
    const rules = problem instanceof ApiError ? problem.problems : [];
    if (rules.length > 0) return t('withFields', { ns: 'errors', text: generic, fields: rules.map((rule) => fieldRuleText(t, rule)).join('; ') });
    // An older hub names only the fields, in English prose: keep the paths, never the prose.
    const fields = fieldPaths(problem.message ?? '');
    return fields.length === 0 ? generic : t('withFields', { ns: 'errors', text: generic, fields: fields.join(', ') });
  }
  if (code in GENERIC_ENOUGH) return generic;
  return t('withCode', { ns: 'errors', text: generic, code });
}

/** errorText bound to the console's current language, for components. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation('errors');
  return (error: unknown) => errorText(t, error);
}
