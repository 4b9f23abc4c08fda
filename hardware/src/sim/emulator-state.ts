/**
 * What the emulated printer is like right now (paper, cover, faults), how it answers status
 * queries from that (bit layouts of hardware.md), and validation of state changes from outside.
 */

export const FAULT_MODES = [
  'none',
  'never-read',
  'close-without-reply',
  'reply-late',
  'drop-mid-job',
  /** While one connection is open, every other one is reset at once (the stage does not matter). */
  'refuse-second-connection',
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/**
 * When a fault strikes: `connect` from the first byte of every connection (the printer looks
 * dead), `job` once a connection sends anything but real-time status queries (the printer
 * answered its status, then misbehaved with the job).
 */
export const FAULT_STAGES = ['connect', 'job'] as const;
export type FaultStage = (typeof FAULT_STAGES)[number];

export interface EmulatorFault {
  readonly mode: FaultMode;
  readonly stage: FaultStage;
  /** How late every reply is in `reply-late` mode. */
  readonly delayMs: number;
}

export interface EmulatorState {
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
  readonly coverOpen: boolean;
  /** Taken offline without another cause (e.g. the operator pressed a button). */
  readonly offline: boolean;
  readonly cutterError: boolean;
  readonly fault: EmulatorFault;
}

export const DEFAULT_REPLY_DELAY_MS = 3_000;

export const INITIAL_STATE: EmulatorState = {
  paperNearEnd: false,
  paperEnd: false,
  coverOpen: false,
  offline: false,
  cutterError: false,
  fault: { mode: 'none', stage: 'job', delayMs: DEFAULT_REPLY_DELAY_MS },
};

export type EmulatorStatePatch = Partial<Omit<EmulatorState, 'fault'>> & { readonly fault?: Partial<EmulatorFault> };

export function canPrintIn(state: EmulatorState): boolean {
  return !state.paperEnd && !state.coverOpen && !state.offline && !state.cutterError;
}

/** Base of every `DLE EOT` reply: the fixed bits of the shape 0xx1xx10b. */
const STATUS_BASE = 0x12;

/** The one-byte answer to `DLE EOT n` (n = 1..4); null for n the emulator does not know. */
export function realtimeStatusByte(state: EmulatorState, n: number): number | null {
  switch (n) {
    case 1:
      return STATUS_BASE | (canPrintIn(state) ? 0 : 0x08);
    case 2:
      return (
        STATUS_BASE |
        (state.coverOpen ? 0x04 : 0) |
        (state.paperEnd ? 0x20 : 0) |
        (state.cutterError ? 0x40 : 0)
      );
    case 3:
      return STATUS_BASE | (state.cutterError ? 0x08 : 0);
    case 4:
      return STATUS_BASE | (state.paperNearEnd || state.paperEnd ? 0x0c : 0) | (state.paperEnd ? 0x60 : 0);
    default:
      return null;
  }
}

/** The answer to `GS r 1` (paper sensor): bits 0-1 near end, bits 2-3 paper end. */
export function paperSensorByte(state: EmulatorState): number {
  return (state.paperNearEnd || state.paperEnd ? 0x03 : 0) | (state.paperEnd ? 0x0c : 0);
}

/** The 4-byte automatic status back block (`GS a`). */
export function automaticStatusBlock(state: EmulatorState): Buffer {
  const first = 0x10 | (canPrintIn(state) ? 0 : 0x08) | (state.coverOpen ? 0x20 : 0);
  const second = state.cutterError ? 0x08 : 0;
  const third = (state.paperNearEnd || state.paperEnd ? 0x03 : 0) | (state.paperEnd ? 0x0c : 0);
  return Buffer.from([first, second, third, 0x00]);
}

export class StatePatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatePatchError';
  }
}

const BOOLEAN_KEYS = ['paperNearEnd', 'paperEnd', 'coverOpen', 'offline', 'cutterError'] as const;
const MAX_REPLY_DELAY_MS = 600_000;

/** Checks an untrusted patch (from HTTP or the CLI) and applies it; throws StatePatchError. */
export function applyStatePatch(state: EmulatorState, patch: unknown): EmulatorState {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new StatePatchError('state must be a JSON object');
  }
  const input = patch as Record<string, unknown>;
  const known = new Set<string>([...BOOLEAN_KEYS, 'fault']);
  const unknownKeys = Object.keys(input).filter((key) => !known.has(key));
  if (unknownKeys.length > 0) throw new StatePatchError(`unknown state fields: ${unknownKeys.join(', ')}`);
  const next: Record<string, unknown> = { ...state };
  for (const key of BOOLEAN_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new StatePatchError(`${key} must be true or false`);
    next[key] = value;
  }
  let fault = state.fault;
  if (input.fault !== undefined) {
    const f = input.fault;
    if (typeof f !== 'object' || f === null) throw new StatePatchError('fault must be an object');
    const { mode, stage, delayMs } = f as Record<string, unknown>;
    if (mode !== undefined && !FAULT_MODES.includes(mode as FaultMode)) {
      throw new StatePatchError(`fault.mode must be one of ${FAULT_MODES.join(', ')}`);
    }
    if (stage !== undefined && !FAULT_STAGES.includes(stage as FaultStage)) {
      throw new StatePatchError(`fault.stage must be one of ${FAULT_STAGES.join(', ')}`);
    }
    if (delayMs !== undefined && (typeof delayMs !== 'number' || !(delayMs >= 0 && delayMs <= MAX_REPLY_DELAY_MS))) {
      throw new StatePatchError(`fault.delayMs must be a number from 0 to ${MAX_REPLY_DELAY_MS}`);
    }
    fault = {
      mode: (mode as FaultMode | undefined) ?? fault.mode,
      stage: (stage as FaultStage | undefined) ?? fault.stage,
      delayMs: (delayMs as number | undefined) ?? fault.delayMs,
    };
  }
  return { ...(next as unknown as EmulatorState), fault };
}
