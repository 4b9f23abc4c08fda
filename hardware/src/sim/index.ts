export {
  startPrinterEmulator,
  DEFAULT_EMULATOR_HOST,
  DEFAULT_EMULATOR_PORT,
  DEFAULT_EMULATOR_HTTP_PORT,
  DEFAULT_MAX_RECEIPTS,
  type PrinterEmulator,
  type PrinterEmulatorOptions,
  type EmulatorStats,
  type EmulatorActivity,
} from './printer-emulator.js';
export {
  FAULT_MODES,
  FAULT_STAGES,
  INITIAL_STATE,
  StatePatchError,
  realtimeStatusByte,
  type EmulatorState,
  type EmulatorStatePatch,
  type EmulatorFault,
  type FaultMode,
  type FaultStage,
} from './emulator-state.js';
export type { EmulatedReceipt } from './receipt-store.js';
export type { PaperLine, PaperContent } from './paper.js';
export { decodeEscPos, type DecodedReceipt, type DecodedStream } from './decode.js';
export { createEscPosParser, type EscPosParser } from './escpos-parser.js';
export type { EscPosCommand } from './escpos-commands.js';
export { renderPaperPng, renderPaperBitmap, encodeBitmapPng, PNG_LAYOUT } from './printer-png.js';
export { receiptPngPath } from './emulator-http.js';
export { automaticStatusBlock } from './emulator-state.js';
export { parseScannerArgs, typeLineScans } from './scanner-cli.js';
export { startPtyPair, typeScan, writeScannerBytes, PtyStartError, SOCAT_PATH, type PtyPair, type PtyPairOptions, type TypeScanOptions, type ScanSuffix } from './scanner-pty.js';
export { fileFrameSource, encodeFramePng, writeFrameFileAtomically, readImageFrame, frameFromImageBytes, sniffImageFormat, UnsupportedImageError, type ImageFormat } from './frame-files.js';
export { qrFrame, listFrameSource, blankFrame, QR_FRAME_DEFAULTS, type QrFrameOptions } from './frame-qr.js';
