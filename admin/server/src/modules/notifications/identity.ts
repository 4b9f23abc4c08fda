import { sha256Hex } from '../../security/tokens.js';

/** How an ID document is compared: case, spaces, dots and dashes do not matter ("12.345.678-z" = "12345678Z"). */
export function normaliseIdDocument(value: string): string {
  return value.toUpperCase().replace(/[\s.\-_/]/g, '');
}

/**
 * What is stored instead of the number. Salted with the tenant so equal documents in two
 * municipalities do not match. A DNI has few enough values that this is a lookup key, not a
 * secret: the table is protected like the rest of the personal data.
 */
export function idDocumentHash(tenantId: string, idDocument: string): string {
  return sha256Hex(`${tenantId}:${normaliseIdDocument(idDocument)}`);
}
