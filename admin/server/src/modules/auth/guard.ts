import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubDb } from '../../db/database.js';
import { forbidden, unauthorised } from '../../http/problems.js';
import { SESSION_COOKIE, readCookie } from './cookie.js';
import { resolveSession } from './service.js';
import type { SessionPolicy, SessionUser } from './service.js';

/** The header the console sends on every state-changing call; a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'console';
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sec-Fetch-Site values a console call may carry (absent on non-browser clients). */
const ALLOWED_FETCH_SITES: ReadonlySet<string> = new Set(['same-origin', 'none']);

/** CSRF defence in depth: SameSite=Strict, plus the custom header, plus Sec-Fetch-Site. */
export async function requireCsrfHeader(request: FastifyRequest): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
    throw forbidden('csrf', `state-changing console calls must send the header ${CSRF_HEADER}: ${CSRF_HEADER_VALUE}`);
  }
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && !ALLOWED_FETCH_SITES.has(site)) {
    throw forbidden('csrf', 'cross-site console calls are refused');
  }
}

/**
 * Every staff API plugin starts with this: the CSRF checks on state-changing calls, and no-store on
 * every answer (they may hold personal data, which no browser or proxy cache may keep).
 */
export function protectStaffApi(app: FastifyInstance): void {
  app.addHook('onRequest', requireCsrfHeader);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
}

const users = new WeakMap<FastifyRequest, SessionUser>();

export function sessionIdOf(request: FastifyRequest): string | undefined {
  return readCookie(request.headers.cookie, SESSION_COOKIE);
}

/** A preHandler: 401 unless the request carries a live session. */
export function sessionGuard(db: HubDb, policy: SessionPolicy) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (users.has(request)) return; // already resolved by requireSessionOnStaffApi
    const user = await resolveSession(db, sessionIdOf(request), policy);
    if (user === null) throw unauthorised('sign in first: no valid session');
    users.set(request, user);
  };
}

export function currentUser(request: FastifyRequest): SessionUser {
  const user = users.get(request);
  if (user === undefined) throw new Error('route reached without sessionGuard');
  return user;
}

/** The only /api routes a visitor without a full session may call: signing in, and out. */
export const PUBLIC_STAFF_API_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/second-factor',
  'POST /api/auth/second-factor',
]);

/**
 * Deny by default: every route under /api (present and future, whichever module registers it)
 * needs a full session, checked before the body is even validated, so a visitor or a kiosk
 * learns nothing about a staff route but "sign in". Role checks stay in each module.
 */
export function requireSessionOnStaffApi(app: FastifyInstance, db: HubDb, policy: SessionPolicy): void {
  app.addHook('preValidation', async (request) => {
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/')) return;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (PUBLIC_STAFF_API_ROUTES.has(`${method} ${route}`)) return;
    const user = await resolveSession(db, sessionIdOf(request), policy);
    if (user === null) throw unauthorised('sign in first: no valid session');
    users.set(request, user);
  });
}
