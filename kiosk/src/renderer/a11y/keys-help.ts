import type { Translate } from './spoken-text';
import { DEFAULT_KEYMAP, KEYPAD_ACTIONS, type Keymap } from './keymap';

/**
 * The spoken keypad help. The default map has a natural sentence written for it (a11y.keysHelp);
 * a deployment's own map (kiosk configuration) is named action by action from the map itself, so a
 * blind citizen is never told to press keys this kiosk does not use. Each action names its first
 * key: the one on the keypad (the others are alternates such as a media key).
 */

function isDefaultKeymap(keymap: Keymap): boolean {
  return KEYPAD_ACTIONS.every((action) => keymap[action].length === DEFAULT_KEYMAP[action].length && keymap[action].every((key, index) => key === DEFAULT_KEYMAP[action][index]));
}

/** "PageDown" -> the language's name for it; a key without one is spoken split ("Numpad8" -> "Numpad 8"). */
function keyName(t: Translate, key: string): string {
  return t(`a11y.keyName.${key}`, { defaultValue: key.replace(/([a-z])([A-Z0-9])/g, '$1 $2') });
}

export function keysHelpText(t: Translate, keymap: Keymap): string {
  if (isDefaultKeymap(keymap)) return t('a11y.keysHelp');
  const separator = t('a11y.keyListSeparator');
  const parts = KEYPAD_ACTIONS.map((action) => `${t(`a11y.keyAction.${action}`)}${t('a11ySpeech.separator')}${keyName(t, keymap[action][0] ?? '')}`);
  return t('a11y.keysHelpCustom', { keys: parts.join(separator) });
}
