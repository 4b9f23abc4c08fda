import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Electron runs JavaScript, and a sandboxed preload may load only electron, events, timers and
// url: so main, preload and the agent's entry are each bundled into one CommonJS file with esbuild
// (installed with tsx). Used by launch.ts and before packaging (kiosk/docs/deployment.md).

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_BUNDLE_DIR = join(here, '../../dist/electron');
/** The agent's Electron entry (owned by the agent): answers KioskCall envelopes on parentPort. */
export const AGENT_ENTRY_SOURCE = join(here, '../agent/electron-entry.ts');

/** Native or optional modules stay outside the bundle; better-sqlite3 is rebuilt for Electron. */
const AGENT_EXTERNALS = ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate', 'serialport', '@serialport/*'];

// CommonJS has no import.meta.url; code that derives paths from it gets this file's URL instead.
const IMPORT_META_URL_SHIM = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

export interface BundleResult {
  readonly main: string;
  readonly preload: string;
  /** null when the agent's entry file does not exist yet. */
  readonly agent: string | null;
}

export async function bundleShell(outDir: string = DEFAULT_BUNDLE_DIR): Promise<BundleResult> {
  const { build } = await import('esbuild');
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'warning' } as const;
  const main = join(outDir, 'main.cjs');
  const preload = join(outDir, 'preload.cjs');
  await build({ ...common, entryPoints: [join(here, 'main.ts')], outfile: main, external: ['electron'] });
  await build({ ...common, entryPoints: [join(here, 'preload.ts')], outfile: preload, external: ['electron'] });
  if (!existsSync(AGENT_ENTRY_SOURCE)) return { main, preload, agent: null };
  const agent = join(outDir, 'agent.cjs');
  await build({
    ...common,
    entryPoints: [AGENT_ENTRY_SOURCE],
    outfile: agent,
    external: AGENT_EXTERNALS,
    banner: { js: IMPORT_META_URL_SHIM },
    define: { 'import.meta.url': '__importMetaUrl' },
  });
  return { main, preload, agent };
}

// `node --import tsx kiosk/src/electron/bundle.ts` bundles without starting anything (packaging).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await bundleShell();
  if (result.agent === null) {
    console.error(`The agent's Electron entry is missing (${AGENT_ENTRY_SOURCE}); the shell cannot start the agent.`);
    process.exit(1);
  }
  console.log(`bundled ${result.main}, ${result.preload}, ${result.agent}`);
}
