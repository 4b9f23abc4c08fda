import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { scanLinesFromTerminal, startDemoScanner } from './demo-scanner.js';
import { buildIfMissing, startStack } from './stack.js';

// `npm start`: the whole product on the embedded defaults (hub + printer emulator + one kiosk
// with a simulated serial QR scanner).
const env = process.env;
const dataDir = resolve(env.DATA_DIR ?? 'data');
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);

buildIfMissing();
mkdirSync(dataDir, { recursive: true });
const scanner = await startDemoScanner(dataDir);
const stack = await startStack({
  dataDir,
  hubPort: port('PORT', 8080),
  kioskPort: port('KIOSK_PORT', 5180),
  printerPort: port('PRINTER_PORT', 9100),
  printerHttpPort: port('PRINTER_HTTP_PORT', 9180),
  // The hub logs every request at info level: right for operators, a flood in a demo terminal
  // where the URLs and first-run credentials must stay readable. LOG_LEVEL=info brings them back.
  env: { LOG_LEVEL: env.LOG_LEVEL ?? 'warn', ...('pair' in scanner ? { KIOSK_SCANNER: env.KIOSK_SCANNER ?? scanner.agentSetting } : {}) },
});

console.log(`
  Town-hall kiosk platform is running (data in ${dataDir})

  Kiosk (touch screen):      ${stack.kioskUrl}/
  Staff console:             ${stack.hubUrl}/console/
  Hub health:                ${stack.hubUrl}/healthz
  Open311 GeoReport v2:      ${stack.hubUrl}/open311/v2/discovery.json
  Printed receipts:          ${stack.printerHttpUrl}/   (the printer emulator's paper roll)
  QR scanner (simulated):    ${'pair' in scanner ? `type a code here and press Enter, or npm run sim -- scanner --link ${scanner.link} --type 'CITA:C1TA-...'` : scanner.missing}

  The console's admin password and the demo Open311 API key are printed by the hub above on its
  first start only. Press Ctrl-C to stop everything.
`);

const stopScanning = 'pair' in scanner ? scanLinesFromTerminal(scanner.pair) : () => undefined;
let stopping = false;
// If one part dies on its own, say which and stop the rest: a half-running product misleads.
for (const managed of Object.values(stack.processes)) {
  void managed.exited.then((code) => {
    if (stopping) return;
    console.error(`${managed.name} exited unexpectedly (${code}); stopping the rest.`);
    stopping = true;
    void stopAll().then(() => process.exit(1));
  });
}
const stopAll = async () => {
  stopScanning();
  await stack.stop();
  if ('pair' in scanner) await scanner.pair.close();
};
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  console.log('stopping...');
  void stopAll().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
