import { RENDERER_CSP } from '@kiosk/shared';

/**
 * The renderer's own origin. A custom standard, secure scheme (not file://): it has a real origin,
 * gets the CSP as a response header, and cannot read the rest of the disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The same CSP as the agent's loopback server: one policy in @kiosk/shared. */
export { RENDERER_CSP };

export const RENDERER_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Scheme and host, compared literally. WHATWG URL gives every non-special scheme (app:) the
 * opaque origin "null", so comparing `.origin` would let any app://other or foo:// URL through.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isSameOrigin(url: string, origin: string): boolean {
  const actual = originOf(url);
  return actual !== null && actual === originOf(origin);
}
