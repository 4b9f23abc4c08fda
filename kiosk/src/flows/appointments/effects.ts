import type {
  AppointmentBookParams,
  AppointmentBookedAnswer,
  AppointmentCheckInParams,
  AppointmentFoundAnswer,
  AppointmentOfficesAnswer,
  AppointmentOwnershipParams,
  AppointmentProblem,
  AppointmentRescheduleParams,
  AppointmentSlotsAnswer,
  AppointmentWalkInParams,
  KioskLocale,
  TurnIssuedAnswer,
} from '@kiosk/shared';

/** What the appointments journey needs from the world (the renderer implements it over KioskClient). */
export interface AppointmentsEffects {
  appointmentOffices(locale: KioskLocale): Promise<AppointmentOfficesAnswer>;
  /** Free slots of the coming days (the host picks the range from its clock, in `timeZone`). */
  appointmentSlots(query: SlotQuery): Promise<AppointmentSlotsAnswer>;
  bookAppointment(params: AppointmentBookParams): Promise<AppointmentBookedAnswer>;
  checkInAppointment(params: AppointmentCheckInParams): Promise<TurnIssuedAnswer>;
  findAppointment(params: AppointmentOwnershipParams): Promise<AppointmentFoundAnswer>;
  cancelAppointment(params: AppointmentOwnershipParams): Promise<AppointmentFoundAnswer>;
  rescheduleAppointment(params: AppointmentRescheduleParams): Promise<AppointmentBookedAnswer>;
  walkInTurn(params: AppointmentWalkInParams): Promise<TurnIssuedAnswer>;
}

export interface SlotQuery {
  readonly office: string;
  readonly service: string;
  readonly timeZone: string;
}

/** A failed call (the agent gone, a bug) reads as "the system is not answering": true for the citizen. */
export const OFFLINE: AppointmentProblem = 'offline';

export function notProvided(name: string): never {
  throw new Error(`the host must provide the ${name} actor (machine.provide)`);
}
