import type { KioskConfig } from '@kiosk/shared';
import type { KioskHandlers } from './dispatch.js';

/**
 * The services this kiosk offers, from its applied configuration ('all' or a list of codes). The
 * agent filters here, once, so every journey (filing, appointments, walk-in turns, figures) sees
 * the same list whatever the screen asks.
 */
export type ConfiguredServices = () => KioskConfig['services'];

export function isOffered(services: KioskConfig['services'], code: string): boolean {
  return services === 'all' || services.includes(code);
}

type AppointmentOffices = Pick<KioskHandlers, 'appointments.offices' | 'appointments.slots' | 'appointments.book' | 'appointments.walkIn'>;

/**
 * Wraps the appointment handlers: offices list only offered services (an office left with none is
 * dropped), and slots, bookings and walk-in turns for a service this kiosk does not offer are
 * refused as the hub would refuse an unknown service.
 */
export function limitAppointmentsToServices<H extends AppointmentOffices>(handlers: H, services: ConfiguredServices): H {
  return {
    ...handlers,
    'appointments.offices': async (params) => {
      const answer = await handlers['appointments.offices'](params);
      if (!answer.ok) return answer;
      const offered = services();
      const offices = answer.offices
        .map((office) => ({ ...office, services: office.services.filter((service) => isOffered(offered, service.code)) }))
        .filter((office) => office.services.length > 0);
      return { ...answer, offices, here: offices.some((office) => office.code === answer.here) ? answer.here : null };
    },
    'appointments.slots': async (params) =>
      isOffered(services(), params.service) ? handlers['appointments.slots'](params) : { ok: false as const, problem: 'refused' as const },
    'appointments.book': async (params) =>
      isOffered(services(), params.service) ? handlers['appointments.book'](params) : { ok: false as const, problem: 'refused' as const },
    'appointments.walkIn': async (params) =>
      isOffered(services(), params.service) ? handlers['appointments.walkIn'](params) : { ok: false as const, problem: 'refused' as const },
  };
}
