import fc from 'fast-check';
import type { FuzzRoute } from './fuzz-hub.js';

/**
 * fast-check generators of hostile HTTP requests: strings that have broken servers before, JSON
 * that is too deep, too big, of the wrong type or aimed at prototypes, form bodies, XML bombs,
 * lying content types, junk credentials.
 */

/** Values that broke parsers, databases, renderers or number handling somewhere before. */
const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', 'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '-0', '1e309', '9007199254740993', '99999999999999999999',
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)',
  "' OR '1'='1", "'; DROP TABLE service_requests; --", '%', '%00', '%zz', '%C0%80', '\\', '../../etc/passwd', '..%2F..%2F',
  '\ud800', '\udfff', '\ufeff', '\u202e\u0644', '𝕏𝕐', 'ﷺ', 'Ω≈ç√∫', '\r\nSet-Cookie: x=1', 'K7QM-000A4-R', 'K7QM-000A4-X', 'CITA:K7QM-000A4-R',
  'true', 'false', '{}', '[]', '2025-02-30T25:61:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'x'.repeat(5_000),
] as const;

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** Any JSON value, with nasty strings among the leaves. */
const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Percent-encodes anything, lone surrogates included (encodeURIComponent throws on those). */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

const rawSegment = fc.oneof(nastyString.map(encode), fc.constantFrom('%', '%zz', '%C0%80', '%00', '..', '.', '%2e%2e%2f', ';', 'a;b=c'));

/** The route's path with each `:param` filled with something hostile (or, sometimes, plausible). */
export function pathFor(route: FuzzRoute): fc.Arbitrary<string> {
  const parts = route.url.split(/(:[A-Za-z0-9_]+)/);
  return fc
    .tuple(...parts.map((part) => (part.startsWith(':') ? fc.oneof(rawSegment, fc.constantFrom('1', 'json', 'xml', 'es')) : fc.constant(part))))
    .map((pieces) => pieces.join(''));
}

/** A query string over the route's own keys, random keys and prototype keys; repeated and bracketed too. */
export function queryFor(route: FuzzRoute): fc.Arbitrary<string> {
  const key = fc.oneof(
    ...(route.queryKeys.length > 0 ? [fc.constantFrom(...route.queryKeys)] : []),
    fc.constantFrom('__proto__', 'constructor[prototype][polluted]', '__proto__[polluted]', 'a[]', 'a[b][c]', 'api_key', 'locale', 'lang', 'jurisdiction_id'),
    nastyString,
  );
  const pair = fc.tuple(key, nastyString).map(([k, v]) => `${encode(k)}=${encode(v)}`);
  return fc.array(fc.oneof(pair, fc.constantFrom('&', '=', '==', 'a', '%', '%zz=1')), { maxLength: 6 }).map((pairs) => (pairs.length === 0 ? '' : `?${pairs.join('&')}`));
}

export interface FuzzBody {
  readonly contentType: string | undefined;
  readonly payload: string | Buffer | undefined;
}

const deepJson = fc.integer({ min: 50, max: 20_000 }).chain((depth) =>
  fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, '['.repeat(depth)),
);

const PROTO_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":1,"__proto__":{"isAdmin":true,"polluted":"yes"},"role":"admin"}',
  '[{"__proto__":{"polluted":"yes"}}]',
];

const XML = [
  '<?xml version="1.0"?><service_request><service_code>x</service_code></service_request>',
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><a>&lol2;</a>',
  '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>',
  '<a><b><c>',
  '<<<>>>',
];

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=iso-8859-1', 'text/plain', 'application/xml', 'text/xml', 'multipart/form-data; boundary=x',
  'application/octet-stream', '', 'application/json, text/html', ';;;', 'application/vnd.api+json',
];

/** A body for the route: JSON (its own keys with wrong values, prototype keys, deep, huge), form, XML or bytes, under any content type. */
export function bodyFor(route: FuzzRoute, apiKey: string): fc.Arbitrary<FuzzBody> {
  const keys = [...route.bodyKeys, 'api_key', 'service_code', 'description', 'attribute[x]', '__proto__'];
  const objectOfKeys = fc.dictionary(fc.oneof(fc.constantFrom(...keys), nastyString), nastyJson, { maxKeys: 6 });
  const json = fc.oneof(
    objectOfKeys.map((value) => JSON.stringify(value)),
    nastyJson.map((value) => JSON.stringify(value) ?? 'null'),
    fc.constantFrom(...PROTO_JSON),
    deepJson,
    fc.constantFrom('{"a":', '{', 'nul', '{"a":1}garbage', '\ufeff{}', '"\\ud800"', 'x'.repeat(70_000)),
  );
  const formBody = fc
    .dictionary(fc.oneof(fc.constantFrom(...keys), nastyString), fc.oneof(nastyString, fc.constant(apiKey)), { maxKeys: 8 })
    .map((fields) => Object.entries(fields).map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
  const text = fc.oneof(json, formBody, fc.constantFrom(...XML), nastyString);
  return fc.oneof(
    { weight: 4, arbitrary: json.map((payload) => ({ contentType: 'application/json', payload })) },
    { weight: 3, arbitrary: formBody.map((payload) => ({ contentType: 'application/x-www-form-urlencoded', payload })) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...CONTENT_TYPES), text).map(([contentType, payload]) => ({ contentType, payload })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ contentType: 'application/json', payload: Buffer.from(bytes) })) },
    { weight: 1, arbitrary: fc.constant({ contentType: undefined, payload: undefined }) },
    { weight: 1, arbitrary: fc.constant({ contentType: 'application/json', payload: '' }) },
  );
}

/** Headers a client may lie with, alongside whatever credentials the run uses. */
export const junkHeaders: fc.Arbitrary<Record<string, string>> = fc
  .array(
    fc.tuple(
      fc.constantFrom('accept', 'accept-language', 'x-protocol-version', 'idempotency-key', 'if-none-match', 'authorization', 'cookie', 'x-requested-with', 'sec-fetch-site', 'x-forwarded-for', 'x-forwarded-proto', 'origin', 'range', 'x-junk'),
      fc.oneof(
        fc.constantFrom('*/*', 'application/xml', 'text/html', 'es', 'ar;q=0.5, zz-ZZ', '1', '0', '999', 'Bearer', 'Bearer .', 'Bearer a.b', 'Basic YTpi', '__Host-session=x; __Host-session=y', 'console', 'cross-site', 'https', 'bytes=0-1', 'x'.repeat(16_000)),
        fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => s.replace(/[\r\n\0]/g, '')),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => Object.fromEntries(pairs));

export type Credentials = 'anonymous' | 'staff' | 'device' | 'junk';
export const credentials: fc.Arbitrary<Credentials> = fc.constantFrom('anonymous', 'staff', 'device', 'junk');
