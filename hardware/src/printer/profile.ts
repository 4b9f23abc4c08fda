import type { CodePageName } from './code-pages.js';

/**
 * A printer profile: everything that differs between receipt printers. Clone 58 mm printers
 * differ in code pages and width, so none of it is hard-coded in the layout or the transport.
 */

/** Deadlines of every I/O with the printer. Nothing waits without one (hardware.md). */
export interface PrinterDeadlines {
  /** TCP connect. */
  readonly connectMs: number;
  /** One `DLE EOT` reply; printers answer at once, so this is short. */
  readonly statusReplyMs: number;
  /** Handing the job to the socket (a printer that stops reading shows up here). */
  readonly writeMs: number;
  /** Completion ack (`GS ( H`) of an empty job: the paper still has to be fed and cut. */
  readonly ackBaseMs: number;
  /** Extra ack time per KiB of job: bigger jobs take longer to print. */
  readonly ackPerKiBMs: number;
}

export type PrinterColumns = 48 | 42 | 32;
export type PrinterDpi = 203 | 180;
export type CutKind = 'partial' | 'full';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

export interface PrinterProfile {
  readonly model: string;
  readonly codePage: CodePageName;
  /** Characters per line in font A (hardware.md "Receipt widths"). */
  readonly columns: PrinterColumns;
  readonly dpi: PrinterDpi;
  readonly cut: CutKind;
  /** QR module size in dots; node-thermal-printer accepts 1..8 only. */
  readonly qrModuleSize: number;
  readonly qrErrorLevel: QrErrorLevel;
  readonly deadlines: PrinterDeadlines;
}

export const DEFAULT_DEADLINES: PrinterDeadlines = {
  connectMs: 2_000,
  statusReplyMs: 1_500,
  writeMs: 5_000,
  ackBaseMs: 10_000,
  ackPerKiBMs: 1_000,
};

export const QR_MODULE_SIZE_RANGE = { min: 1, max: 8 } as const;

/** 80 mm, 203 dpi: most kiosk printers. */
export const PROFILE_80MM_203DPI: PrinterProfile = {
  model: 'generic-80mm-203dpi',
  codePage: 'PC858_EURO',
  columns: 48,
  dpi: 203,
  cut: 'partial',
  qrModuleSize: 6,
  qrErrorLevel: 'M',
  deadlines: DEFAULT_DEADLINES,
};

/** 80 mm, 180 dpi: the Epson TM-T88 family. */
export const PROFILE_80MM_180DPI: PrinterProfile = {
  ...PROFILE_80MM_203DPI,
  model: 'epson-tm-t88',
  columns: 42,
  dpi: 180,
};

/** 58 mm, 203 dpi: small clone printers. */
export const PROFILE_58MM_203DPI: PrinterProfile = {
  ...PROFILE_80MM_203DPI,
  model: 'generic-58mm-203dpi',
  columns: 32,
  qrModuleSize: 4,
};

export const DEFAULT_PRINTER_PROFILE = PROFILE_80MM_203DPI;

export const NAMED_PROFILES: Readonly<Record<string, PrinterProfile>> = {
  [PROFILE_80MM_203DPI.model]: PROFILE_80MM_203DPI,
  [PROFILE_80MM_180DPI.model]: PROFILE_80MM_180DPI,
  [PROFILE_58MM_203DPI.model]: PROFILE_58MM_203DPI,
};

export type ProfileOverrides = Partial<Omit<PrinterProfile, 'deadlines'>> & {
  readonly deadlines?: Partial<PrinterDeadlines>;
};

/** A profile from the default (or `base`) with some settings replaced; rejects impossible ones. */
export function resolveProfile(overrides: ProfileOverrides = {}, base = DEFAULT_PRINTER_PROFILE): PrinterProfile {
  const profile: PrinterProfile = {
    ...base,
    ...overrides,
    deadlines: { ...base.deadlines, ...overrides.deadlines },
  };
  const { min, max } = QR_MODULE_SIZE_RANGE;
  if (!Number.isInteger(profile.qrModuleSize) || profile.qrModuleSize < min || profile.qrModuleSize > max) {
    throw new RangeError(`printer profile: qrModuleSize must be an integer from ${min} to ${max}`);
  }
  for (const [name, value] of Object.entries(profile.deadlines)) {
    // Only the per-KiB growth may be zero; every wait itself needs a real deadline.
    const lowest = name === 'ackPerKiBMs' ? 0 : Number.MIN_VALUE;
    if (!Number.isFinite(value) || value < lowest) {
      throw new RangeError(`printer profile: deadline ${name} must be a positive number of ms`);
    }
  }
  return profile;
}

/** Dots across the printable width for each column count (hardware.md "Receipt widths"). */
export const PRINTABLE_DOTS: Readonly<Record<PrinterColumns, number>> = { 48: 576, 42: 512, 32: 384 };

/** Dots per printed line across the paper: 576 for 80 mm at 203 dpi. */
export function printableDots(profile: Pick<PrinterProfile, 'columns'>): number {
  return PRINTABLE_DOTS[profile.columns];
}

/** The completion-ack deadline of a job of `jobBytes` bytes. */
export function ackDeadlineMs(deadlines: PrinterDeadlines, jobBytes: number): number {
  return Math.round(deadlines.ackBaseMs + (jobBytes / 1024) * deadlines.ackPerKiBMs);
}
