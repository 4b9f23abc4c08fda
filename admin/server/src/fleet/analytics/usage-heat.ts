import { wallClockOf } from '../../modules/appointments/zoned-time.js';
import type { StartedHourRow } from './figures-repository.js';
import { UNKNOWN_HOUR } from './tables.js';

/**
 * The heat map of kiosk use (issue 7): journeys started per kiosk and hour of the day in the
 * municipality's local time, over the local days `from`..`to`. Kiosks count in UTC hours; each is
 * placed in the local hour its start falls in (whole-hour offsets, as every Spanish zone has, map
 * one to one). Day-only counts from older agents have no hour: they go to `unknown`, kept when
 * their (kiosk) day is in the range, like the other kiosk figures.
 */

export interface KioskHeat {
  /** 24 counts, index = local hour. */
  readonly hours: number[];
  readonly unknown: number;
}

const HOUR_MS = 60 * 60 * 1000;

type Heat = { hours: number[]; unknown: number };

export const emptyHeat = (): Heat => ({ hours: Array.from({ length: 24 }, () => 0), unknown: 0 });

export function usageHeat(rows: readonly StartedHourRow[], from: string, to: string, timeZone: string): Map<string, KioskHeat> {
  const byKiosk = new Map<string, Heat>();
  for (const row of rows) {
    const heat = byKiosk.get(row.deviceId) ?? emptyHeat();
    if (row.hour === UNKNOWN_HOUR) {
      if (row.day < from || row.day > to) continue;
      heat.unknown += row.count;
    } else {
      const local = wallClockOf(Date.parse(`${row.day}T00:00:00Z`) + row.hour * HOUR_MS, timeZone);
      if (local.day < from || local.day > to) continue;
      const hour = Math.floor(local.minutes / 60);
      heat.hours[hour] = (heat.hours[hour] ?? 0) + row.count;
    }
    byKiosk.set(row.deviceId, heat);
  }
  return byKiosk;
}
