import type { TFunction } from 'i18next';
import type { Ring, RolloutTarget, RolloutView } from '@kiosk/shared';

/** Plain words for a rollout's parts, shared by the list and the confirmation dialog. */

export function describeTarget(target: RolloutTarget, t: TFunction): string {
  if (target.kind === 'site') return t('target.siteNamed', { name: target.site });
  if (target.kind === 'group') return t('target.groupNamed', { name: target.group });
  return t('target.all');
}

export function describeRing(ring: Ring, t: TFunction): string {
  return 'devices' in ring ? t('ring.devices', { count: ring.devices }) : t('ring.percent', { percent: ring.percent });
}

/** "maintenance: on, idleTimeoutSeconds: 120": field names translated, values as they are. */
export function describePatch(patch: RolloutView['configPatch'], t: TFunction): string {
  return Object.entries(patch)
    .map(([field, value]) => `${t(`field.${field}`)}: ${typeof value === 'boolean' ? (value ? t('value.on') : t('value.off')) : JSON.stringify(value)}`)
    .join(', ');
}
