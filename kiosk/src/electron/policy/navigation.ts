import { isSameOrigin } from './app-origin.js';

/** Navigation is allowed only within the kiosk's own origin; everything else is refused. */
export function isAllowedNavigation(target: string, kioskOrigin: string): boolean {
  return isSameOrigin(target, kioskOrigin);
}

/** What Electron tells a permission handler about one request. */
export interface PermissionRequest {
  readonly permission: string;
  /** For `media`: which devices the page wants (`video` is a camera, `audio` a microphone). */
  readonly mediaTypes?: readonly string[];
  /** The page that asks; only our own origin may be granted anything. */
  readonly requestingUrl: string;
}

/**
 * Names an operator may allow in configuration, mapped to what they grant. `camera` is the QR
 * decoder's: a `media` request for video only; a request that also wants the microphone is refused.
 */
function grants(allowedName: string, request: PermissionRequest): boolean {
  if (allowedName === 'camera') {
    const types = request.mediaTypes ?? [];
    return request.permission === 'media' && types.length > 0 && types.every((type) => type === 'video');
  }
  return allowedName === request.permission;
}

/** Every permission is denied unless the configuration allows it and our own page asks. */
export function isAllowedPermission(request: PermissionRequest, allowed: readonly string[], kioskOrigin: string): boolean {
  if (!isSameOrigin(request.requestingUrl, kioskOrigin)) return false;
  return allowed.some((name) => grants(name, request));
}

/** Keys that would reload, open devtools or zoom: a citizen must not be able to do any of these. */
export function isBlockedKey(input: { key: string; control: boolean; meta: boolean; alt: boolean; shift: boolean }): boolean {
  const key = input.key.toLowerCase();
  const modifier = input.control || input.meta;
  if (key === 'f5' || key === 'f11' || key === 'f12' || key === 'browserback' || key === 'browserforward' || key === 'browserrefresh') return true;
  if (modifier && ['r', 'w', 'q', 'n', 't', 'p', 'o', 's', 'u', '+', '-', '=', '0'].includes(key)) return true;
  if (modifier && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright' || key === 'home')) return true;
  return false;
}
