import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../src/electron/policy/window-options.js';
import { isAllowedNavigation, isAllowedPermission, isBlockedKey } from '../../src/electron/policy/navigation.js';

describe('kiosk window options (regression: fails if a security option is turned off)', () => {
  const production = kioskWindowOptions({ production: true });
  it('keeps the renderer isolated and sandboxed', () => {
    expect(production.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
    expect(production.kiosk).toBe(true);
  });
  it('allows devtools only outside production', () => {
    expect(kioskWindowOptions({ production: false }).webPreferences?.devTools).toBe(true);
  });
});

describe('navigation, permissions and keys', () => {
  const origin = 'http://127.0.0.1:5180/';
  it('stays on the kiosk origin', () => {
    expect(isAllowedNavigation('http://127.0.0.1:5180/other', origin)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:5181/', origin)).toBe(false);
    expect(isAllowedNavigation('https://example.org/', origin)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', origin)).toBe(false);
    expect(isAllowedNavigation('not a url', origin)).toBe(false);
  });
  it('denies every permission unless configured', () => {
    expect(isAllowedPermission('media', [])).toBe(false);
    expect(isAllowedPermission('media', ['media'])).toBe(true);
    expect(isAllowedPermission('geolocation', ['media'])).toBe(false);
  });
  it('blocks reload, devtools, zoom and window keys, not typing', () => {
    const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) =>
      isBlockedKey({ key: k, control: false, meta: false, alt: false, shift: false, ...mods });
    expect(key('F5')).toBe(true);
    expect(key('r', { control: true })).toBe(true);
    expect(key('I', { control: true, shift: true })).toBe(true);
    expect(key('+', { control: true })).toBe(true);
    expect(key('F4', { alt: true })).toBe(true);
    expect(key('r')).toBe(false);
    expect(key('ñ')).toBe(false);
    expect(key('Enter')).toBe(false);
  });
});
