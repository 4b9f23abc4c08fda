import { app, BrowserWindow, powerSaveBlocker, session, shell } from 'electron';
import { kioskWindowOptions } from './policy/window-options.js';
import { isAllowedNavigation, isAllowedPermission, isBlockedKey } from './policy/navigation.js';

// The thin Electron shell: a locked-down full-screen window on the kiosk agent's page. Every
// decision lives in ./policy (pure, unit-tested); this file only wires it to Electron.
// Today it uses the loopback WebSocket transport (the agent runs beside it, started by launch.ts);
// the IPC transport and crash policy come with the Electron shell issue.

const kioskUrl = process.env.KIOSK_URL ?? 'http://127.0.0.1:5180/';
const allowedPermissions = (process.env.KIOSK_ALLOWED_PERMISSIONS ?? '').split(',').filter(Boolean);

if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, kioskUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKey(input)) event.preventDefault();
  });
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(isAllowedPermission(permission, allowedPermissions)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission, allowedPermissions));
  void shell; // never used: no shell.openExternal from the kiosk
  powerSaveBlocker.start('prevent-display-sleep');
  const window = new BrowserWindow(kioskWindowOptions({ production: app.isPackaged }));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(kioskUrl);
});
