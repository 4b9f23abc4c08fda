import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The kiosk window's options. Pure, so a regression test can fail if any security option is
 * turned off (platform.md, Electron shell). `production` removes devtools.
 */
export function kioskWindowOptions(options: { production: boolean }): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: !options.production,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
