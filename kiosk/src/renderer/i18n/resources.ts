import type { KioskLocale } from '@kiosk/shared';
import { ar } from './messages/ar.js';
import { ca } from './messages/ca.js';
import { en } from './messages/en.js';
import { es, type Messages } from './messages/es.js';
import { eu } from './messages/eu.js';
import { fr } from './messages/fr.js';
import { gl } from './messages/gl.js';

/** Every kiosk locale's messages; the Record type makes a forgotten locale a type error. */
export const MESSAGES: Readonly<Record<KioskLocale, Messages>> = { es, ca, eu, gl, en, fr, ar };
export type { Messages };
