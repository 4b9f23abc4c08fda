import { describe, expect, it } from 'vitest';
import { usageHeat } from '../src/fleet/analytics/usage-heat.js';

// The heat map's hour placing on its own: kiosk UTC hours into the municipality's local hours,
// across a daylight-saving change and in another Spanish zone; day-only counts kept apart.

const row = (day: string, hour: number, count: number, deviceId = 'k1') => ({ deviceId, day, hour, count });
const cells = (hours: readonly number[] | undefined) => hours?.flatMap((n, hour) => (n > 0 ? [[hour, n]] : []));

describe('usageHeat', () => {
  it('follows Madrid across the spring change (30 March 2025, 02:00 does not happen)', () => {
    const heat = usageHeat([row('2025-03-30', 0, 1), row('2025-03-30', 1, 2), row('2025-03-30', 2, 4)], '2025-03-30', '2025-03-30', 'Europe/Madrid');
    expect(cells(heat.get('k1')?.hours)).toEqual([
      [1, 1],
      [3, 2],
      [4, 4],
    ]);
  });

  it('uses the municipality zone it is given: the Canaries are an hour behind Madrid', () => {
    const rows = [row('2025-01-15', 9, 3)];
    expect(cells(usageHeat(rows, '2025-01-15', '2025-01-15', 'Atlantic/Canary').get('k1')?.hours)).toEqual([[9, 3]]);
    expect(cells(usageHeat(rows, '2025-01-15', '2025-01-15', 'Europe/Madrid').get('k1')?.hours)).toEqual([[10, 3]]);
  });

  it('keeps day-only counts (hour -1) apart, by their day, and leaves kiosks with nothing in range out', () => {
    const heat = usageHeat([row('2025-01-15', -1, 6), row('2025-01-16', -1, 1), row('2025-01-14', 23, 2, 'k2')], '2025-01-15', '2025-01-15', 'Europe/Madrid');
    expect(heat.get('k1')).toEqual({ hours: Array.from({ length: 24 }, () => 0), unknown: 6 });
    // 14 January 23:00Z is 00:00 on the 15th in Madrid: in range.
    expect(cells(heat.get('k2')?.hours)).toEqual([[0, 2]]);
    expect(usageHeat([row('2025-01-14', 22, 2)], '2025-01-15', '2025-01-15', 'Europe/Madrid').has('k1')).toBe(false);
  });
});
