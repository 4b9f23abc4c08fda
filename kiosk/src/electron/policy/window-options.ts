import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The kiosk window's options. Pure, so a regression test can fail if any security option is
 * turned off (platform.md, Electron shell). `production` removes devtools; `preload` is the
 * bundled preload file (the only bridge the page gets).
 */
export function kioskWindowOptions(options: { production: boolean; preload?: string }): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      ...(options.preload === undefined ? {} : { preload: options.preload }),
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
      // If the compositor reports the window hidden, throttled timers would stop the liveness
      // ticks and the watchdog would restart a healthy page.
      backgroundThrottling: false,
    },
  };
}
