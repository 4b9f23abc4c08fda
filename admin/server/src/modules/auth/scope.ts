import { forbidden } from '../../http/problems.js';
import type { SessionUser } from './service.js';

/**
 * The site a user's lists are limited to, or null for every site of the tenant. Modules with
 * per-site data (kiosks, their jobs, dead letters, configuration, rollouts, alerts) filter by it;
 * the tenant limit applies anyway.
 */
export function siteScopeOf(user: SessionUser): string | null {
  return user.siteId ?? null;
}

/**
 * Whether something at `site` (a kiosk's site; null = no site) is within the user's reach. A
 * scoped user reaches only their own site; a kiosk without a site belongs to nobody's site.
 * Callers answer 404 when it is not, as for another tenant's thing: a 403 would confirm it exists.
 */
export function withinSiteScope(user: SessionUser, site: string | null): boolean {
  const scope = siteScopeOf(user);
  return scope === null || site === scope;
}

/**
 * The site a new thing (an enrolled kiosk, an alert rule) gets when the user names `requested`:
 * a scoped user's own site (also when they name none), and naming another site is forbidden
 * (the user chose it; nothing is revealed by refusing it).
 */
export function siteForNew(user: SessionUser, requested: string | null, what: string): string | null {
  const scope = siteScopeOf(user);
  if (scope === null) return requested;
  if (requested !== null && requested !== scope) throw forbidden('site-scope', `your account may only ${what} for site ${scope}`);
  return scope;
}
