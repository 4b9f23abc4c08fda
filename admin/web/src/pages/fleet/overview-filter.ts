import type { FleetKiosk, KioskStatusName, KioskStatusReason } from '@kiosk/shared';

/** The overview's filters; '' means "any". */
export interface OverviewFilter {
  readonly site: string;
  readonly status: KioskStatusName | '';
  readonly reason: KioskStatusReason | '';
  readonly search: string;
}

export const NO_FILTER: OverviewFilter = { site: '', status: '', reason: '', search: '' };

/** Kiosks without a site are grouped (and filtered) under this key. */
export const NO_SITE = '\u0000none';

export const siteKey = (kiosk: FleetKiosk) => kiosk.site ?? NO_SITE;

/** Pure: the kiosks that pass every filter; the search matches the label or id, any case. */
export function filterKiosks(kiosks: readonly FleetKiosk[], filter: OverviewFilter): FleetKiosk[] {
  const needle = filter.search.trim().toLocaleLowerCase();
  return kiosks.filter(
    (kiosk) =>
      (filter.site === '' || siteKey(kiosk) === filter.site) &&
      (filter.status === '' || kiosk.status === filter.status) &&
      (filter.reason === '' || kiosk.reasons.includes(filter.reason)) &&
      (needle === '' || kiosk.label.toLocaleLowerCase().includes(needle) || kiosk.id.toLocaleLowerCase().includes(needle)),
  );
}

/** Pure: kiosks grouped by site, sites in name order with "no site" last. */
export function groupBySite(kiosks: readonly FleetKiosk[]): Array<{ site: string; kiosks: FleetKiosk[] }> {
  const groups = new Map<string, FleetKiosk[]>();
  for (const kiosk of kiosks) groups.set(siteKey(kiosk), [...(groups.get(siteKey(kiosk)) ?? []), kiosk]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === NO_SITE ? 1 : b === NO_SITE ? -1 : a.localeCompare(b)))
    .map(([site, list]) => ({ site, kiosks: list }));
}

/** Distinct sites and groups of the fleet, for the filters and the job target pickers. */
export function sitesOf(kiosks: readonly FleetKiosk[]): string[] {
  return [...new Set(kiosks.map((k) => k.site).filter((s): s is string => s !== null))].sort((a, b) => a.localeCompare(b));
}

export function groupsOf(kiosks: readonly FleetKiosk[]): string[] {
  return [...new Set(kiosks.map((k) => k.group).filter((g): g is string => g !== null))].sort((a, b) => a.localeCompare(b));
}
