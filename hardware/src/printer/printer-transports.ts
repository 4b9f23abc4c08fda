import { openDeviceConnection, type DeviceTransportOptions } from './device-transport.js';
import type { PrinterConnection } from './reply-buffer.js';
import { openPrinterConnection } from './tcp-transport.js';

/** How a printer is reached: opens a connection under a deadline. */
export interface PrinterTransport {
  /** For operators' messages, e.g. `tcp://10.0.0.5:9100` or `/dev/usb/lp0`. */
  readonly description: string;
  open(deadlineMs: number): Promise<PrinterConnection>;
}

export const DEFAULT_PRINTER_PORT = 9100;

export function tcpTransport(host: string, port = DEFAULT_PRINTER_PORT): PrinterTransport {
  return { description: `tcp://${host}:${port}`, open: (deadlineMs) => openPrinterConnection(host, port, deadlineMs) };
}

/** A USB printer-class device or a serial line (see device-transport.ts for line settings). */
export function deviceTransport(path: string, options: DeviceTransportOptions = {}): PrinterTransport {
  return { description: path, open: (deadlineMs) => openDeviceConnection(path, deadlineMs, options) };
}
