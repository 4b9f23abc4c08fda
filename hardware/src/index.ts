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
export { layoutReceiptPng } from './sim/printer-receipt-png.js';
export { printableDots, PRINTABLE_DOTS } from './printer/profile.js';
export {
  createSpeechPort,
  volumeDbOfStep,
  DEFAULT_SPEECH_CONFIG,
  MIN_VOLUME_RANGE_DB,
  type SpeechPort,
  type SpeechConfig,
  type SpeakOptions,
  type SpeakResult,
  type SpeechState,
} from './speech/speech-port.js';
export { SpeechEngineError, type SpeechEngine, type Utterance, type EngineAvailability } from './speech/speech-engine.js';
export { createEspeakEngine, espeakAmplitude, espeakArguments, ESPEAK_VOICES, ESPEAK_DEFAULTS, type EspeakEngineOptions } from './speech/espeak-engine.js';
export { createRecordingEngine, type RecordingEngine, type RecordingEngineOptions, type RecordedUtterance } from './speech/recording-engine.js';
export {
  DeviceHealthTracker,
  worstHealth,
  NOT_CHECKED,
  STATE_SEVERITY,
  type DeviceCondition,
  type DeviceHealthListener,
  type DeviceHealthTrackerOptions,
} from './health/device-health.js';
export { printerCondition } from './printer/status.js';
export {
  createPrinter,
  createDevicePrinter,
  type ReceiptPrinter,
  type PrinterOptions,
  type DevicePrinterOptions,
} from './printer/printer.js';
export { tcpTransport, deviceTransport, type PrinterTransport } from './printer/printer-transports.js';
export { DEVICE_TRANSPORT_DEFAULTS, type DeviceTransportOptions } from './printer/device-transport.js';
export { DEFAULT_WATCH_RETRY_MS } from './printer/status-watch.js';
export { TransportError, type PrinterConnection } from './printer/reply-buffer.js';
export { flagsFromAutomaticStatus } from './printer/status.js';
export {
  classifyScanPayload,
  APPOINTMENT_PREFIX,
  DEFAULT_MAX_PAYLOAD_LENGTH,
  type ScanPayload,
  type PayloadCheck,
  type PayloadKind,
  type PayloadRejectReason,
  type PayloadOptions,
} from './scanner/payload.js';
export type { ScanSource, ScanEvent, ScanRejection, ScanOrigin, ScanSourceState, ScanSourceListeners } from './scanner/scan-source.js';
export { SerialScanner, SERIAL_SCANNER_DEFAULTS, isModemLineError, type SerialScannerOptions, type SerialPortLike } from './scanner/serial-scanner.js';
export { ScanFramer, stripAimPrefix, DEFAULT_MAX_FRAME_BYTES } from './scanner/scan-framer.js';
export { WedgeClassifier, WEDGE_DEFAULTS, type WedgeOptions, type WedgeOutput } from './scanner/wedge-classifier.js';
export { KeyboardWedgeSource, type WedgeSourceOptions } from './scanner/wedge-source.js';
export { LAYOUTS, recoverUsText, usCharacterFor, type KeyLike, type LayoutName } from './scanner/keyboard-layouts.js';
export { CameraScanner, CAMERA_DEFAULTS, type CameraScannerOptions } from './scanner/camera-scanner.js';
export type { FrameSource, FrameSourceStatus } from './scanner/frame-source.js';
export { StillFileFrameSource, STILL_FILE_DEFAULTS, type StillFileSourceOptions, type StillFileReason } from './scanner/still-file-source.js';
export { frameFromImageBytes, readImageFrame, sniffImageFormat, UnsupportedImageError, type ImageFormat } from './scanner/image-frame.js';
export { QrDecoderWorker, QrWorkerError, QR_WORKER_DEFAULTS, type DecodeOutcome } from './scanner/qr-worker-client.js';
export { decodeQrFrame, DEFAULT_ATTEMPTS, attemptName, type DecodeAttempt, type QrDecodeOptions, type QrDecodeResult } from './scanner/qr-decode.js';
export { luminanceFromRgba, rotateFrame, downscaleByTwo, FrameShapeError, type LuminanceFrame } from './scanner/luminance.js';
export { scannerHealth } from './scanner/scanner-health.js';
