import { useEffect, useRef, type RefObject } from 'react';
import type { i18n as I18n } from 'i18next';
import { textDirection, type KioskLocale } from '@kiosk/shared';
import { LANGUAGE_ENDONYMS } from '../i18n/endonyms';
import type { SessionActor } from '../state/session-context';
import { selectScreen } from '../state/selectors';
import type { A11yConfig } from './a11y-config';
import { collectItems, describeElement, dialogIntro, focusItem, groupOf, isCurtained, itemOf, topDialog } from './dom-items';
import { groupMoveFor, stepIndex, type FocusMove } from './focus-order';
import { keysHelpText } from './keys-help';
import { createKeypad, type KeypadAction } from './keymap';
import type { PreferencesStore } from './preferences';
import { spokenTextOf } from './spoken-text';
import type { SpeechOutput } from './speech-output';

interface FocusModelDeps {
  readonly preferences: PreferencesStore;
  readonly speech: SpeechOutput;
  readonly config: A11yConfig;
  readonly session: SessionActor;
  readonly i18n: I18n;
  /** The languages this kiosk offers (its configuration), the default first: F6 cycles these. */
  readonly languages: readonly KioskLocale[];
}

const CURRENT = 'data-a11y-current';
/** Time for the app to re-render after Enter before the control's new state is read. */
const STATE_SETTLE_MS = 60;
/** Time for a new screen to focus its own heading or field before the model does it. */
const VANISHED_SETTLE_MS = 80;
const INTERACTIVE_ROLE = new Set(['button', 'link', 'textField', 'checkbox', 'radio']);
const isInteractive = (element: HTMLElement): boolean => INTERACTIVE_ROLE.has(describeElement(element).role);
const isTextField = (element: Element | null): boolean =>
  element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && !['button', 'submit', 'checkbox', 'radio'].includes(element.type));

/**
 * The single focus model: one current item, moved by keypad keys and by touch, always the element
 * with DOM focus (so the highlight is the focus ring) and, in audio mode, always the one spoken.
 * In audio mode a touch on a control speaks it; a second touch (or Enter) activates it.
 *
 * Under the screen curtain (visibility: hidden on the root or above, see dom-items.ts) Chromium
 * gives no element DOM focus, so no focusin ever comes: the model keeps its own current item
 * (data-a11y-current), speaks it itself, and follows where the app meant focus to go (a new
 * screen's heading, a dialog opening or closing). Enter activates the current item the same way.
 */
export function useFocusModel(rootRef: RefObject<HTMLElement | null>, deps: FocusModelDeps): void {
  const latest = useRef(deps);
  latest.current = deps;
  // A new configuration (another keypad map or debounce) rebuilds the keypad below.
  const configured = deps.config;

  useEffect(() => {
    const root = rootRef.current;
    if (root === null) return;
    const config = configured;
    const keypad = createKeypad(config.keymap, config.keypadDebounceMs);
    const keypadKeys = new Set(Object.values(config.keymap).flat());
    let current: HTMLElement | null = null;
    let activating = false;
    let blockedClick: HTMLElement | null = null;

    const locale = (): KioskLocale => latest.current.session.getSnapshot().context.locale;
    // Keys built at run time (roles, states): the typed `t` only takes literal keys.
    const t = (key: string, options?: Record<string, unknown>): string => (latest.current.i18n.t as (k: string, o?: object) => string)(key, options ?? {});
    const audioOn = (): boolean => latest.current.preferences.get().audio === 'on';

    /** The last item highlighted outside any dialog: where the highlight returns when a dialog closes. */
    let outsideDialogs: HTMLElement | null = null;

    const markCurrent = (element: HTMLElement | null): void => {
      if (current !== null && current !== element) current.removeAttribute(CURRENT);
      current = element;
      if (element !== null && element.closest('dialog') === null) outsideDialogs = element;
      element?.setAttribute(CURRENT, '');
    };

    const speakElement = (element: HTMLElement, previous: EventTarget | null): void => {
      const dialog = element.closest('dialog');
      const entering = dialog !== null && !(previous instanceof Node && dialog.contains(previous));
      const spoken = spokenTextOf(describeElement(element, entering ? dialogIntro(dialog) : undefined), t);
      void latest.current.speech.speakItem(spoken, locale(), t('a11y.privateHidden'));
    };

    const startAudio = (): void => {
      if (audioOn()) return;
      latest.current.preferences.set({ audio: 'on' });
    };

    const curtained = (): boolean => isCurtained(root);

    /** The element the highlight is on: DOM focus, or under the curtain (no DOM focus) the model's own. */
    const highlightedElement = (): Element | null => (curtained() ? current : root.ownerDocument.activeElement);

    const currentIndex = (items: HTMLElement[]): number => {
      if (curtained() && current !== null && items.includes(current)) return items.indexOf(current);
      const active = root.ownerDocument.activeElement;
      const byFocus = itemOf(active, items);
      if (byFocus !== null) return items.indexOf(byFocus);
      return current === null ? -1 : items.indexOf(current);
    };

    const move = (step: FocusMove): void => {
      const items = collectItems(root);
      const from = currentIndex(items);
      const to = stepIndex(items.map((element) => ({ group: groupOf(element) })), from, step);
      const target = items[to];
      if (target === undefined) return;
      if (to === from) {
        // The end of the screen: say the item again rather than nothing.
        if (audioOn()) speakElement(target, target);
        return;
      }
      const previous = current;
      markCurrent(target);
      highlight(target, previous);
    };

    /**
     * Moves DOM focus to an item already marked current; focusin then speaks it. When focus cannot
     * land (the screen curtain) or was already there (no focusin), the item is spoken from here.
     */
    const highlight = (target: HTMLElement, previous: EventTarget | null): void => {
      const document = root.ownerDocument;
      const before = document.activeElement;
      focusItem(target);
      if ((before === target || document.activeElement !== target) && audioOn()) speakElement(target, previous);
    };

    /** Under the curtain, where the app meant focus to go (focus() refused): the model's item goes there. */
    const follow = (element: HTMLElement): void => {
      if (element === current || !root.contains(element) || root.ownerDocument.activeElement === element || !curtained()) return;
      const item = itemOf(element, collectItems(root));
      if (item === null || item === current) return;
      const previous = current;
      markCurrent(item);
      if (audioOn()) speakElement(item, previous);
    };

    /** What the item would say now (its name, role and state), to tell whether Enter changed it. */
    const spokenNow = (element: HTMLElement): string => spokenTextOf(describeElement(element), t).text;

    /**
     * After Enter, a control that stays highlighted but changed (a toggle pressed, an option
     * checked, a label swapped) is said again: without sight the new state is otherwise silent.
     * A control marked `data-a11y-announces` says its own outcome when pressed (with more than its
     * state, e.g. how to undo it); saying it again would cut that short.
     */
    const sayIfChanged = (element: HTMLElement, before: string): void => {
      if (element.hasAttribute('data-a11y-announces')) return;
      setTimeout(() => {
        if (!audioOn() || current !== element || !element.isConnected) return;
        if (!collectItems(root).includes(element) || spokenNow(element) === before) return;
        speakElement(element, element);
      }, STATE_SETTLE_MS);
    };

    const activate = (element: HTMLElement): void => {
      if (isTextField(element)) return;
      const before = spokenNow(element);
      activating = true;
      try {
        if (element.matches(config.pointerActivatedSelector)) {
          element.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, cancelable: true, pointerType: 'mouse', isPrimary: true }));
          element.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, cancelable: true, pointerType: 'mouse', isPrimary: true }));
        } else {
          element.click();
        }
      } finally {
        activating = false;
      }
      sayIfChanged(element, before);
    };

    const goBack = (event: KeyboardEvent): void => {
      const dialog = topDialog(root);
      if (dialog !== null) {
        // Escape already cancels a modal dialog natively; BrowserBack does the same by hand.
        if (event.key === 'Escape') return;
        event.preventDefault();
        if (dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close();
        return;
      }
      event.preventDefault();
      const active = highlightedElement();
      const container = active instanceof HTMLElement ? active.closest<HTMLElement>('.keyboard, [data-a11y-leave]') : null;
      if (container !== null) {
        // Leave the on-screen keyboard: to the first item after it (no focus trap).
        const items = collectItems(root);
        const after = items.find((item) => !container.contains(item) && (container.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
        const target = after ?? items.filter((item) => !container.contains(item)).at(-1);
        if (target !== undefined) {
          const previous = current;
          markCurrent(target);
          highlight(target, previous);
        }
        return;
      }
      const back = [...root.querySelectorAll<HTMLElement>(config.backSelector)].find((element) => element.checkVisibility());
      back?.click();
    };

    const nextLanguage = (): void => {
      const { session, speech } = latest.current;
      const now = locale();
      const { languages } = latest.current;
      const next = languages[(languages.indexOf(now) + 1) % languages.length] ?? now;
      if (!session.getSnapshot().can({ type: 'language.changed', locale: next })) return;
      session.send({ type: 'language.changed', locale: next });
      const announce = latest.current.i18n.getFixedT(next)('a11y.languageNow', { language: LANGUAGE_ENDONYMS[next] });
      void speech.say(announce, next);
    };

    const changeVolume = (change: 'down' | 'up'): void => {
      const { speech, preferences } = latest.current;
      void speech.volume(change).then((status) => {
        if (status === null) return;
        preferences.set({ volumeStep: status.volumeStep });
        void speech.say(t('a11y.volumeLevel', { step: status.volumeStep + 1, steps: status.volumeSteps }), locale());
      });
    };

    const perform = (action: KeypadAction, event: KeyboardEvent): void => {
      const { speech, preferences, session } = latest.current;
      const wasOn = audioOn();
      if (action !== 'toggleAudio') startAudio();
      switch (action) {
        case 'next':
        case 'previous':
          event.preventDefault();
          move(action);
          return;
        case 'groupNext':
        case 'groupPrevious': {
          // Left/Right move the caret inside a text field.
          if (isTextField(root.ownerDocument.activeElement)) return;
          event.preventDefault();
          move(groupMoveFor(action, textDirection(locale())));
          return;
        }
        case 'activate': {
          event.preventDefault();
          const items = collectItems(root);
          const target = items[currentIndex(items)];
          if (target === undefined) move('next');
          // Enter on text (a heading, a paragraph) has nothing to press: it reads the text, so the
          // first key of a citizen who starts audio mode with Enter is never met with silence.
          else if (!isInteractive(target)) speakElement(target, target);
          else activate(target);
          return;
        }
        case 'back':
          goBack(event);
          return;
        case 'help':
          event.preventDefault();
          if (selectScreen(session.getSnapshot()) === 'attract') void speech.say(`${t('a11y.audioOn')} ${keysHelpText(t, config.keymap)}`, locale());
          else root.querySelector<HTMLElement>(config.helpSelector)?.click();
          return;
        case 'toggleAudio':
          event.preventDefault();
          if (wasOn) {
            speech.stop();
            preferences.set({ audio: 'off' });
            void speech.say(t('a11y.audioOff'), locale());
          } else {
            preferences.set({ audio: 'on' });
            void speech.say(t('a11y.audioOn'), locale());
          }
          return;
        case 'repeat':
          event.preventDefault();
          speech.repeat();
          return;
        case 'stop':
          event.preventDefault();
          speech.stop();
          return;
        case 'volumeDown':
        case 'volumeUp':
          event.preventDefault();
          changeVolume(action === 'volumeUp' ? 'up' : 'down');
          return;
        case 'nextLanguage':
          event.preventDefault();
          nextLanguage();
          return;
      }
    };

    const onKeyDown = (event: KeyboardEvent): void => {
      const isKeypadKey = keypadKeys.has(event.key) || keypadKeys.has(event.code);
      if (!isKeypadKey) return;
      const action = keypad({ key: event.key, code: event.code, repeat: event.repeat });
      if (action === null) {
        // A held or bounced key does nothing at all, not even the browser's default.
        if (!(event.key === 'Escape' && topDialog(root) !== null)) event.preventDefault();
        return;
      }
      perform(action, event);
    };

    const onFocusIn = (event: FocusEvent): void => {
      const target = event.target;
      if (!(target instanceof HTMLElement) || !root.contains(target)) return;
      const item = itemOf(target, collectItems(root));
      if (item === null) return;
      markCurrent(item);
      if (audioOn()) speakElement(item, event.relatedTarget);
    };

    const onPointerDown = (event: PointerEvent): void => {
      if (activating) return;
      const item = itemOf(event.target, collectItems(root));
      if (item === null) return;
      if (audioOn() && isInteractive(item) && item !== current) {
        // Touch and confirm: this touch only highlights and speaks; the next one activates.
        event.preventDefault();
        event.stopPropagation();
        blockedClick = item;
        markCurrent(item);
        focusItem(item);
        return;
      }
      markCurrent(item);
      if (!isInteractive(item)) focusItem(item);
    };

    const onClick = (event: MouseEvent): void => {
      if (activating || blockedClick === null) return;
      const item = itemOf(event.target, collectItems(root));
      if (item === blockedClick) {
        event.preventDefault();
        event.stopPropagation();
      }
      blockedClick = null;
    };

    // A modal dialog opening moves focus into it, closing moves it back: under the curtain neither
    // happens, so the model does both (the first control of the dialog, said with its intro).
    const onDialogToggled = (records: MutationRecord[]): void => {
      if (!curtained()) return;
      for (const { target: dialog } of records) {
        if (!(dialog instanceof HTMLDialogElement)) continue;
        const items = collectItems(root);
        const previous = current;
        if (dialog.open && dialog.matches(':modal')) {
          if (current !== null && dialog.contains(current)) continue;
          const target = items.find((item) => dialog.contains(item) && isInteractive(item)) ?? items[0];
          if (target === undefined) continue;
          markCurrent(target);
          if (audioOn()) speakElement(target, previous);
        } else if (!dialog.open && (current === null || dialog.contains(current))) {
          const back = outsideDialogs !== null && items.includes(outsideDialogs) ? outsideDialogs : null;
          if (back === null) continue;
          markCurrent(back);
          if (audioOn()) speakElement(back, previous);
        }
      }
    };
    const dialogs = new MutationObserver(onDialogToggled);
    dialogs.observe(root, { subtree: true, attributes: true, attributeFilter: ['open'] });

    // The highlighted item gone (the step changed under a screen that stays mounted, so nothing
    // focused its heading): the highlight goes to the screen's heading and says it, rather than
    // leaving a blind citizen in silence with nothing highlighted. Checked a moment later, so a
    // screen that focuses its own heading or field first wins.
    let vanishTimer: ReturnType<typeof setTimeout> | null = null;
    const onVanished = (): void => {
      vanishTimer = null;
      if (current === null || current.isConnected || topDialog(root) !== null) return;
      const active = root.ownerDocument.activeElement;
      if (active !== null && active !== root.ownerDocument.body && root.contains(active) && !curtained()) return;
      // A dialog removed with the highlight in it: back to where the highlight was before it.
      const items = collectItems(root);
      const fromDialog = current.closest('dialog') !== null;
      const back = fromDialog && outsideDialogs !== null && items.includes(outsideDialogs) ? outsideDialogs : null;
      const target = back ?? root.querySelector<HTMLElement>('main h1');
      if (target === null || !items.includes(target)) return;
      markCurrent(target);
      highlight(target, null);
    };
    const vanished = new MutationObserver(() => {
      if (current === null || current.isConnected || vanishTimer !== null) return;
      vanishTimer = setTimeout(onVanished, VANISHED_SETTLE_MS);
    });
    vanished.observe(root, { subtree: true, childList: true });

    // Under the curtain a screen's focus() on its heading (or field) is refused without a word:
    // every focus() call is followed (see follow()); outside the curtain this adds nothing.
    const prototype = HTMLElement.prototype;
    const nativeFocus = prototype.focus;
    const focusAndFollow = function focusAndFollow(this: HTMLElement, options?: FocusOptions): void {
      nativeFocus.call(this, options);
      follow(this);
    };
    prototype.focus = focusAndFollow;

    const document = root.ownerDocument;
    document.addEventListener('keydown', onKeyDown);
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('pointerdown', onPointerDown, true);
    root.addEventListener('click', onClick, true);
    return () => {
      if (prototype.focus === focusAndFollow) prototype.focus = nativeFocus;
      dialogs.disconnect();
      vanished.disconnect();
      if (vanishTimer !== null) clearTimeout(vanishTimer);
      document.removeEventListener('keydown', onKeyDown);
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('pointerdown', onPointerDown, true);
      root.removeEventListener('click', onClick, true);
    };
  }, [rootRef, configured]);
}
