import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian packages the tests need, and the file that shows each is installed. */
export const SYSTEM_PACKAGES: ReadonlyArray<{ pkg: string; probe: string; why: string }> = [
  { pkg: 'chromium', probe: '/usr/bin/chromium', why: 'browser end-to-end tests (Playwright drives Debian Chromium; it never downloads a browser)' },
  { pkg: 'socat', probe: '/usr/bin/socat', why: 'pseudo-terminal pairs for the serial scanner tests' },
  { pkg: 'espeak-ng', probe: '/usr/bin/espeak-ng', why: 'the speech engine test (espeak-ng writes a WAV)' },
];

/**
 * Installs what is missing when we are root on Debian (CI, a fresh dev machine); otherwise says
 * exactly what to install and fails.
 */
export function ensureSystemPackages(log: (line: string) => void = console.log): void {
  const missing = SYSTEM_PACKAGES.filter(({ probe }) => !existsSync(probe));
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    const lines = missing.map((m) => `  - ${m.pkg}: ${m.why}`).join('\n');
    throw new Error(`missing system packages:\n${lines}\ninstall them with: sudo apt-get install -y ${names.join(' ')}`);
  }
  log(`installing system packages: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: 'inherit', env });
}
