/**
 * Every number of the appointments module that matters, with its default, in one place.
 * The hub's config has no appointment settings yet; routes use these defaults.
 */
export interface AppointmentSettings {
  /** A citizen may check in this long before the appointment starts... */
  readonly checkInEarlyMinutes: number;
  /** ...and until this long after it started; later the code has expired. */
  readonly checkInLateMinutes: number;
  /** Widest date range one free-slot query may ask for. */
  readonly maxSlotRangeDays: number;
  /** How far ahead bookings open. */
  readonly bookingHorizonDays: number;
  /** A slot must start at least this far in the future to be offered or booked. */
  readonly minimumLeadMinutes: number;
  /** Booking attempts when another booking wins a seat or a random reference clashes. */
  readonly bookingAttempts: number;
  /** Digits of a turn's counter. */
  readonly turnDigits: number;
  /**
   * The day-before reminder goes out at this office-local time (minutes after midnight). When
   * that moment has already passed at booking time, the confirmation is the only message.
   */
  readonly reminderMinutesOfDay: number;
}

export const DEFAULT_APPOINTMENT_SETTINGS: AppointmentSettings = {
  checkInEarlyMinutes: 30,
  checkInLateMinutes: 15,
  maxSlotRangeDays: 31,
  bookingHorizonDays: 90,
  minimumLeadMinutes: 0,
  bookingAttempts: 5,
  turnDigits: 3,
  reminderMinutesOfDay: 10 * 60,
};

/**
 * The issuer code of references the hub mints for appointments. `C1TA` reads as "CITA" and,
 * because reference input maps I to 1, a citizen typing `CITA-...` gets the right code.
 * Kiosk issuers are random; the device registry must never hand this one out.
 */
export const APPOINTMENT_ISSUER = 'C1TA';
/** What an appointment's QR code holds: `CITA:<reference>` (hardware/src/scanner/payload.ts). */
export const APPOINTMENT_QR_PREFIX = 'CITA:';
