/** Navigation is allowed only within the kiosk's own origin; everything else is refused. */
export function isAllowedNavigation(target: string, kioskOrigin: string): boolean {
  try {
    return new URL(target).origin === new URL(kioskOrigin).origin;
  } catch {
    return false;
  }
}

/** Permissions the page may get: none, unless the configuration allows one (e.g. camera for QR). */
export function isAllowedPermission(permission: string, allowed: readonly string[]): boolean {
  return allowed.includes(permission);
}

/** Keys that would reload, open devtools or zoom: a citizen must not be able to do any of these. */
export function isBlockedKey(input: { key: string; control: boolean; meta: boolean; alt: boolean; shift: boolean }): boolean {
  const key = input.key.toLowerCase();
  const modifier = input.control || input.meta;
  if (key === 'f5' || key === 'f11' || key === 'f12') return true;
  if (modifier && ['r', 'w', 'q', 'n', 't', 'p', '+', '-', '=', '0'].includes(key)) return true;
  if (modifier && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright')) return true;
  return false;
}
