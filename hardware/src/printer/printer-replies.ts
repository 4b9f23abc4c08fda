import { ACK_LENGTH } from './escpos-commands.js';
import { isAutomaticStatusFirstByte, isStatusReplyByte } from './status.js';

/**
 * Splits what a printer sends back into its replies, in order: `DLE EOT` bytes, `GS ( H` acks
 * and automatic status blocks (`GS a`). Reading from a known boundary matters: an ack's job id
 * byte ('0' = 0x30) has the shape of an automatic-status first byte.
 */

export const AUTOMATIC_STATUS_LENGTH = 4;
const ACK_FIRST = 0x37;
const ACK_SECOND = 0x22;

export type PrinterReply =
  | { readonly kind: 'automatic-status'; readonly bytes: Buffer }
  /** Anything else (status bytes, acks, unknown bytes): left for the reader that asked. */
  | { readonly kind: 'answer'; readonly bytes: Buffer };

/** The complete replies at the start of `received`, and the incomplete rest to wait on. */
export function splitReplies(received: Buffer): { replies: PrinterReply[]; rest: Buffer } {
  const replies: PrinterReply[] = [];
  let at = 0;
  while (at < received.length) {
    const byte = received[at] ?? 0;
    let length = 1;
    let kind: PrinterReply['kind'] = 'answer';
    if (byte === ACK_FIRST && (received[at + 1] === undefined || received[at + 1] === ACK_SECOND)) {
      length = ACK_LENGTH;
    } else if (!isStatusReplyByte(byte) && isAutomaticStatusFirstByte(byte)) {
      length = AUTOMATIC_STATUS_LENGTH;
      kind = 'automatic-status';
    }
    if (at + length > received.length) break;
    replies.push({ kind, bytes: Buffer.from(received.subarray(at, at + length)) });
    at += length;
  }
  return { replies, rest: Buffer.from(received.subarray(at)) };
}
