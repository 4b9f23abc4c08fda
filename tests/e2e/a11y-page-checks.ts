import type { Page } from '@playwright/test';

// Measurements the accessibility sweeps (a11y-checklist-axe.spec.ts) take on whatever screen the
// kiosk shows, each a list of plain-language problems (empty is a pass). One page function does
// them all so they share helpers (page functions cannot share closures) and one round trip.
// Where the citizen can act: an open modal dialog (the page behind it is inert), else the whole UI.
// Content scrolled out of a scrolling box is not on screen: boxes are cut to what is in view.

export type Check = 'smallText' | 'layout' | 'targets' | 'controlContrast' | 'forcedColours' | 'language';

export interface CheckOptions {
  readonly checks: readonly Check[];
  /** Checklist 16: the size whose capital H subtends 0.7 degrees at the viewing distance. */
  readonly minFontPx?: number;
  /** Checklist 18: the smallest control, and the least space between two controls. */
  readonly minTargetPx?: number;
  readonly minGapPx?: number;
  /** Checklist 21: the display language, and each language's own name. */
  readonly locale?: string;
  readonly endonyms?: Readonly<Record<string, string>>;
}

export type Problems = Partial<Record<Check, string[]>>;

export async function screenProblems(page: Page, options: CheckOptions): Promise<Problems> {
  return page.evaluate((options) => {
    const CONTROLS = 'button, input:not([type="hidden"]), textarea, select, a[href], [role="button"], [role="link"], [role="checkbox"], [role="radio"], [tabindex]:not([tabindex="-1"])';
    const scope = document.querySelector('dialog:modal') ?? document.querySelector('.a11y-root') ?? document.body;
    const visible = (element: Element) => (element as HTMLElement).checkVisibility({ visibilityProperty: true, opacityProperty: true });
    const describe = (element: Element) => {
      const html = element as HTMLElement;
      const id = html.dataset.testid ? `[${html.dataset.testid}]` : html.dataset.skbtn ? `[key ${html.dataset.skbtn}]` : '';
      return `${element.tagName.toLowerCase()}${id} "${(html.innerText || html.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
    };
    // A scrolling box is focusable so the keypad can scroll it (axe's scrollable-region-focusable): not a control.
    const scrollsItself = (element: Element) => /auto|scroll/.test(getComputedStyle(element).overflowY) && !element.matches('input, textarea, select, button');
    /** The part of the element's box in view: cut by every ancestor that clips (scrolls) and by the screen. */
    const inView = (element: Element): DOMRect | null => {
      const rect = element.getBoundingClientRect();
      let [left, top, right, bottom] = [rect.left, rect.top, rect.right, rect.bottom];
      for (let node = element.parentElement; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = node.getBoundingClientRect();
        [left, top, right, bottom] = [Math.max(left, box.left), Math.max(top, box.top), Math.min(right, box.right), Math.min(bottom, box.bottom)];
      }
      bottom = Math.min(bottom, window.innerHeight);
      return right - left > 1 && bottom - top > 1 ? new DOMRect(left, top, right - left, bottom - top) : null;
    };
    const controls = [...scope.querySelectorAll<HTMLElement>(`:is(${CONTROLS})`)].filter(
      (element) => visible(element) && element.parentElement?.closest(CONTROLS) === null && !scrollsItself(element),
    );
    const result: Record<string, string[]> = {};

    if (options.checks.includes('smallText')) {
      const problems: string[] = [];
      for (const element of scope.querySelectorAll<HTMLElement>('*')) {
        if (!visible(element)) continue;
        const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
        if (!ownText) continue;
        const rect = element.getBoundingClientRect();
        // Visually hidden text (a label for screen readers only) is not seen, so has no size to meet.
        if (rect.width <= 1 || rect.height <= 1) continue;
        const size = parseFloat(getComputedStyle(element).fontSize);
        if (size < options.minFontPx! - 0.5) problems.push(`${describe(element)}: ${size}px text`);
      }
      result.smallText = problems;
    }

    if (options.checks.includes('layout')) {
      const problems: string[] = [];
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > width + 1) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px in ${width}px)`);
      const clips = (value: string) => value === 'hidden' || value === 'clip';
      const blocks = [...scope.querySelectorAll<HTMLElement>(`:is(${CONTROLS}, h1, h2, h3, p, label, li, dt, dd, th, td, legend, figcaption)`)].filter(
        (element) => visible(element) && element.getBoundingClientRect().width > 1,
      );
      for (const element of blocks) {
        const style = getComputedStyle(element);
        const rect = element.getBoundingClientRect();
        if (rect.left < -1 || rect.right > width + 1) problems.push(`${describe(element)}: off the screen sideways (${Math.round(rect.left)}..${Math.round(rect.right)})`);
        // Inputs scroll their own text by design; other boxes must show all of theirs.
        if (element.matches('input, textarea')) continue;
        if (element.scrollWidth > element.clientWidth + 1 && clips(style.overflowX) && style.display !== 'inline') problems.push(`${describe(element)}: text cut off at the side`);
        if (element.scrollHeight > element.clientHeight + 1 && clips(style.overflowY) && style.display !== 'inline') problems.push(`${describe(element)}: text cut off at the bottom`);
      }
      // Overlap: two boxes in view, neither inside the other, sharing more than a sliver.
      const shown = blocks.map((element) => ({ element, rect: inView(element) })).filter((entry): entry is { element: HTMLElement; rect: DOMRect } => entry.rect !== null);
      for (let i = 0; i < shown.length; i += 1) {
        for (let j = i + 1; j < shown.length; j += 1) {
          const a = shown[i]!;
          const b = shown[j]!;
          if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
          const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
          const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
          if (x > 2 && y > 2) problems.push(`${describe(a.element)} overlaps ${describe(b.element)}`);
        }
      }
      result.layout = problems;
    }

    if (options.checks.includes('targets')) {
      const problems: string[] = [];
      const min = options.minTargetPx!;
      const gap = options.minGapPx!;
      for (const element of controls) {
        const rect = element.getBoundingClientRect();
        if (rect.width < min - 0.5 || rect.height < min - 0.5) problems.push(`${describe(element)}: ${Math.round(rect.width)}x${Math.round(rect.height)}px`);
      }
      const shown = controls.map((element) => ({ element, rect: inView(element) })).filter((entry): entry is { element: HTMLElement; rect: DOMRect } => entry.rect !== null);
      for (let i = 0; i < shown.length; i += 1) {
        for (let j = i + 1; j < shown.length; j += 1) {
          const a = shown[i]!.rect;
          const b = shown[j]!.rect;
          const apart = Math.max(a.left - b.right, b.left - a.right, a.top - b.bottom, b.top - a.bottom, 0);
          if (apart < gap - 0.5) problems.push(`${describe(shown[i]!.element)} and ${describe(shown[j]!.element)} are ${Math.round(apart)}px apart`);
        }
      }
      result.targets = problems;
    }

    if (options.checks.includes('controlContrast')) {
      // Each control's boundary can be seen: its border, or else its own background, differs from
      // what is behind it by at least 3:1 (WCAG 1.4.11).
      const parse = (color: string): number[] | null => {
        const match = /rgba?\(([^)]+)\)/.exec(color);
        if (!match) return null;
        const parts = match[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
        return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
      };
      const luminance = (rgb: number[]) => {
        const channel = (value: number) => {
          const c = value / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(rgb[0]!) + 0.7152 * channel(rgb[1]!) + 0.0722 * channel(rgb[2]!);
      };
      const ratio = (a: number[], b: number[]) => {
        const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
        return (high + 0.05) / (low + 0.05);
      };
      const behind = (element: Element | null): number[] => {
        for (let node = element; node; node = node.parentElement) {
          const color = parse(getComputedStyle(node).backgroundColor);
          if (color && color[3]! >= 0.99) return color;
        }
        return [255, 255, 255, 1];
      };
      const problems: string[] = [];
      for (const element of controls) {
        const style = getComputedStyle(element);
        const back = behind(element.parentElement);
        const own = parse(style.backgroundColor);
        const border = parse(style.borderTopColor);
        const best = Math.max(
          border && parseFloat(style.borderTopWidth) >= 1 && style.borderTopStyle !== 'none' && border[3]! >= 0.99 ? ratio(border, back) : 1,
          own && own[3]! >= 0.99 ? ratio(own, back) : 1,
        );
        if (best < 3 - 0.01) problems.push(`${describe(element)}: its edge is ${best.toFixed(2)}:1 against what is behind it`);
      }
      result.controlContrast = problems;
    }

    if (options.checks.includes('forcedColours')) {
      // Under forced colours (emulated by the caller) every control still shows an edge or its words.
      const problems: string[] = [];
      for (const element of controls) {
        const style = getComputedStyle(element);
        const border = parseFloat(style.borderTopWidth) >= 1 && style.borderTopStyle !== 'none' && style.borderTopColor !== style.backgroundColor;
        const outline = parseFloat(style.outlineWidth) >= 1 && style.outlineStyle !== 'none';
        const words = (element.innerText || (element as HTMLInputElement).value || '').trim() !== '';
        if (!border && !outline && !words) problems.push(`${describe(element)}: no edge and no words under forced colours`);
      }
      result.forcedColours = problems;
    }

    if (options.checks.includes('language')) {
      const problems: string[] = [];
      const locale = options.locale!;
      const html = document.documentElement;
      if (html.lang !== locale) problems.push(`<html lang="${html.lang}"> in ${locale}`);
      const dir = locale === 'ar' ? 'rtl' : 'ltr';
      if ((html.dir || 'ltr') !== dir) problems.push(`<html dir="${html.dir}"> in ${locale}`);
      // Text in another language (a language's own name) sits inside an element marked with it.
      const walker = document.createTreeWalker(document.querySelector('.a11y-root') ?? document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').trim();
        for (const [language, name] of Object.entries(options.endonyms ?? {})) {
          if (language === locale || !text.includes(name)) continue;
          const marked = node.parentElement?.closest('[lang]')?.getAttribute('lang');
          if (marked !== language) problems.push(`"${name}" is marked lang="${marked}", not "${language}"`);
        }
      }
      // Every control has a role (native, or given) and a name.
      const NATIVE = /^(button|input|textarea|select|a)$/i;
      for (const element of controls) {
        if (!NATIVE.test(element.tagName) && !element.getAttribute('role')) problems.push(`${describe(element)}: focusable without a role`);
        const labelledBy = (element.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
          .join(' ');
        const labels = 'labels' in element ? [...((element as HTMLInputElement).labels ?? [])].map((label) => label.textContent ?? '').join(' ') : '';
        const text = element.matches('input, textarea, select') ? '' : element.textContent;
        const name = [element.getAttribute('aria-label'), labelledBy, labels, text, element.getAttribute('title')].join(' ').trim();
        if (name === '') problems.push(`${describe(element)}: no accessible name`);
      }
      result.language = problems;
    }
    return result;
  }, options);
}
