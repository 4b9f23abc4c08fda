import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { minifySync } from 'vite';
import { repoRoot } from '../stack/stack.js';

const rendererSrc = join(repoRoot, 'kiosk/src/renderer');
const rendererDist = join(repoRoot, 'kiosk/dist/renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Rebuilds the renderer when its sources (or the flows and shared code it bundles) are newer than the build. */
export function ensureFreshRendererBuild(): void {
  let built = 0;
  try {
    built = statSync(join(rendererDist, 'index.html')).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(newestMtime(rendererSrc), newestMtime(join(repoRoot, 'kiosk/src/flows')), newestMtime(join(repoRoot, 'shared/src')));
  if (built > sources) return;
  execFileSync('npm', ['run', 'build', '-w', '@kiosk/kiosk'], { cwd: repoRoot, stdio: 'ignore' });
}

/**
 * The JavaScript a kiosk downloads before its first screen: the entry module and every module it
 * preloads, as index.html lists them (lazy chunks are not counted), gzipped at level 9.
 */
export function initialJavaScriptGzipBytes(): { bytes: number; files: string[] } {
  const html = readFileSync(join(rendererDist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/^\.?\//, ''));
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(rendererDist, file)), { level: 9 }).length, 0);
  return { bytes, files };
}

/**
 * The floor any React kiosk pays: react-dom's production client, minified (the published file is
 * readable, not minified) and gzipped the same way as our bundle.
 */
export function reactDomGzipBytes(): number {
  // The package's exports map hides its cjs folder, so resolve the package root and join the path.
  const require = createRequire(join(repoRoot, 'kiosk/package.json'));
  const file = join(dirname(require.resolve('react-dom/package.json')), 'cjs/react-dom-client.production.js');
  const minified = minifySync(file, readFileSync(file, 'utf8')).code;
  return gzipSync(minified, { level: 9 }).length;
}
