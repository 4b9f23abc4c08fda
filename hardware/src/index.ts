export {
  createNetworkPrinter,
  DEFAULT_PRINTER_PORT,
  type NetworkPrinter,
  type NetworkPrinterOptions,
  type PrintOutcome,
} from './printer/printer.js';
export {
  validateReceipt,
  checkReceipt,
  formatIssuedAt,
  ReceiptValidationError,
  RECEIPT_LIMITS,
  type Receipt,
  type ReceiptLabels,
  type ReceiptProblem,
} from './printer/receipt-model.js';
export {
  DEFAULT_PRINTER_PROFILE,
  DEFAULT_DEADLINES,
  PROFILE_80MM_203DPI,
  PROFILE_80MM_180DPI,
  PROFILE_58MM_203DPI,
  NAMED_PROFILES,
  resolveProfile,
  ackDeadlineMs,
  type PrinterProfile,
  type PrinterDeadlines,
  type ProfileOverrides,
} from './printer/profile.js';
export { layoutReceiptEscPos } from './printer/layout-escpos.js';
export { layoutReceiptText, type TextLayoutOptions } from './printer/layout-text.js';
export { receiptBlocks, wrapText, type ReceiptBlock } from './printer/receipt-blocks.js';
export {
  parsePrinterStatus,
  parseOfflineCause,
  parseErrorCause,
  parseRollSensor,
  parseAutomaticStatus,
  combineStatusReplies,
  toDeviceHealth,
  printerReason,
  canPrint,
  isStatusReplyByte,
  StatusByteError,
  type PrinterFlags,
  type PrinterReason,
  type StatusReplies,
} from './printer/status.js';
export { CODE_PAGES, canEncode, toPrintable, type CodePageName } from './printer/code-pages.js';
