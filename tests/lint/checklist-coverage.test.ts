import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 8: every item of the 25-point accessibility checklist (reference accessibility.md) has an
// end-to-end test titled `checklist NN: ...`, and the report kiosk/docs/accessibility.md names only
// tests that exist. Read at run time: the specs of several helpers are merged at different times.

const root = fileURLToPath(new URL('../..', import.meta.url));
const e2eDir = join(root, 'tests/e2e');
const reportPath = join(root, 'kiosk/docs/accessibility.md');
const ITEMS = Array.from({ length: 25 }, (_, index) => String(index + 1).padStart(2, '0'));

/** A test title as written: a plain string, or a template whose `${...}` parts match anything. */
interface Title {
  readonly file: string;
  readonly text: string;
  readonly matches: (title: string) => boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every `test('checklist NN: ...')` (also `test.only`/`test.fail`, never `test.skip`/`test.fixme`) in a spec's source. */
export function checklistTitles(file: string, source: string): Title[] {
  const titles: Title[] = [];
  const call = /\btest(?:\.only|\.fail)?\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`)/g;
  for (const match of source.matchAll(call)) {
    const raw = match[1] ?? match[2] ?? match[3] ?? '';
    const text = raw.replace(/\\(.)/g, '$1');
    if (!/^checklist \d\d:/.test(text)) continue;
    if (match[3] !== undefined && text.includes('${')) {
      const pattern = new RegExp(`^${text.split(/\$\{[^}]*\}/).map(escapeRegExp).join('.*')}$`);
      titles.push({ file, text, matches: (title) => pattern.test(title) || title === text });
    } else {
      titles.push({ file, text, matches: (title) => title === text });
    }
  }
  return titles;
}

function allTitles(): Title[] {
  return readdirSync(e2eDir)
    .filter((name) => name.endsWith('.spec.ts'))
    .flatMap((name) => checklistTitles(`tests/e2e/${name}`, readFileSync(join(e2eDir, name), 'utf8')));
}

/** The report's references: `tests/e2e/<file>.spec.ts` › `checklist NN: <title>` (a title ending in "…" is a prefix). */
export function reportReferences(report: string): Array<{ file: string; title: string; prefix: boolean }> {
  return [...report.matchAll(/`(tests\/e2e\/[\w.-]+\.spec\.ts)` › `(checklist \d\d:[^`]*)`/g)].map((match) => {
    const title = match[2] ?? '';
    const prefix = title.endsWith('…');
    return { file: match[1] ?? '', title: prefix ? title.slice(0, -1) : title, prefix };
  });
}

describe('the accessibility checklist', () => {
  it('reads test titles the way they are written (quotes, escapes, templates; skipped tests do not count)', () => {
    const source = [
      "test('checklist 02: a plain title', async () => {});",
      'test("checklist 03: it\'s double-quoted", async () => {});',
      "test('checklist 04: the citizen\\'s keys', async () => {});",
      'for (const l of ls) test(`checklist 20: axe on ${l} in ${t}`, async () => {});',
      "test.skip('checklist 05: skipped', async () => {});",
      "test('not a checklist test', async () => {});",
    ].join('\n');
    const titles = checklistTitles('x.spec.ts', source);
    expect(titles.map((title) => title.text)).toEqual([
      'checklist 02: a plain title',
      "checklist 03: it's double-quoted",
      "checklist 04: the citizen's keys",
      'checklist 20: axe on ${l} in ${t}',
    ]);
    expect(titles[3]!.matches('checklist 20: axe on es in high contrast')).toBe(true);
    expect(titles[0]!.matches('checklist 02: a plain')).toBe(false);
    expect(reportReferences('| `tests/e2e/a.spec.ts` › `checklist 01: every…` and `tests/e2e/b.spec.ts` › `checklist 02: x` |')).toEqual([
      { file: 'tests/e2e/a.spec.ts', title: 'checklist 01: every', prefix: true },
      { file: 'tests/e2e/b.spec.ts', title: 'checklist 02: x', prefix: false },
    ]);
  });

  it('has an end-to-end test titled `checklist NN:` for each of its 25 items', () => {
    const titles = allTitles();
    const missing = ITEMS.filter((item) => !titles.some((title) => title.text.startsWith(`checklist ${item}:`)));
    expect(missing, 'checklist items without a test in tests/e2e/*.spec.ts').toEqual([]);
  });

  it('is reported in kiosk/docs/accessibility.md, which names only tests that exist, and every item at least once', () => {
    expect(existsSync(reportPath), 'kiosk/docs/accessibility.md').toBe(true);
    const references = reportReferences(readFileSync(reportPath, 'utf8'));
    expect(references.length).toBeGreaterThanOrEqual(25);
    const titles = allTitles();
    const unknown = references
      .filter(({ file, title, prefix }) => !titles.some((known) => known.file === file && (prefix ? known.text.startsWith(title) : known.matches(title))))
      .map(({ file, title, prefix }) => `${file} › ${title}${prefix ? '…' : ''}`);
    expect(unknown, 'tests the report names that do not exist').toEqual([]);
    const unreported = ITEMS.filter((item) => !references.some((reference) => reference.title.startsWith(`checklist ${item}:`)));
    expect(unreported, 'checklist items the report does not map to a test').toEqual([]);
  });
});
