import { statusRequest, type StatusQuery } from './escpos-commands.js';
import { combineStatusReplies, isStatusReplyByte, parsePrinterStatus, type PrinterFlags } from './status.js';
import type { PrinterConnection } from './tcp-transport.js';

/**
 * Asks a connected printer `DLE EOT 1` and `4`, and `2` and `3` when it is offline. Rejects
 * with a TransportError when any reply misses its deadline. Bytes that cannot be a status
 * reply (e.g. an automatic-status block) are skipped.
 */
export async function queryPrinterFlags(connection: PrinterConnection, replyDeadlineMs: number): Promise<PrinterFlags> {
  const ask = async (n: StatusQuery): Promise<number> => {
    await connection.write(statusRequest(n), replyDeadlineMs);
    return connection.read((received) => {
      const index = received.findIndex(isStatusReplyByte);
      const byte = received[index];
      return index < 0 || byte === undefined ? null : { value: byte, consumed: index + 1 };
    }, replyDeadlineMs);
  };
  const printer = await ask(1);
  const rollSensor = await ask(4);
  if (!parsePrinterStatus(printer).offline) return combineStatusReplies({ printer, rollSensor });
  const offlineCause = await ask(2);
  const errorCause = await ask(3);
  return combineStatusReplies({ printer, rollSensor, offlineCause, errorCause });
}
