import type { DeviceHealth, DeviceState } from '@kiosk/shared';

/**
 * Pure parsers of ESC/POS real-time status replies (`DLE EOT n`, hardware.md "ESC/POS status")
 * and their mapping to the shared `DeviceHealth`. No I/O here.
 */

/** Every `DLE EOT` reply has the shape 0xx1xx10b: bits 1 and 4 set, bits 0 and 7 clear. */
const STATUS_SHAPE_MASK = 0b1001_0011;
const STATUS_SHAPE_VALUE = 0b0001_0010;

export function isStatusReplyByte(byte: number): boolean {
  return (byte & STATUS_SHAPE_MASK) === STATUS_SHAPE_VALUE;
}

export class StatusByteError extends Error {
  constructor(which: string, byte: number) {
    super(`not a DLE EOT ${which} reply: 0x${byte.toString(16).padStart(2, '0')} (expected the shape 0xx1xx10b)`);
    this.name = 'StatusByteError';
  }
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

function checkShape(which: string, byte: number): void {
  if (!isStatusReplyByte(byte)) throw new StatusByteError(which, byte);
}

/** `DLE EOT 1`: printer status. */
export interface PrinterStatusReply {
  readonly drawerSignalHigh: boolean;
  readonly offline: boolean;
  readonly waitingForOnlineRecovery: boolean;
  readonly feedButtonPressed: boolean;
}

export function parsePrinterStatus(byte: number): PrinterStatusReply {
  checkShape('1 (printer status)', byte);
  return {
    drawerSignalHigh: bit(byte, 2),
    offline: bit(byte, 3),
    waitingForOnlineRecovery: bit(byte, 5),
    feedButtonPressed: bit(byte, 6),
  };
}

/** `DLE EOT 2`: why the printer is offline. */
export interface OfflineCauseReply {
  readonly coverOpen: boolean;
  readonly feedingByButton: boolean;
  readonly stoppedByPaperEnd: boolean;
  readonly error: boolean;
}

export function parseOfflineCause(byte: number): OfflineCauseReply {
  checkShape('2 (offline cause)', byte);
  return {
    coverOpen: bit(byte, 2),
    feedingByButton: bit(byte, 3),
    stoppedByPaperEnd: bit(byte, 5),
    error: bit(byte, 6),
  };
}

/** `DLE EOT 3`: which error. */
export interface ErrorCauseReply {
  readonly cutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly autoRecoverableError: boolean;
}

export function parseErrorCause(byte: number): ErrorCauseReply {
  checkShape('3 (error cause)', byte);
  return { cutterError: bit(byte, 3), unrecoverableError: bit(byte, 5), autoRecoverableError: bit(byte, 6) };
}

/** `DLE EOT 4`: roll paper sensor. Each condition is reported on two bits; either counts. */
export interface RollSensorReply {
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
}

export function parseRollSensor(byte: number): RollSensorReply {
  checkShape('4 (roll paper sensor)', byte);
  return { paperNearEnd: (byte & 0x0c) !== 0, paperEnd: (byte & 0x60) !== 0 };
}

/** What we know of a printer after asking `DLE EOT` 1 and 4 (and 2 and 3 when offline). */
export interface PrinterFlags {
  readonly offline: boolean;
  readonly coverOpen: boolean;
  readonly paperEnd: boolean;
  readonly paperNearEnd: boolean;
  readonly error: boolean;
  readonly cutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly autoRecoverableError: boolean;
}

export interface StatusReplies {
  readonly printer: number;
  readonly rollSensor: number;
  /** Only asked when the printer reports offline. */
  readonly offlineCause?: number | undefined;
  readonly errorCause?: number | undefined;
}

export function combineStatusReplies(replies: StatusReplies): PrinterFlags {
  const printer = parsePrinterStatus(replies.printer);
  const roll = parseRollSensor(replies.rollSensor);
  const cause = replies.offlineCause === undefined ? undefined : parseOfflineCause(replies.offlineCause);
  const error = replies.errorCause === undefined ? undefined : parseErrorCause(replies.errorCause);
  return {
    offline: printer.offline,
    coverOpen: cause?.coverOpen ?? false,
    paperEnd: roll.paperEnd || (cause?.stoppedByPaperEnd ?? false),
    paperNearEnd: roll.paperNearEnd,
    error: cause?.error ?? false,
    cutterError: error?.cutterError ?? false,
    unrecoverableError: error?.unrecoverableError ?? false,
    autoRecoverableError: error?.autoRecoverableError ?? false,
  };
}

/** Machine-readable reasons, most serious first: the first that applies is reported. */
export const PRINTER_REASONS = [
  'paper-end',
  'cover-open',
  'cutter-error',
  'unrecoverable-error',
  'auto-recoverable-error',
  'error',
  'offline',
  'paper-near-end',
] as const;
export type PrinterReason = (typeof PRINTER_REASONS)[number] | 'unreachable';

const REASON_TESTS: Record<(typeof PRINTER_REASONS)[number], (f: PrinterFlags) => boolean> = {
  'paper-end': (f) => f.paperEnd,
  'cover-open': (f) => f.coverOpen,
  'cutter-error': (f) => f.cutterError,
  'unrecoverable-error': (f) => f.unrecoverableError,
  'auto-recoverable-error': (f) => f.autoRecoverableError,
  error: (f) => f.error,
  offline: (f) => f.offline,
  'paper-near-end': (f) => f.paperNearEnd,
};

export function printerReason(flags: PrinterFlags): PrinterReason | null {
  return PRINTER_REASONS.find((reason) => REASON_TESTS[reason](flags)) ?? null;
}

/** Whether the printer will print now. Near end still prints (with a warning). */
export function canPrint(flags: PrinterFlags): boolean {
  const reason = printerReason(flags);
  return reason === null || reason === 'paper-near-end';
}

/** The printer's condition for a `DeviceHealthTracker`: from its flags, or `'unreachable'`. */
export function printerCondition(flags: PrinterFlags | 'unreachable'): { state: DeviceState; reason: PrinterReason | null } {
  const reason = flags === 'unreachable' ? 'unreachable' : printerReason(flags);
  return { state: stateOf(reason), reason };
}

function stateOf(reason: PrinterReason | null): DeviceState {
  if (reason === null) return 'ok';
  if (reason === 'paper-near-end') return 'warning';
  if (reason === 'offline' || reason === 'unreachable') return 'offline';
  return 'error';
}

/**
 * `DeviceHealth` of a printer: `flags` from its replies, or `'unreachable'` when it did not
 * answer. `since` is kept from `previous` while state and reason stay the same.
 */
export function toDeviceHealth(
  flags: PrinterFlags | 'unreachable',
  previous: DeviceHealth | null,
  now: Date,
): DeviceHealth {
  const reason = flags === 'unreachable' ? 'unreachable' : printerReason(flags);
  const state = stateOf(reason);
  if (previous !== null && previous.state === state && previous.reason === reason) return previous;
  return { state, reason, since: now.toISOString() };
}

/** The 4 bytes a printer sends with automatic status back (`GS a`), parsed loosely. */
export interface AutomaticStatus {
  readonly offline: boolean;
  readonly coverOpen: boolean;
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
}

export function isAutomaticStatusFirstByte(byte: number): boolean {
  return (byte & 0b1001_0011) === 0b0001_0000;
}

export function parseAutomaticStatus(bytes: Uint8Array): AutomaticStatus {
  const [first, , third] = bytes;
  if (bytes.length !== 4 || first === undefined || third === undefined || !isAutomaticStatusFirstByte(first)) {
    throw new Error('not an automatic status block: expected 4 bytes, the first shaped 0xx1xx00b');
  }
  return {
    offline: bit(first, 3),
    coverOpen: bit(first, 5),
    paperNearEnd: (third & 0x03) !== 0,
    paperEnd: (third & 0x0c) !== 0,
  };
}

/** Printer flags from an automatic status block: byte 1 offline/cover, byte 2 errors, byte 3 paper. */
export function flagsFromAutomaticStatus(bytes: Uint8Array): PrinterFlags {
  const parsed = parseAutomaticStatus(bytes);
  const errors = bytes[1] ?? 0;
  return {
    offline: parsed.offline,
    coverOpen: parsed.coverOpen,
    paperEnd: parsed.paperEnd,
    paperNearEnd: parsed.paperNearEnd,
    error: (errors & 0b0110_1100) !== 0,
    cutterError: bit(errors, 3),
    unrecoverableError: bit(errors, 5),
    autoRecoverableError: bit(errors, 6),
  };
}
