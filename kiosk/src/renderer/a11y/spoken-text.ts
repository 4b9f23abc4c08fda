/**
 * What the kiosk says for a highlighted item: its name, role, state and hint, in the display
 * language, built from a description the DOM adapter (dom-items.ts) reads off the element. Personal
 * values (an ID number typed in a field marked data-private) come back apart, as `privateText`,
 * because they may only be spoken into a headset.
 */
export type ItemRole = 'button' | 'link' | 'textField' | 'checkbox' | 'radio' | 'heading' | 'text';

export interface ItemDescription {
  readonly role: ItemRole;
  readonly name: string;
  /** Heading level (1-6). */
  readonly level?: number;
  /** A field's current content. */
  readonly value?: string;
  readonly pressed?: boolean;
  readonly checked?: boolean;
  readonly disabled?: boolean;
  readonly invalid?: boolean;
  readonly required?: boolean;
  /** aria-describedby's text: a hint or an error message. */
  readonly hint?: string;
  /** The value is personal data (the field or an ancestor is marked data-private, or a password). */
  readonly isPrivate?: boolean;
  /** Said first when the item is the first one reached in a dialog: the dialog's title and text. */
  readonly intro?: string;
}

export interface SpokenText {
  readonly text: string;
  /** The personal part (a field's value), spoken after `text` only into a headset; null when none. */
  readonly privateText: string | null;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Joins parts as spoken phrases with the language's separator (", "; Arabic "، "), empty parts dropped. */
function phrase(parts: ReadonlyArray<string | null | undefined>, separator: string): string {
  return parts.map((part) => squash(part ?? '')).filter((part) => part !== '').join(separator);
}

export function spokenTextOf(item: ItemDescription, t: Translate): SpokenText {
  const role = item.role === 'text' ? null : item.role === 'heading' ? t('a11y.role.heading', { level: item.level ?? 1 }) : t(`a11y.role.${item.role}`);
  const states: string[] = [];
  if (item.pressed !== undefined) states.push(t(item.pressed ? 'a11y.state.pressed' : 'a11y.state.notPressed'));
  if (item.checked !== undefined) states.push(t(item.checked ? 'a11y.state.checked' : 'a11y.state.notChecked'));
  if (item.required === true) states.push(t('a11y.state.required'));
  if (item.invalid === true) states.push(t('a11y.state.invalid'));
  if (item.disabled === true) states.push(t('a11y.state.disabled'));

  let privateText: string | null = null;
  let value: string | null = null;
  let name: string | null = item.name;
  if (item.role === 'textField') {
    const content = squash(item.value ?? '');
    if (content === '') value = t('a11y.state.empty');
    else if (item.isPrivate === true) privateText = content;
    else value = content;
  } else if (item.isPrivate === true && item.role === 'text') {
    // Personal text on the page (a name on the check-your-answers screen) is itself the private part.
    privateText = squash(item.name) === '' ? null : squash(item.name);
    name = null;
  }
  const separator = t('a11ySpeech.separator');
  const main = phrase([name, role, value, ...states], separator);
  return { text: joinSentences([item.intro, main, item.hint]), privateText };
}

/** Sentences one after the other; one already ending in a stop (".", "?", the Arabic "؟") gets no second one. */
export function joinSentences(parts: ReadonlyArray<string | null | undefined>): string {
  const sentences = parts.map((part) => squash(part ?? '')).filter((part) => part !== '');
  return sentences.reduce((spoken, sentence) => (spoken === '' ? sentence : `${spoken}${/[.!?؟…:]$/.test(spoken) ? ' ' : '. '}${sentence}`), '');
}
