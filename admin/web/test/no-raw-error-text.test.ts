import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// No page shows the hub's English `message`: the console explains a refusal with errorText /
// useErrorText (src/api/error-messages.ts) in the staff member's language. Only src/api reads
// messages (to build an ApiError and take the field paths of a validation error).

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** `.message` reads that are not a hub refusal, each with why. */
const ALLOWED = new Map<string, string>([
  // The kiosk's own report of why it refused a configuration (kept as the kiosk wrote it).
  [join('pages', 'fleet', 'ConfigSection.tsx'), 'view.reported.error.message'],
]);

function sources(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, found);
    else if (/\.tsx?$/.test(name)) found.push(path);
  }
  return found;
}

describe('console source', () => {
  it('renders no error message text directly', () => {
    const offenders: string[] = [];
    for (const path of sources(SRC)) {
      const file = relative(SRC, path);
      if (file.startsWith(join('api', '')) || file.startsWith(join('i18n', 'messages', ''))) continue;
      for (const match of readFileSync(path, 'utf8').matchAll(/[\w.?]+\??\.message\b/g)) {
        if (ALLOWED.get(file) !== match[0]) offenders.push(`${file}: ${match[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
