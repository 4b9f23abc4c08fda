import { existsSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bundleShell } from './bundle.js';

// `npm run kiosk:electron`: opens the kiosk in Electron where an Electron binary and a display
// exist. Electron 45 downloads its binary on first run, which these build machines cannot do:
// then this says so plainly instead of failing obscurely.

const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    const pkg = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkg, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.error('No Electron binary is installed on this machine (it downloads on first run, which needs the internet).');
  console.error('Run the product with `npm start` and open the kiosk URL in Chromium (kiosk mode: chromium --kiosk URL).');
  process.exit(1);
}
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display (DISPLAY / WAYLAND_DISPLAY): Electron needs one. Start it from the kiosk session, or under cage.');
  process.exit(1);
}
const bundle = await bundleShell();
if (bundle.agent === null) {
  console.error('The agent has no Electron entry yet (kiosk/src/agent/electron-entry.ts): see kiosk/docs/agent-electron-entry.md.');
  process.exit(1);
}
if (!existsSync(join(dirname(bundle.main), '../renderer/index.html'))) {
  console.error('The kiosk renderer is not built: run `npm run build -w @kiosk/kiosk` first.');
  process.exit(1);
}
const child = spawn(binary, [bundle.main], { stdio: 'inherit', env: process.env });
child.on('exit', (code) => process.exit(code ?? 1));
