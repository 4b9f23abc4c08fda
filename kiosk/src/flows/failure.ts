import { KioskCallError, type KioskErrorCode } from '@kiosk/shared';

/** What went wrong when filing, as a code the renderer maps to a calm, translated message. */
export type RequestFailureCode = KioskErrorCode | 'transport';

export function failureCodeOf(error: unknown): RequestFailureCode {
  return error instanceof KioskCallError ? error.code : 'internal';
}
