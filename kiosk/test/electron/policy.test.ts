import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../src/electron/policy/window-options.js';
import { isAllowedNavigation, isAllowedPermission, isBlockedKey } from '../../src/electron/policy/navigation.js';
import { checkIpcSender } from '../../src/electron/policy/ipc-sender.js';
import { APP_ORIGIN, isSameOrigin } from '../../src/electron/policy/app-origin.js';
import { shouldRegisterLoginItem } from '../../src/electron/policy/autostart.js';
import { relaunchMethod } from '../../src/electron/policy/relaunch.js';

describe('kiosk window options (regression: fails if a security option is turned off)', () => {
  const production = kioskWindowOptions({ production: true, preload: '/app/preload.cjs' });
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
      navigateOnDragDrop: false,
      preload: '/app/preload.cjs',
    });
    expect(production).toMatchObject({ kiosk: true, fullscreen: true });
  });
  it('has no option that loosens the sandbox, whatever its name', () => {
    const preferences = production.webPreferences ?? {};
    for (const risky of ['experimentalFeatures', 'enableBlinkFeatures', 'additionalArguments', 'partition', 'disableBlinkFeatures'] as const) {
      expect(preferences[risky]).toBeUndefined();
    }
  });
  it('allows devtools only outside production', () => {
    expect(kioskWindowOptions({ production: false }).webPreferences?.devTools).toBe(true);
  });
});

describe('our origin', () => {
  it('compares scheme and host literally, because every app: URL has the opaque origin "null"', () => {
    expect(new URL('app://other/').origin).toBe(new URL(`${APP_ORIGIN}/`).origin); // why isSameOrigin exists
    expect(isSameOrigin(`${APP_ORIGIN}/index.html`, APP_ORIGIN)).toBe(true);
    expect(isSameOrigin('app://other/index.html', APP_ORIGIN)).toBe(false);
    expect(isSameOrigin('foo://kiosk/', APP_ORIGIN)).toBe(false);
    expect(isSameOrigin('app:kiosk', APP_ORIGIN)).toBe(false);
  });
});

describe('navigation, permissions and keys', () => {
  it('stays on the kiosk origin', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/index.html#/request`, APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:5180/other', 'http://127.0.0.1:5180/')).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:5181/', 'http://127.0.0.1:5180/')).toBe(false);
    expect(isAllowedNavigation('https://example.org/', APP_ORIGIN)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', APP_ORIGIN)).toBe(false);
    expect(isAllowedNavigation('app://elsewhere/', APP_ORIGIN)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', APP_ORIGIN)).toBe(false);
    expect(isAllowedNavigation('not a url', APP_ORIGIN)).toBe(false);
  });
  it('denies every permission unless configured, and only to our page', () => {
    const page = `${APP_ORIGIN}/index.html`;
    expect(isAllowedPermission({ permission: 'media', mediaTypes: ['video'], requestingUrl: page }, [], APP_ORIGIN)).toBe(false);
    expect(isAllowedPermission({ permission: 'media', mediaTypes: ['video'], requestingUrl: page }, ['camera'], APP_ORIGIN)).toBe(true);
    expect(isAllowedPermission({ permission: 'media', mediaTypes: ['video', 'audio'], requestingUrl: page }, ['camera'], APP_ORIGIN)).toBe(false);
    expect(isAllowedPermission({ permission: 'media', mediaTypes: [], requestingUrl: page }, ['camera'], APP_ORIGIN)).toBe(false);
    expect(isAllowedPermission({ permission: 'media', mediaTypes: ['video'], requestingUrl: 'https://evil.example/' }, ['camera'], APP_ORIGIN)).toBe(false);
    expect(isAllowedPermission({ permission: 'geolocation', requestingUrl: page }, ['camera'], APP_ORIGIN)).toBe(false);
    expect(isAllowedPermission({ permission: 'notifications', requestingUrl: page }, ['notifications'], APP_ORIGIN)).toBe(true);
  });
  it('blocks reload, devtools, zoom and window keys, not typing', () => {
    const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) =>
      isBlockedKey({ key: k, control: false, meta: false, alt: false, shift: false, ...mods });
    expect(key('F5')).toBe(true);
    expect(key('F12')).toBe(true);
    expect(key('r', { control: true })).toBe(true);
    expect(key('I', { control: true, shift: true })).toBe(true);
    expect(key('+', { control: true })).toBe(true);
    expect(key('0', { meta: true })).toBe(true);
    expect(key('F4', { alt: true })).toBe(true);
    expect(key('ArrowLeft', { alt: true })).toBe(true);
    expect(key('BrowserBack')).toBe(true);
    expect(key('r')).toBe(false);
    expect(key('ñ')).toBe(false);
    expect(key('Enter')).toBe(false);
    expect(key('ArrowLeft')).toBe(false);
  });
});

describe('the IPC sender check', () => {
  const expected = { origin: APP_ORIGIN, webContentsId: 3 };
  const ours = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, webContentsId: 3 };
  it('trusts only our window, its top frame, on our origin', () => {
    expect(checkIpcSender(ours, expected)).toEqual({ trusted: true });
    expect(checkIpcSender({ ...ours, webContentsId: 4 }, expected)).toMatchObject({ trusted: false, reason: 'not the kiosk window' });
    expect(checkIpcSender({ ...ours, isMainFrame: false }, expected)).toMatchObject({ trusted: false, reason: 'not the top frame' });
    expect(checkIpcSender({ ...ours, frameUrl: 'https://evil.example/' }, expected)).toMatchObject({ trusted: false, reason: 'not our origin' });
    expect(checkIpcSender({ ...ours, frameUrl: null }, expected)).toMatchObject({ trusted: false, reason: 'sender frame is gone' });
    expect(checkIpcSender(ours, { ...expected, webContentsId: null })).toMatchObject({ trusted: false });
  });
});

describe('auto-start', () => {
  it('registers a log-in item only for a packaged Windows app (Linux starts from systemd)', () => {
    expect(shouldRegisterLoginItem('win32', true)).toBe(true);
    expect(shouldRegisterLoginItem('win32', false)).toBe(false);
    expect(shouldRegisterLoginItem('linux', true)).toBe(false);
  });
});

describe('relaunch', () => {
  it('exits for the supervisor to restart under systemd, relaunches itself otherwise', () => {
    expect(relaunchMethod({ INVOCATION_ID: 'abc' })).toBe('exit');
    expect(relaunchMethod({})).toBe('self');
    expect(relaunchMethod({ KIOSK_RELAUNCH: 'exit' })).toBe('exit');
    expect(relaunchMethod({ INVOCATION_ID: 'abc', KIOSK_RELAUNCH: 'self' })).toBe('self');
    expect(relaunchMethod({ KIOSK_RELAUNCH: 'sideways' })).toBe('self');
  });
});
