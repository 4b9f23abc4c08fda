/**
 * The receipt a citizen takes home after filing a request: one pure model for the paper, the
 * screen and speech. Labels arrive already translated: hardware owns no translations.
 */

export interface ReceiptLabels {
  readonly reference: string;
  readonly date: string;
  readonly status: string;
  readonly kiosk: string;
}

export interface Receipt {
  /** Issuing body, e.g. "Ajuntament de Girona". */
  readonly issuer: string;
  readonly office: string;
  readonly documentType: string;
  /** Display form of the reference, e.g. `K7QM-000A4-R`. */
  readonly reference: string;
  /** What the QR code holds (the status URL with an opaque token). Printable ASCII only. */
  readonly qrPayload: string;
  /** ISO 8601 with an offset. */
  readonly issuedAt: string;
  /** IANA zone the date is printed in, e.g. `Europe/Madrid`. */
  readonly timeZone: string;
  /** BCP 47 locale of the labels and the date format. */
  readonly locale: string;
  /** What happens next and by when. */
  readonly whatNext: string;
  readonly statusUrl: string;
  readonly contact: string;
  readonly privacyNotice: string;
  /** The ID number, masked (`***4567**`), or null to print none. */
  readonly maskedId: string | null;
  readonly kioskId: string;
  /** Receipt serial of this kiosk. */
  readonly serial: string;
  readonly labels: ReceiptLabels;
}

/** Limits that keep a receipt printable; named so a deployment can see and change them. */
export const RECEIPT_LIMITS = {
  /** Long payloads make dense QR codes that phone cameras misread on thermal paper. */
  maxQrPayloadLength: 300,
  maxFieldLength: 2_000,
  /** How many characters of an ID number may stay visible (`***4567**` shows 4). */
  maxVisibleIdCharacters: 4,
} as const;

export interface ReceiptProblem {
  readonly field: string;
  readonly problem: string;
}

/** Thrown by `validateReceipt`. The message names fields and rules, never their (personal) values. */
export class ReceiptValidationError extends Error {
  constructor(readonly problems: readonly ReceiptProblem[]) {
    super(`invalid receipt: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`);
    this.name = 'ReceiptValidationError';
  }
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const REQUIRED_TEXT_FIELDS = [
  'issuer',
  'office',
  'documentType',
  'reference',
  'whatNext',
  'statusUrl',
  'contact',
  'privacyNotice',
  'kioskId',
  'serial',
] as const;

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isValidLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

/** Every problem of `receipt`, empty when it can be printed. */
export function checkReceipt(receipt: Receipt): ReceiptProblem[] {
  const problems: ReceiptProblem[] = [];
  const add = (field: string, problem: string): void => {
    problems.push({ field, problem });
  };
  for (const field of REQUIRED_TEXT_FIELDS) {
    const value = receipt[field];
    if (typeof value !== 'string' || value.trim() === '') add(field, 'is required');
    else if (value.length > RECEIPT_LIMITS.maxFieldLength) add(field, `is longer than ${RECEIPT_LIMITS.maxFieldLength} characters`);
  }
  for (const [name, value] of Object.entries(receipt.labels ?? {})) {
    if (typeof value !== 'string' || value.trim() === '') add(`labels.${name}`, 'is required');
  }
  const qr = receipt.qrPayload;
  if (typeof qr !== 'string' || qr.length === 0) add('qrPayload', 'is required');
  else if (!PRINTABLE_ASCII.test(qr)) {
    // node-thermal-printer writes the QR length in UTF-16 units, not bytes: one non-ASCII
    // character desynchronises the printer for the rest of the job (hardware.md).
    add('qrPayload', 'must be printable ASCII only (percent-encode URLs)');
  } else if (qr.length > RECEIPT_LIMITS.maxQrPayloadLength) {
    add('qrPayload', `is longer than ${RECEIPT_LIMITS.maxQrPayloadLength} characters`);
  }
  if (!ISO_WITH_OFFSET.test(receipt.issuedAt) || Number.isNaN(Date.parse(receipt.issuedAt))) {
    add('issuedAt', 'must be an ISO 8601 date-time with an offset');
  }
  if (!isValidTimeZone(receipt.timeZone)) add('timeZone', 'must be an IANA time zone such as Europe/Madrid');
  if (!isValidLocale(receipt.locale)) add('locale', 'must be a BCP 47 locale');
  if (receipt.maskedId !== null) {
    const visible = receipt.maskedId.replace(/[^0-9A-Za-z]/g, '').length;
    if (!receipt.maskedId.includes('*') || visible > RECEIPT_LIMITS.maxVisibleIdCharacters) {
      add('maskedId', `must be masked with * and show at most ${RECEIPT_LIMITS.maxVisibleIdCharacters} characters`);
    }
  }
  return problems;
}

/** Returns the receipt when it can be printed; throws `ReceiptValidationError` otherwise. */
export function validateReceipt(receipt: Receipt): Receipt {
  const problems = checkReceipt(receipt);
  if (problems.length > 0) throw new ReceiptValidationError(problems);
  return receipt;
}

// Right-to-left and Arabic marks that locales put between date parts; paper has no bidi.
const BIDI_MARKS = /[\u200e\u200f\u061c]/g;

function offsetText(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  const gmt = part?.value ?? 'GMT';
  return gmt === 'GMT' ? 'UTC' : gmt.replace('GMT', 'UTC');
}

/**
 * Date and time of issue in the receipt's zone, with the zone's abbreviation and UTC offset,
 * e.g. `12/03/2025 14:05 CET (UTC+01:00)`. Digits are always Latin: receipt printers have no
 * Arabic-Indic digits.
 */
export function formatIssuedAt(receipt: Pick<Receipt, 'issuedAt' | 'timeZone' | 'locale'>): string {
  const instant = new Date(receipt.issuedAt);
  if (Number.isNaN(instant.getTime())) throw new RangeError('issuedAt is not a valid date-time');
  const locale = `${receipt.locale}-u-nu-latn`;
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: receipt.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(instant)
    .map((p) => (p.type === 'literal' ? p.value.replace(BIDI_MARKS, '').replace(/[^\d/.\- ]/g, '') : p.value))
    .join('')
    .trim();
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: receipt.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .formatToParts(instant)
    .map((p) => (p.type === 'literal' ? ':' : p.value))
    .join('');
  const offset = offsetText(instant, receipt.timeZone);
  const abbreviation = new Intl.DateTimeFormat(receipt.locale, { timeZone: receipt.timeZone, timeZoneName: 'short' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  // Abbreviations such as CET help people; an offset-only name ("GMT+1") or a non-Latin one
  // adds nothing the offset does not already say.
  const useful = abbreviation !== undefined && /^[A-Z]{2,5}$/.test(abbreviation) && !/^(UTC|GMT)$/.test(abbreviation);
  return useful ? `${date} ${time} ${abbreviation} (${offset})` : `${date} ${time} ${offset}`;
}
