import crypto from 'node:crypto';
import { ENROLMENT_CODE_ALPHABET, ENROLMENT_CODE_LENGTH } from '@kiosk/shared';

/** A fresh user code: uniform over the Crockford alphabet (randomInt has no modulo bias). */
export function randomUserCode(): string {
  let code = '';
  for (let i = 0; i < ENROLMENT_CODE_LENGTH; i += 1) code += ENROLMENT_CODE_ALPHABET.charAt(crypto.randomInt(ENROLMENT_CODE_ALPHABET.length));
  return code;
}
