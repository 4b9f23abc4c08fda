import { joinSentences, type ItemDescription, type ItemRole } from './spoken-text';

/**
 * The focus model's view of the page: which elements are items (interactive ones and text worth
 * reading, in DOM order), their group, and their description for speech. Existing components need
 * no change: real buttons, inputs and headings are found as they are; `data-speak` adds any other
 * element, `data-a11y-skip` removes one, `data-a11y-group` makes a row.
 */
const INTERACTIVE = 'button, a[href], input:not([type="hidden"]), textarea, select, [role="button"], [role="link"], [role="checkbox"], [role="radio"]';
const TEXT = 'h1, h2, h3, h4, p, li, dt, dd, [data-speak]';
const GROUP = '.hg-row, [data-a11y-group], [role="radiogroup"], [role="group"]';

/**
 * The screen curtain: the root (or <html> above it) has `visibility: hidden`, so nothing is painted,
 * for a blind citizen's privacy (and for issue 8's "every flow with the screen hidden"). Chromium
 * then refuses DOM focus to every element inside, and innerText is empty: the focus model keeps its
 * own current item and the text is read off the layout instead.
 */
export function isCurtained(root: HTMLElement): boolean {
  return getComputedStyle(root).visibility !== 'visible';
}

type StyleOf = (element: Element) => CSSStyleDeclaration;

/**
 * Under a curtain, whether an element would still be invisible with the curtain lifted: some
 * element between it and the root hides itself inline, or sets `visibility` to a value other than
 * what it inherits. The curtain's own value (on the root or above) is what every element
 * inherits, so it never counts. (A stylesheet's `visibility: hidden` under the curtain looks
 * inherited and is missed: the kiosk hides with display or inline styles.)
 */
export function hiddenBelowCurtain(element: HTMLElement, root: HTMLElement, styleOf: StyleOf = getComputedStyle): boolean {
  for (let node: HTMLElement | null = element; node !== null && node !== root; node = node.parentElement) {
    const parent = node.parentElement;
    if (parent === null) return false;
    if (node.style.visibility === 'hidden') return true;
    const own = styleOf(node).visibility;
    if (own !== styleOf(parent).visibility) return own !== 'visible';
  }
  return false;
}

function cachedStyles(): StyleOf {
  const cache = new Map<Element, CSSStyleDeclaration>();
  return (element) => {
    let style = cache.get(element);
    if (style === undefined) {
      style = getComputedStyle(element);
      cache.set(element, style);
    }
    return style;
  };
}

function visible(element: HTMLElement, curtain: { root: HTMLElement; styleOf: StyleOf } | null): boolean {
  if (element.closest('[aria-hidden="true"], [inert], [data-a11y-skip]') !== null) return false;
  if (curtain === null) return element.checkVisibility({ visibilityProperty: true, opacityProperty: false });
  // Layout still decides (display: none, content-visibility); the curtain's visibility does not.
  return element.checkVisibility({ visibilityProperty: false, opacityProperty: false }) && !hiddenBelowCurtain(element, curtain.root, curtain.styleOf);
}

/** The open modal dialog on top, if any: while one is open only its content can be reached. */
export function topDialog(root: HTMLElement): HTMLDialogElement | null {
  const open = [...root.ownerDocument.querySelectorAll<HTMLDialogElement>('dialog[open]')].filter((dialog) => dialog.matches(':modal'));
  return open.at(-1) ?? null;
}

export function collectItems(root: HTMLElement): HTMLElement[] {
  const scope = topDialog(root) ?? root;
  const candidates = [...scope.querySelectorAll<HTMLElement>(`${INTERACTIVE}, ${TEXT}`)];
  const curtain = isCurtained(root) ? { root, styleOf: cachedStyles() } : null;
  const hasText = (element: HTMLElement): boolean => (element.textContent ?? '').trim() !== '';
  return candidates.flatMap((element) => {
    if (!visible(element, curtain)) return [];
    if ((element as HTMLButtonElement).disabled === true) return [];
    const isInteractive = element.matches(INTERACTIVE);
    // Text inside a button is the button's name; a list item holding buttons is only their container.
    const parent = element.parentElement;
    if (parent?.closest(INTERACTIVE)) return [];
    if (isInteractive) return [element];
    if (element.querySelector(INTERACTIVE) !== null) {
      // ...but its own words beside the buttons (a review row's answer next to "Change") are read,
      // each wrapper (a span) an item in its place.
      return [...element.children].filter(
        (child): child is HTMLElement => child instanceof HTMLElement && !child.matches(`${INTERACTIVE}, ${TEXT}`) && child.querySelector(`${INTERACTIVE}, ${TEXT}`) === null && hasText(child) && visible(child, curtain),
      );
    }
    if (!element.hasAttribute('data-speak') && !hasText(element)) return [];
    // A paragraph inside a list item is read with it, as a whole.
    return parent?.closest(TEXT) ? [] : [element];
  });
}

export function groupOf(element: HTMLElement): HTMLElement | null {
  return element.closest<HTMLElement>(GROUP);
}

/** Focuses an item (text gets tabindex=-1 so it can hold focus: the highlight is the focus ring). */
export function focusItem(element: HTMLElement): void {
  if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus({ preventScroll: false });
  element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** The item an event target belongs to (a span inside a button is the button). */
export function itemOf(target: EventTarget | null, items: readonly HTMLElement[]): HTMLElement | null {
  if (!(target instanceof Element)) return null;
  for (let node: Element | null = target; node !== null; node = node.parentElement) {
    if (items.includes(node as HTMLElement)) return node as HTMLElement;
  }
  return null;
}

function textOfIds(element: HTMLElement, attribute: string): string {
  const ids = element.getAttribute(attribute);
  if (ids === null) return '';
  return ids
    .split(/\s+/)
    .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
    .join(' ');
}

function roleOf(element: HTMLElement): ItemRole {
  const explicit = element.getAttribute('role');
  if (explicit === 'button' || explicit === 'link' || explicit === 'checkbox' || explicit === 'radio') return explicit;
  const tag = element.tagName.toLowerCase();
  if (tag === 'button') return 'button';
  if (tag === 'a') return 'link';
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'textarea') return 'textField';
  if (tag === 'input') {
    const type = (element as HTMLInputElement).type;
    if (type === 'checkbox') return 'checkbox';
    if (type === 'radio') return 'radio';
    if (type === 'button' || type === 'submit') return 'button';
    return 'textField';
  }
  return 'text';
}

function nameOf(element: HTMLElement): string {
  const label = element.getAttribute('aria-label');
  if (label !== null && label.trim() !== '') return label;
  const labelled = textOfIds(element, 'aria-labelledby');
  if (labelled.trim() !== '') return labelled;
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    const labels = [...(element.labels ?? [])].map((l) => l.textContent ?? '').join(' ');
    return labels.trim() !== '' ? labels : (element.placeholder ?? '');
  }
  return renderedText(element) || (element.textContent ?? '');
}

/**
 * An element's text as laid out: innerText, except under the screen curtain, where innerText is
 * empty (hidden text is not rendered text) and the same is rebuilt by hand: display:none parts
 * left out, a line break around each block so words from two blocks do not run together.
 */
export function renderedText(element: HTMLElement): string {
  if (getComputedStyle(element).visibility === 'visible') return element.innerText;
  return layoutText(element).replace(/[ \t]*\n[\s]*/g, '\n').trim();
}

function layoutText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof HTMLElement)) return '';
  if (!node.checkVisibility({ visibilityProperty: false })) return '';
  if (node.tagName === 'BR') return '\n';
  const inner = [...node.childNodes].map(layoutText).join('');
  const display = getComputedStyle(node).display;
  return display.startsWith('inline') || display === 'contents' ? inner : `\n${inner}\n`;
}

const flag = (value: string | null): boolean | undefined => (value === 'true' ? true : value === 'false' ? false : undefined);

export function describeElement(element: HTMLElement, intro?: string): ItemDescription {
  const role = roleOf(element);
  const isField = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement;
  const checked = element instanceof HTMLInputElement && (role === 'checkbox' || role === 'radio') ? element.checked : flag(element.getAttribute('aria-checked'));
  return {
    role,
    name: nameOf(element),
    level: role === 'heading' ? Number(element.tagName.slice(1)) : undefined,
    value: isField && role === 'textField' ? element.value : undefined,
    pressed: flag(element.getAttribute('aria-pressed')),
    checked,
    disabled: element.getAttribute('aria-disabled') === 'true' ? true : undefined,
    invalid: element.getAttribute('aria-invalid') === 'true' ? true : undefined,
    required: isField && (element.required || element.getAttribute('aria-required') === 'true') ? true : undefined,
    hint: textOfIds(element, 'aria-describedby') || undefined,
    isPrivate: element.closest('[data-private]') !== null || (element instanceof HTMLInputElement && element.type === 'password'),
    intro,
  };
}

/** A dialog's title and text, said when the highlight first enters it (the idle warning, Help). */
export function dialogIntro(dialog: HTMLElement): string {
  const name = dialog.getAttribute('aria-label') ?? textOfIds(dialog, 'aria-labelledby');
  const description = textOfIds(dialog, 'aria-describedby');
  return joinSentences([name, description]);
}
