import { addDays, clockMinutes, daysBetween, isoWeekday, localToUtc } from './zoned-time.js';

/** Free-slot arithmetic (pure): which appointment slots a service offers on which days. */

export interface OpeningInterval {
  /** ISO weekday, 1 = Monday. */
  readonly weekday: number;
  readonly opensAt: string;
  readonly closesAt: string;
}

export interface SlotRules {
  readonly timeZone: string;
  readonly slotMinutes: number;
  readonly openingHours: readonly OpeningInterval[];
  /** Days (`YYYY-MM-DD`, office time) the office is closed. */
  readonly holidays: ReadonlySet<string>;
}

export interface Slot {
  readonly start: Date;
  readonly end: Date;
  readonly localDay: string;
}

/** Slots of one day, in time order. A slot whose wall-clock start falls in a DST gap is left out. */
export function slotsOfDay(rules: SlotRules, day: string): Slot[] {
  if (rules.holidays.has(day) || rules.slotMinutes <= 0) return [];
  const weekday = isoWeekday(day);
  const slots: Slot[] = [];
  for (const interval of rules.openingHours) {
    if (interval.weekday !== weekday) continue;
    const opens = clockMinutes(interval.opensAt);
    const closes = clockMinutes(interval.closesAt);
    if (opens === null || closes === null) continue;
    for (let minute = opens; minute + rules.slotMinutes <= closes; minute += rules.slotMinutes) {
      const start = localToUtc(day, minute, rules.timeZone);
      // The end is start + length in real time, so a slot never shrinks or stretches across DST.
      if (start !== null) slots.push({ start, end: new Date(start.getTime() + rules.slotMinutes * 60_000), localDay: day });
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Slots from `fromDay` to `toDay` inclusive. */
export function slotsBetween(rules: SlotRules, fromDay: string, toDay: string): Slot[] {
  const slots: Slot[] = [];
  for (let offset = 0; offset <= daysBetween(fromDay, toDay); offset += 1) slots.push(...slotsOfDay(rules, addDays(fromDay, offset)));
  return slots;
}
