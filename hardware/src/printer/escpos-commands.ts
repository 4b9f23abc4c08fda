/** The few ESC/POS commands our transport sends itself, and how their answers look. */

export const DLE = 0x10;
export const EOT = 0x04;
export const GS = 0x1d;

export type StatusQuery = 1 | 2 | 3 | 4;

/** `DLE EOT n`: real-time status, answered at once with one byte. */
export function statusRequest(n: StatusQuery): Buffer {
  return Buffer.from([DLE, EOT, n]);
}

/** `GS a 14`: send a status block on every change of online state, errors and paper sensor (not the drawer). */
export const ENABLE_AUTOMATIC_STATUS = Buffer.from([GS, 0x61, 0x0e]);

/** `GS a 0`: switch automatic status back off, so no unasked bytes mix with our replies. */
export const DISABLE_AUTOMATIC_STATUS = Buffer.from([GS, 0x61, 0x00]);

export const JOB_ID_LENGTH = 4;
/** The printer accepts job id bytes from 0x20 to 0x7E (Epson `GS ( H`, fn 48). */
const JOB_ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A 4-byte job id from a counter (printable, so it is valid for every printer). */
export function jobIdFromCounter(counter: number): Buffer {
  let rest = Math.abs(Math.floor(counter)) % JOB_ID_ALPHABET.length ** JOB_ID_LENGTH;
  const out = Buffer.alloc(JOB_ID_LENGTH);
  for (let i = JOB_ID_LENGTH - 1; i >= 0; i -= 1) {
    out[i] = JOB_ID_ALPHABET.charCodeAt(rest % JOB_ID_ALPHABET.length);
    rest = Math.floor(rest / JOB_ID_ALPHABET.length);
  }
  return out;
}

/** `GS ( H` fn 48: "answer with this id once everything before me is printed". */
export function completionRequest(jobId: Buffer): Buffer {
  if (jobId.length !== JOB_ID_LENGTH) throw new RangeError(`job id must be ${JOB_ID_LENGTH} bytes`);
  return Buffer.concat([Buffer.from([GS, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30]), jobId]);
}

const ACK_HEADER = [0x37, 0x22] as const;
export const ACK_LENGTH = ACK_HEADER.length + JOB_ID_LENGTH + 1;

/** The printer's answer to `completionRequest(jobId)`: `37 22 d1 d2 d3 d4 00`. */
export function completionReply(jobId: Buffer): Buffer {
  return Buffer.concat([Buffer.from(ACK_HEADER), jobId, Buffer.from([0x00])]);
}

/**
 * Finds the ack of `jobId` in bytes received so far; returns how many bytes it consumed (the
 * ack and anything before it), or null when it is not there yet.
 */
export function findCompletionReply(received: Buffer, jobId: Buffer): number | null {
  const index = received.indexOf(completionReply(jobId));
  return index < 0 ? null : index + ACK_LENGTH;
}
