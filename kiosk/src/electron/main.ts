import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session, utilityProcess } from 'electron';
import { loadShellConfig } from './config.js';
import { APP_ORIGIN, APP_SCHEME, RENDERER_RESPONSE_HEADERS } from './policy/app-origin.js';
import { OUT_OF_SERVICE_PATH, outOfServicePage, resolveAppRequest } from './policy/app-protocol.js';
import { shouldRegisterLoginItem } from './policy/autostart.js';
import { RELAUNCH_EXIT_CODE, relaunchMethod } from './policy/relaunch.js';
import { parseCrashHistory, type CrashHistory } from './policy/crash-policy.js';
import { checkIpcSender } from './policy/ipc-sender.js';
import { screenshotPng } from './policy/capture.js';
import { isAllowedNavigation, isAllowedPermission, isBlockedKey } from './policy/navigation.js';
import { kioskWindowOptions } from './policy/window-options.js';
import { createAgentLink } from './ipc/agent-link.js';
import { KIOSK_ALIVE_CHANNEL, KIOSK_EVENT_CHANNEL } from './ipc/channels.js';
import { registerKioskIpc, senderOf } from './ipc/kiosk-ipc.js';
import { superviseAgentProcess } from './recovery/agent-process.js';
import { createRendererSupervisor, type RendererSupervisor } from './recovery/renderer-supervisor.js';

// The thin Electron shell. Every decision lives in ./policy (pure, unit-tested); this file only
// wires it to Electron. Bundled to dist/electron/main.cjs (bundle.ts), so __dirname is that folder.

const config = loadShellConfig(process.env, __dirname);
const AGENT_HEALTHY_AFTER_MS = 60_000;
const log = (message: string, fields: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), source: 'shell', message, ...fields }));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Must happen before `ready`: a standard, secure scheme gets a real origin and fetch().
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  start();
}

function start(): void {
  let kioskWindow: BrowserWindow | null = null;
  let supervisor: RendererSupervisor | null = null;
  let quitting = false;
  const historyFile = () => join(app.getPath('userData'), 'crash-history.json');
  const readHistory = (): CrashHistory => {
    try {
      return parseCrashHistory(readFileSync(historyFile(), 'utf8'));
    } catch {
      return parseCrashHistory(null);
    }
  };
  const saveHistory = (history: CrashHistory) => {
    try {
      writeFileSync(historyFile(), JSON.stringify(history));
    } catch (error) {
      log('could not store the crash history', { error: (error as Error).message });
    }
  };

  const agent = createAgentLink({
    callTimeoutMs: config.agentCallTimeoutMs,
    onEvent: (envelope) => kioskWindow?.webContents.send(KIOSK_EVENT_CHANNEL, envelope),
    log,
    // Screenshot jobs (the agent asks only when no citizen session is active): the kiosk window, downscaled.
    capture: async () => {
      if (kioskWindow === null) throw new Error('there is no kiosk window to capture');
      return screenshotPng(await kioskWindow.webContents.capturePage());
    },
  });

  app.on('second-instance', () => kioskWindow?.focus());
  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('web-contents-created', (_event, contents) => {
    const refuseForeign = (event: { preventDefault(): void }, url: string) => {
      if (!isAllowedNavigation(url, APP_ORIGIN)) {
        event.preventDefault();
        log('refused a navigation away from the kiosk', { scheme: url.split(':')[0] });
      }
    };
    contents.on('will-navigate', (event, url) => refuseForeign(event, url));
    contents.on('will-redirect', (event, url) => refuseForeign(event, url));
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('before-input-event', (event, input) => {
      if (isBlockedKey(input)) event.preventDefault();
    });
  });

  void app.whenReady().then(() => {
    if (app.isPackaged) Menu.setApplicationMenu(null); // the default menu carries reload/devtools accelerators
    if (shouldRegisterLoginItem(process.platform, app.isPackaged)) app.setLoginItemSettings({ openAtLogin: true });

    protocol.handle(APP_SCHEME, async (request) => {
      const target = resolveAppRequest({ url: request.url, method: request.method }, config.rendererDir);
      if (target.kind === 'refused') return new Response(null, { status: target.status, headers: RENDERER_RESPONSE_HEADERS });
      if (target.kind === 'out-of-service') {
        return new Response(outOfServicePage(), { headers: { ...RENDERER_RESPONSE_HEADERS, 'content-type': 'text/html; charset=utf-8' } });
      }
      try {
        const body = await readFile(target.path);
        return new Response(request.method === 'HEAD' ? null : body, { headers: { ...RENDERER_RESPONSE_HEADERS, 'content-type': target.contentType } });
      } catch {
        return new Response(null, { status: 404, headers: RENDERER_RESPONSE_HEADERS });
      }
    });

    const kioskSession = session.defaultSession;
    kioskSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
      callback(isAllowedPermission({ permission, mediaTypes: 'mediaTypes' in details ? details.mediaTypes : [], requestingUrl: details.requestingUrl }, config.allowedPermissions, APP_ORIGIN)),
    );
    kioskSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
      isAllowedPermission({ permission, mediaTypes: details.mediaType ? [details.mediaType] : [], requestingUrl: requestingOrigin }, config.allowedPermissions, APP_ORIGIN),
    );
    kioskSession.on('will-download', (event) => event.preventDefault());
    powerSaveBlocker.start('prevent-display-sleep');

    const agentProcess = superviseAgentProcess({
      fork: () =>
        utilityProcess.fork(config.agentEntry, [], {
          serviceName: 'kiosk-agent',
          stdio: 'inherit',
          env: { ...process.env, RENDERER_DIR: config.rendererDir },
        }),
      link: agent,
      restartBaseMs: config.agentRestartBaseMs,
      restartCapMs: config.agentRestartCapMs,
      healthyAfterMs: AGENT_HEALTHY_AFTER_MS,
      now: Date.now,
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      random: Math.random,
      log,
    });
    app.on('will-quit', () => agentProcess.stop());

    registerKioskIpc(ipcMain, { origin: APP_ORIGIN, kioskWebContentsId: () => kioskWindow?.webContents.id ?? null, agent, log });

    const window = new BrowserWindow(kioskWindowOptions({ production: app.isPackaged, preload: join(__dirname, 'preload.cjs') }));
    kioskWindow = window;
    const contents = window.webContents;
    supervisor = createRendererSupervisor({
      page: { load: (url) => void contents.loadURL(url), crash: () => contents.forcefullyCrashRenderer() },
      startUrl: config.startUrl,
      outOfServiceUrl: `${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`,
      crash: config.crash,
      liveness: config.liveness,
      clock: { now: Date.now, setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
      history: readHistory(),
      saveHistory,
      relaunch: () => {
        if (relaunchMethod(process.env) === 'exit') {
          app.exit(RELAUNCH_EXIT_CODE); // the supervisor (Restart=always) starts a fresh one
          return;
        }
        app.relaunch();
        app.exit(0);
      },
      reportStatus: (status) => agent.reportShellStatus(status),
      log,
    });
    ipcMain.on(KIOSK_ALIVE_CHANNEL, (event) => {
      if (checkIpcSender(senderOf(event), { origin: APP_ORIGIN, webContentsId: contents.id }).trusted) supervisor?.tick();
    });
    contents.on('did-start-loading', () => supervisor?.loadStarted());
    contents.on('render-process-gone', (_event, details) => {
      if (!quitting) supervisor?.rendererGone(details.reason);
    });
    contents.on('unresponsive', () => log('kiosk page reported unresponsive; the liveness watchdog decides'));
    const watchdog = setInterval(() => supervisor?.checkLiveness(), config.liveness.tickIntervalMs);
    window.on('closed', () => {
      clearInterval(watchdog);
      supervisor?.dispose();
      kioskWindow = null;
    });
    window.once('ready-to-show', () => window.show());
    void contents.loadURL(config.startUrl);
  });
}
