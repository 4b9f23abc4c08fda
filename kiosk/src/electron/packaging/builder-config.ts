import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Configuration } from 'electron-builder';
import { applyKioskFuses } from './fuses.js';

/** Electron is a dependency of the workspace root, not of kiosk/: tell electron-builder which one. */
function installedElectronVersion(): string {
  const manifest = createRequire(import.meta.url).resolve('electron/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * electron-builder configuration (kiosk/electron-builder.config.ts re-exports it). Paths are
 * relative to kiosk/, the project directory. Before packaging: build the renderer and bundle the
 * shell (kiosk/docs/deployment.md). Native modules are rebuilt for Electron here, at packaging
 * time, which needs Electron's headers from the network: a packaging-machine step, not CI.
 */
export const builderConfig = {
  appId: 'es.kiosk.townhall',
  // No spaces: it names the install folder (/opt/TownHallKiosk) that systemd starts.
  productName: 'TownHallKiosk',
  electronVersion: installedElectronVersion(),
  // The workspace package has no `main`; the packaged app starts the bundled shell.
  extraMetadata: { main: 'dist/electron/main.cjs' },
  directories: { output: 'dist/packages', buildResources: 'build' },
  files: ['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  // A native .node file cannot be loaded from inside an asar archive.
  asarUnpack: ['**/node_modules/better-sqlite3/**', '**/*.node'],
  npmRebuild: true,
  buildDependenciesFromSource: false,
  afterPack: applyKioskFuses,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'townhall-kiosk',
  },
  win: { target: ['nsis'] },
  nsis: {
    oneClick: true,
    perMachine: true,
    allowElevation: true,
    runAfterFinish: true,
    createDesktopShortcut: false,
    shortcutName: 'Town Hall Kiosk',
  },
} satisfies Configuration;
