import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_LOCALES } from '@kiosk/shared';
import { ApiError } from '../src/api/client';
import { errorText, GENERIC_ENOUGH, PROBLEM_CODES } from '../src/api/error-messages';
import { NAMESPACES, resourcesFor } from '../src/i18n';
import type { ConsoleLocale } from '../src/i18n/types';

// The hub's refusals reach staff as sentences in the console's language (errorText), never as the
// hub's English message; and every problem code the hub can answer has a sentence, or is listed
// on purpose as one for which the status class's sentence is enough.

const HUB_SRC = fileURLToPath(new URL('../../server/src', import.meta.url));

let tFor: (locale: ConsoleLocale) => TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'es',
    fallbackLng: false,
    ns: Object.keys(NAMESPACES),
    defaultNS: 'common',
    resources: Object.fromEntries(CONSOLE_LOCALES.map((l) => [l, resourcesFor(l)])),
    interpolation: { escapeValue: false },
  });
  tFor = (locale) => instance.getFixedT(locale);
});

describe('errorText', () => {
  it('says a known code in the staff member’s language, not the hub’s English', () => {
    const full = new ApiError(409, 'slot-full', 'this time is fully booked; pick another one');
    expect(errorText(tFor('es'), full)).toBe('Esta hora ya está completa. Elija otra hora.');
    expect(errorText(tFor('eu'), full)).toBe('Ordu hau beteta dago. Aukeratu beste ordu bat.');
    expect(errorText(tFor('en'), full)).toBe('This time is fully booked. Choose another time.');
  });

  it('falls back to the sentence of the status class for a code that needs no more', () => {
    const internal = new ApiError(500, 'internal', 'The hub could not complete this request. It has been logged; try again later.');
    expect(errorText(tFor('es'), internal)).toBe('El servidor ha fallado. Inténtelo más tarde; si sigue pasando, avise a la administración.');
    expect(errorText(tFor('ca'), new ApiError(401, 'unauthorised', 'sign in first: no valid session'))).toBe('La sessió ha acabat. Torneu a entrar.');
  });

  it('keeps an unknown code (never the English text) so support can find it', () => {
    const text = errorText(tFor('es'), new ApiError(409, 'slot-taken-twice', 'some English reason'));
    expect(text).toBe('Otra persona lo ha cambiado mientras tanto o ya no lo permite. Recargue e inténtelo de nuevo. (código: slot-taken-twice)');
    expect(errorText(tFor('gl'), new ApiError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large'))).toBe(
      'O que enviou é demasiado grande ou dun tipo non admitido. Redúzao e ténteo de novo. (código: FST_ERR_CTP_BODY_TOO_LARGE)',
    );
    expect(errorText(tFor('eu'), new ApiError(502, 'http-502', 'Bad Gateway'))).toContain('(kodea: http-502)');
  });

  it('says there is no connection when the hub cannot be reached', () => {
    const offline = new ApiError(0, 'network', 'Failed to fetch');
    expect(errorText(tFor('es'), offline)).toBe('No hay conexión con el servidor. Compruebe la red e inténtelo de nuevo.');
    expect(errorText(tFor('eu'), offline)).toBe('Ez dago konexiorik zerbitzariarekin. Egiaztatu sarea eta saiatu berriro.');
  });

  it('keeps the field paths of a validation error but not its English prose', () => {
    const invalid = new ApiError(400, 'invalid', 'body.email: Invalid email address; querystring.from: Required');
    const text = errorText(tFor('es'), invalid);
    expect(text).toBe('El servidor rechazó los datos. Revise los campos e inténtelo de nuevo. (campos: body.email, querystring.from)');
    expect(errorText(tFor('es'), new ApiError(400, 'invalid', 'If-Match must be a configuration version such as "3"'))).toBe(
      'El servidor rechazó los datos. Revise los campos e inténtelo de nuevo.',
    );
  });

  it('says each broken rule the hub names, in the staff member’s language, with its bound and plural', () => {
    const invalid = new ApiError(400, 'invalid', 'body.username: Invalid input; body.site: Too big', [
      { field: 'body.username', rule: 'required' },
      { field: 'body.site', rule: 'too-long', limit: 100 },
      { field: 'query.tags', rule: 'too-few', limit: 1 },
    ]);
    expect(errorText(tFor('es'), invalid)).toBe(
      'El servidor rechazó los datos. Revise los campos e inténtelo de nuevo. (campos: username: falta; site: como mucho 100 caracteres; tags: al menos 1 elemento)',
    );
    expect(errorText(tFor('en'), invalid)).toBe('The hub refused the data. Check the fields and try again. (fields: username: missing; site: at most 100 characters; tags: at least 1 item)');
    expect(errorText(tFor('ca'), new ApiError(400, 'invalid', '', [{ field: 'body.hours', rule: 'overlap' }]))).toBe(
      'El servidor ha rebutjat les dades. Reviseu els camps i torneu-ho a provar. (camps: hours: es superposa amb un altre tram)',
    );
    // A size rule without its bound is said without a number, never as "undefined".
    expect(errorText(tFor('eu'), new ApiError(400, 'invalid', '', [{ field: 'body', rule: 'too-long' }]))).toBe('Zerbitzariak datuak baztertu ditu. Berrikusi eremuak eta saiatu berriro. (eremuak: body: ez da baliozkoa)');
  });

  it('explains one item of a bulk answer ({ code, message } without a status)', () => {
    expect(errorText(tFor('ca'), { code: 'case-merged', message: 'case 4 was merged into case 2; work on that case instead' })).toBe(
      'Aquest expedient es va unir a un altre. Treballeu en aquest altre expedient.',
    );
    expect(errorText(tFor('en'), { code: 'brand-new', message: 'English' })).toBe(
      'The hub refused this request. Try again; if it goes on, tell the administrator. (code: brand-new)',
    );
  });

  it('says the answer was not understood for anything that is not a hub refusal', () => {
    expect(errorText(tFor('en'), new Error('Unexpected token < in JSON'))).toBe(
      'The console did not understand the hub’s answer. Reload the page; if it goes on, tell the administrator.',
    );
  });

  it.each(CONSOLE_LOCALES.filter((l) => l !== 'en'))('%s has its own sentence for every refusal, not the English one', (locale) => {
    const own: Record<string, string> = NAMESPACES.errors[locale];
    const english: Record<string, string> = NAMESPACES.errors.en;
    for (const [key, text] of Object.entries(own)) expect(text, `${locale}.${key}`).not.toBe(english[key]);
  });
});

/** Every .ts file of the hub, relative path → text. */
function hubSources(): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) sources.set(relative(HUB_SRC, path), readFileSync(path, 'utf8'));
    }
  };
  walk(HUB_SRC);
  return sources;
}

/**
 * Problem codes the hub passes to its problem helpers (badRequest, forbidden, notFound, the
 * per-module conflict helpers, new HubProblem) or writes into an `{ error: { code } }` body itself.
 * A code that is not a plain string literal must be explained in INDIRECT, so a new way of making
 * codes cannot slip past this test.
 */
function hubProblemCodes(): Set<string> {
  const sources = hubSources();
  const checkIn = sources.get(join('modules', 'appointments', 'check-in-service.ts')) ?? '';
  const refusals = [...(/CHECK_IN_REFUSALS = \{([^}]*)\}/.exec(checkIn)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
  expect(refusals.length, 'CHECK_IN_REFUSALS values').toBeGreaterThan(0);
  const INDIRECT: Record<string, readonly string[]> = {
    // The helpers' own definitions (problems.ts, the conflict helpers of jobs and appointments).
    code: [],
    // Check-in refusals (modules/appointments/check-in-service.ts).
    refusal: refusals,
    'CHECK_IN_REFUSALS.alreadyUsed': refusals,
    // fleet/alerts/inbox.ts: acknowledging an alert that is no longer open (ALERT_STATES minus 'open').
    '`alert-${row.state}`': ['alert-acknowledged', 'alert-resolved'],
    // modules/appointments/turn-service.ts: a walk-in for a service by appointment only.
    WALK_IN_NOT_OFFERED: ['walk-in-not-offered'],
  };
  const codes = new Set<string>();
  for (const [file, text] of sources) {
    for (const match of text.matchAll(/\b(?:badRequest|forbidden|notFound|conflict|HubProblem)\(\s*(?:\d+\s*,\s*)?([^,)]+)/g)) {
      const argument = (match[1] ?? '').trim();
      const literal = /^'([^']+)'$/.exec(argument);
      if (literal?.[1] !== undefined) codes.add(literal[1]);
      else if (argument in INDIRECT) for (const code of INDIRECT[argument] ?? []) codes.add(code);
      else expect.fail(`${file}: problem code ${argument} is not a string literal; explain it in INDIRECT`);
    }
    for (const match of text.matchAll(/error: \{ code: '([^']+)'/g)) codes.add(match[1] ?? '');
    if (file === join('http', 'error-handler.ts')) for (const match of text.matchAll(/\bcode: '([^']+)'/g)) codes.add(match[1] ?? '');
  }
  return codes;
}

describe('hub problem codes', () => {
  const codes = hubProblemCodes();

  it('finds the codes (the scan still matches how the hub makes them)', () => {
    for (const code of ['slot-full', 'version-conflict', 'role', 'csrf', 'invalid', 'internal', 'unauthorised', 'appointment-expired', 'alert-resolved']) expect(codes).toContain(code);
  });

  it('each has a sentence in the console or is listed as needing only the generic one', () => {
    const known = new Set<string>([...PROBLEM_CODES, ...Object.keys(GENERIC_ENOUGH)]);
    expect([...codes].filter((code) => !known.has(code)).sort()).toEqual([]);
  });

  it('the console lists no code the hub no longer sends', () => {
    expect([...PROBLEM_CODES, ...Object.keys(GENERIC_ENOUGH)].filter((code) => !codes.has(code)).sort()).toEqual([]);
  });
});
