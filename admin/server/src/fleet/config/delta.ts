import type { KioskConfig } from '@kiosk/shared';
import { canonicalJson } from '@kiosk/shared';

export interface ConfigDelta {
  readonly field: string;
  readonly desired: unknown;
  readonly reported: unknown;
}

/** Pure: the top-level fields where the reported configuration differs from the desired one. */
export function configDelta(desired: KioskConfig, reported: KioskConfig): ConfigDelta[] {
  const fields = Object.keys(desired) as Array<keyof KioskConfig>;
  return fields
    .filter((field) => canonicalJson(desired[field]) !== canonicalJson(reported[field]))
    .map((field) => ({ field, desired: desired[field], reported: reported[field] }));
}

/** Pure: the configuration a patch makes (each patched field replaced whole), not yet validated. */
export function patched(config: KioskConfig, patch: Partial<KioskConfig>): unknown {
  const result: Record<string, unknown> = { ...config };
  for (const [field, value] of Object.entries(patch)) if (value !== undefined) result[field] = value;
  return result;
}
