import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { KIOSK_LOCALES, type KioskLocale } from '@kiosk/shared';
import { LANGUAGE_ENDONYMS } from '../../kiosk/src/renderer/i18n/endonyms.js';
import { repoRoot } from '../stack/stack.js';
import { test, expect, LANDSCAPE, PORTRAIT } from './a11y-helpers.js';
import { walkKioskScreens, type ScreenVisit } from './kiosk-screens.js';
import { screenProblems } from './a11y-page-checks.js';

// Issue 8, checklist items 16-21 on every kiosk screen a citizen can reach (kiosk-screens.ts walks
// them), in all seven languages, each screen seen in the three display modes {default, large text,
// high contrast} switched in place through the Help dialog's own switches:
//   16 large text: no text below the 0.7-degree size;
//   17 large text: no sideways scrolling, clipping or overlap (portrait; es and ar landscape too);
//   18 every control at least 44x44 px, 8 px from the next one (default and large text);
//   19 high contrast: axe's 7:1 text rule, 3:1 control edges, and nothing lost under forced colours;
//   20 axe-core with the wcag2a/2aa/21a/21aa/22aa tags: zero violations in every mode;
//   21 lang and dir on the document, other-language text marked, every control named.
// One walk per language (beforeAll) measures all six; each item is then its own test.

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** EN 301 549 5.1.4 at the kiosk's defaults (a11y-config.ts): 600 mm, 3.78 px/mm, cap height 0.7 em. */
const LARGE_FONT_PX = Math.ceil((600 * 0.01222 * 3.78) / 0.7);
const MIN_TARGET_PX = 44;
const MIN_TARGET_GAP_PX = 8;
/** Screens every language's walk reaches: 67, of which three (easy-read, walk-in and its turn) only when the content and offices have them. */
const REQUIRED_SCREENS = 64;

const AXE_CORE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** Each language's findings, for people to read (tests/artifacts is kept by CI). */
const REPORT_DIR = join(repoRoot, 'tests/artifacts/a11y-sweep');
/**
 * A failed test makes Playwright start a new worker process, which runs beforeAll again: the walk
 * is saved under the runner's process id (the workers' parent) so one run walks each language once.
 */
const savedSweep = (locale: KioskLocale) => join(tmpdir(), `kiosk-a11y-sweep-${process.ppid}-${locale}.json`);

const SHOTS_DIR = join(repoRoot, 'tests/artifacts/screenshots');
/** Debugging aid: A11Y_SWEEP_SCREENS=<regex> measures only the screens whose name matches (the walk is the same). */
const ONLY = process.env.A11Y_SWEEP_SCREENS ? new RegExp(process.env.A11Y_SWEEP_SCREENS) : null;

type Mode = 'default' | 'large' | 'contrast';
type Item = '16' | '17' | '18' | '19' | '20' | '21';
interface Sweep {
  screens: string[];
  /** How long the walk took, for the time budget. */
  ms: number;
  /** How many screen x mode measurements each item took: a check that measured nothing must not pass. */
  measured: Record<Item, number>;
  problems: Record<Item, string[]>;
}

const WANT: Record<Mode, { textSize: string; contrast: string }> = {
  default: { textSize: 'normal', contrast: 'normal' },
  large: { textSize: 'large', contrast: 'normal' },
  contrast: { textSize: 'normal', contrast: 'high' },
};

/**
 * Switches text size and contrast to `mode` with the Help dialog's own switches, as a citizen
 * would: Help, the switches, Close. The presses are DOM clicks from inside the page (the same click
 * handlers a touch runs) because Playwright's per-action checks would cost most of the budget.
 */
async function setMode(page: Page, visit: ScreenVisit, mode: Mode): Promise<void> {
  const root = page.getByTestId('a11y-root');
  const have = { textSize: await root.getAttribute('data-text-size'), contrast: await root.getAttribute('data-contrast') };
  const toggles = (['textSize', 'contrast'] as const).filter((name) => have[name] !== WANT[mode][name]);
  if (toggles.length === 0) return;
  if (!visit.help) await visit.dialog?.close();
  await page.evaluate(
    async ({ toggles, viaHelp }) => {
      const present = async (selector: string, wanted: boolean): Promise<HTMLElement | null> => {
        for (let tries = 0; tries < 500; tries += 1) {
          const element = document.querySelector<HTMLElement>(selector);
          if ((element !== null) === wanted) return element;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error(`${selector} never ${wanted ? 'appeared' : 'went away'}`);
      };
      if (viaHelp) (await present('[data-testid="top-help"]', true))!.click();
      await present('[data-testid="help-dialog"]', true);
      for (const name of toggles) (await present(`[data-testid="a11y-${name}"]`, true))!.click();
      if (viaHelp) {
        (await present('[data-testid="help-close"]', true))!.click();
        await present('[data-testid="help-dialog"]', false);
      }
    },
    { toggles, viaHelp: !visit.help },
  );
  await expect(root).toHaveAttribute('data-text-size', WANT[mode].textSize);
  await expect(root).toHaveAttribute('data-contrast', WANT[mode].contrast);
  if (!visit.help) await visit.dialog?.reopen();
}

async function axe(page: Page, enhancedContrast: boolean): Promise<Array<{ id: string; targets: string[] }>> {
  // axe-core is already in the page (an init script, see beforeAll): AxeBuilder evaluates this
  // no-op instead of the 0.5 MB engine, twice per run, over a thousand runs.
  const results = await new AxeBuilder({ page, axeSource: 'void 0' })
    .options({ resultTypes: ['violations'], rules: enhancedContrast ? { 'color-contrast-enhanced': { enabled: true } } : {} })
    .withTags(AXE_TAGS)
    // One axe run in the page itself: the default mode opens a blank page per run to merge frames (the kiosk has none).
    .setLegacyMode(true)
    .analyze();
  return results.violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => `${node.target.join(' ')}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ').slice(0, 160)})` : ''}`) }));
}

async function sweep(page: Page, kioskUrl: string, locale: KioskLocale): Promise<Sweep> {
  const started = Date.now();
  const result: Sweep = {
    screens: [],
    ms: 0,
    measured: { '16': 0, '17': 0, '18': 0, '19': 0, '20': 0, '21': 0 },
    problems: { '16': [], '17': [], '18': [], '19': [], '20': [], '21': [] },
  };
  const note = (item: Item, screen: string, mode: string, problems: string[]) => {
    result.measured[item] += 1;
    for (const problem of problems) result.problems[item].push(`${locale} ${screen} (${mode}): ${problem}`);
  };
  const bothOrientations = locale === 'es' || locale === 'ar';
  let screen = '';
  /** Checklist 17, with a picture of the screen when something is wrong. */
  const layoutCheck = async (orientation: string) => {
    const problems = (await screenProblems(page, { checks: ['layout'] })).layout ?? [];
    note('17', screen, `large, ${orientation}`, problems);
    if (problems.length > 0) await page.screenshot({ path: join(SHOTS_DIR, `a11y-sweep-${locale}-${screen.replace(/\//g, '-')}-large-${orientation}.png`) });
  };
  result.screens = await walkKioskScreens(page, {
    kioskUrl,
    locale,
    visit: async (visit) => {
      if (ONLY !== null && !ONLY.test(visit.name)) return;
      screen = visit.name;
      const current = visit.fixed ? null : await page.getByTestId('a11y-root').getAttribute('data-contrast');
      // Start from whichever end the previous screen left, so each screen costs two switches.
      const modes: Mode[] = visit.fixed ? ['default'] : current === 'high' ? ['contrast', 'large', 'default'] : ['default', 'large', 'contrast'];
      for (const mode of modes) {
        if (!visit.fixed) await setMode(page, visit, mode);
        const violations = await axe(page, mode === 'contrast');
        note('20', visit.name, mode, violations.filter((v) => v.id !== 'color-contrast-enhanced').flatMap((v) => v.targets.map((target) => `${v.id} ${target}`)));
        const measured = await screenProblems(page, {
          checks: mode === 'default' ? ['targets', 'language'] : mode === 'large' ? ['targets', 'smallText'] : ['controlContrast'],
          minFontPx: LARGE_FONT_PX,
          minTargetPx: MIN_TARGET_PX,
          minGapPx: MIN_TARGET_GAP_PX,
          locale,
          endonyms: LANGUAGE_ENDONYMS,
        });
        if (measured.targets) note('18', visit.name, mode, measured.targets);
        if (measured.language) note('21', visit.name, mode, measured.language);
        if (measured.smallText) note('16', visit.name, mode, measured.smallText);
        if (mode === 'large') {
          await layoutCheck('portrait');
          if (bothOrientations) {
            await page.setViewportSize(LANDSCAPE);
            await layoutCheck('landscape');
            await page.setViewportSize(PORTRAIT);
          }
        }
        if (mode === 'contrast') {
          const enhanced = violations.filter((v) => v.id === 'color-contrast-enhanced').flatMap((v) => v.targets.map((target) => `text below 7:1 ${target}`));
          note('19', visit.name, mode, [...enhanced, ...(measured.controlContrast ?? [])]);
          await page.emulateMedia({ forcedColors: 'active' });
          note('19', visit.name, 'forced colours', (await screenProblems(page, { checks: ['forcedColours'] })).forcedColours ?? []);
          await page.emulateMedia({ forcedColors: 'none' });
        }
      }
    },
  });
  result.ms = Date.now() - started;
  return result;
}

const ITEM_TITLES: Record<Item, string> = {
  '16': 'large text: no text on any screen is smaller than the size whose capital H subtends 0.7 degrees',
  '17': 'large text: no screen scrolls sideways, clips or overlaps text or controls',
  '18': 'every control on every screen is at least 44x44 px with 8 px between controls',
  '19': 'high contrast: text 7:1, control edges 3:1, and no control disappears under forced colours, on every screen',
  '20': 'axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) finds zero violations on every screen in default, large text and high contrast',
  '21': 'the document lang and dir match the language, other-language words carry their own lang, every control has a name and role',
};

for (const locale of KIOSK_LOCALES) {
  test.describe(`every kiosk screen in ${locale}`, () => {
    let context: BrowserContext;
    let result: Sweep | null = null;

    test.beforeAll(async ({ speech, browser }) => {
      // A walk takes one to three minutes, more while the machine is busy.
      test.setTimeout(480_000);
      context = await browser.newContext({ viewport: PORTRAIT, hasTouch: true, reducedMotion: 'reduce' });
      const saved = savedSweep(locale);
      if (existsSync(saved) && ONLY === null) {
        // This run already walked this language; a failed item test restarted the worker (a new process).
        result = JSON.parse(readFileSync(saved, 'utf8')) as Sweep;
        return;
      }
      await context.addInitScript({ path: AXE_CORE });
      const page = await context.newPage();
      await page.clock.install();
      result = await sweep(page, speech.stack.kioskUrl, locale);
      await page.close();
      writeFileSync(saved, JSON.stringify(result));
      mkdirSync(REPORT_DIR, { recursive: true });
      writeFileSync(join(REPORT_DIR, `${locale}.json`), JSON.stringify(result, null, 2));
    });

    test.afterAll(async () => {
      await context?.close();
    });

    const check = (item: Item) => {
      expect(result, 'the walk over every screen finished').not.toBeNull();
      expect(result!.screens.length, `screens walked: ${result!.screens.join(', ')}`).toBeGreaterThanOrEqual(REQUIRED_SCREENS);
      expect(result!.measured[item], 'measurements taken').toBeGreaterThanOrEqual(REQUIRED_SCREENS);
      expect(result!.problems[item]).toEqual([]);
    };
    // One literal title per item: tests/lint/checklist-coverage.test.ts reads the item numbers from the source.
    test(`checklist 16: ${ITEM_TITLES['16']} (${locale})`, () => check('16'));
    test(`checklist 17: ${ITEM_TITLES['17']} (${locale})`, () => check('17'));
    test(`checklist 18: ${ITEM_TITLES['18']} (${locale})`, () => check('18'));
    test(`checklist 19: ${ITEM_TITLES['19']} (${locale})`, () => check('19'));
    test(`checklist 20: ${ITEM_TITLES['20']} (${locale})`, () => check('20'));
    test(`checklist 21: ${ITEM_TITLES['21']} (${locale})`, () => check('21'));
  });
}
