import type { AppointmentsEffects } from '../../../flows/index';
import type { KioskClient } from '@kiosk/shared';

/** How many days ahead the day picker offers (the hub allows up to 31 per query). */
export const BOOKING_DAYS_AHEAD = 21;

/** Today in `timeZone` as YYYY-MM-DD, from this machine's clock. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The appointments journey's effects over the agent's KioskClient. */
export function appointmentsEffectsFrom(client: KioskClient): AppointmentsEffects {
  return {
    appointmentOffices: (locale) => client.call('appointments.offices', { locale }),
    appointmentSlots: ({ office, service, timeZone }) => {
      const from = todayIn(timeZone);
      return client.call('appointments.slots', { office, service, from, to: addDays(from, BOOKING_DAYS_AHEAD - 1) });
    },
    bookAppointment: (params) => client.call('appointments.book', params),
    checkInAppointment: (params) => client.call('appointments.checkIn', params),
    findAppointment: (params) => client.call('appointments.find', params),
    cancelAppointment: (params) => client.call('appointments.cancel', params),
    rescheduleAppointment: (params) => client.call('appointments.reschedule', params),
    walkInTurn: (params) => client.call('appointments.walkIn', params),
  };
}
