import { describe, expect, it } from 'vitest';
import { OpeningHoursSchema, type OpeningHours } from '@kiosk/shared';
import { openingStatus } from '../../src/flows/index.js';

// Opening hours are read in the kiosk's time zone, not the machine's: these instants are UTC and
// the hours Madrid's (UTC+1 in winter, UTC+2 in summer).

const WEEKDAYS_9_TO_14 = [{ from: '09:00', to: '14:00' }];
const MADRID: OpeningHours = OpeningHoursSchema.parse({
  timeZone: 'Europe/Madrid',
  week: { mon: WEEKDAYS_9_TO_14, tue: WEEKDAYS_9_TO_14, wed: [{ from: '09:00', to: '14:00' }, { from: '16:00', to: '18:30' }], thu: WEEKDAYS_9_TO_14, fri: WEEKDAYS_9_TO_14, sat: [], sun: [] },
});

describe('openingStatus', () => {
  it('is always open without hours', () => {
    expect(openingStatus(null, new Date('2026-11-29T03:00:00Z'))).toEqual({ open: true });
  });

  it('opens and closes on the minute, in the kiosk time zone', () => {
    // Monday 30 November 2026: 08:59 and 09:00 in Madrid are 07:59 and 08:00 UTC.
    expect(openingStatus(MADRID, new Date('2026-11-30T07:59:00Z'))).toEqual({ open: false, next: { weekday: 'mon', time: '09:00', daysAhead: 0 } });
    expect(openingStatus(MADRID, new Date('2026-11-30T08:00:00Z'))).toEqual({ open: true });
    expect(openingStatus(MADRID, new Date('2026-11-30T12:59:00Z'))).toEqual({ open: true });
    expect(openingStatus(MADRID, new Date('2026-11-30T13:00:00Z'))).toEqual({ open: false, next: { weekday: 'tue', time: '09:00', daysAhead: 1 } });
  });

  it('finds the afternoon interval of a split day, and summer time', () => {
    // Wednesday 1 July 2026, 15:00 in Madrid (UTC+2) = 13:00 UTC: closed until 16:00.
    expect(openingStatus(MADRID, new Date('2026-07-01T13:00:00Z'))).toEqual({ open: false, next: { weekday: 'wed', time: '16:00', daysAhead: 0 } });
    expect(openingStatus(MADRID, new Date('2026-07-01T14:00:00Z'))).toEqual({ open: true });
  });

  it('skips closed days: on Friday evening it opens again on Monday', () => {
    // Friday 27 November 2026, 20:00 in Madrid.
    expect(openingStatus(MADRID, new Date('2026-11-27T19:00:00Z'))).toEqual({ open: false, next: { weekday: 'mon', time: '09:00', daysAhead: 3 } });
  });

  it('a day that is local Saturday while UTC is still Friday counts as Saturday', () => {
    // 23:30 UTC Friday = 00:30 Saturday in Madrid: closed, opens Monday.
    expect(openingStatus(MADRID, new Date('2026-11-27T23:30:00Z'))).toEqual({ open: false, next: { weekday: 'mon', time: '09:00', daysAhead: 2 } });
  });

  it('a week without any interval says closed with no next opening', () => {
    const never = OpeningHoursSchema.parse({ timeZone: 'Atlantic/Canary', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(openingStatus(never, new Date('2026-11-30T10:00:00Z'))).toEqual({ open: false, next: null });
  });

  it('only Sunday open: on Sunday after closing the next opening is a week ahead', () => {
    const sundays = OpeningHoursSchema.parse({ timeZone: 'UTC', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ from: '10:00', to: '12:00' }] } });
    expect(openingStatus(sundays, new Date('2026-11-29T13:00:00Z'))).toEqual({ open: false, next: { weekday: 'sun', time: '10:00', daysAhead: 7 } });
  });
});
