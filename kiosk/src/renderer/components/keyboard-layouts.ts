/**
 * On-screen keyboard layouts. Accented letters are keys of their own (no dead keys: the library's
 * Spanish dead keys produce broken characters), covering Spanish, Catalan, Galician, Basque and
 * French (ÿ and æ too: L'Haÿ-les-Roses, ex æquo). Arabic has its own layout. Named control keys are in braces.
 */
export type KeyboardFamily = 'latin' | 'arabic';
export type KeyboardLayer = 'default' | 'shift' | 'accents' | 'accentsShift' | 'arabic';

export const KEY = {
  backspace: '{bksp}',
  shift: '{shift}',
  space: '{space}',
  accents: '{accents}',
  letters: '{abc}',
  arabic: '{arabic}',
  latin: '{latin}',
} as const;

export const KEYBOARD_LAYOUT: Readonly<Record<KeyboardLayer, string[]>> = {
  default: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'q w e r t y u i o p',
    'a s d f g h j k l ñ ç',
    '{shift} z x c v b n m , . -',
    '{accents} {arabic} {space} ? !',
  ],
  shift: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'Q W E R T Y U I O P',
    'A S D F G H J K L Ñ Ç',
    '{shift} Z X C V B N M ; : _',
    '{accents} {arabic} {space} ¿ ¡',
  ],
  accents: [
    'à á â ä è é ê ë {bksp}',
    'ì í î ï ò ó ô ö',
    'ù ú û ü ÿ ñ ç œ æ ·',
    "{shift} @ ' \" ( ) / € º ª",
    '{abc} {arabic} {space} ? !',
  ],
  accentsShift: [
    'À Á Â Ä È É Ê Ë {bksp}',
    'Ì Í Î Ï Ò Ó Ô Ö',
    'Ù Ú Û Ü Ÿ Ñ Ç Œ Æ ·',
    "{shift} @ ' \" ( ) / € º ª",
    '{abc} {arabic} {space} ¿ ¡',
  ],
  arabic: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'ض ص ث ق ف غ ع ه خ ح ج',
    'ش س ي ب ل ا ت ن م ك ط',
    'ئ ء ؤ ر ى ة و ز ظ د ذ',
    '{latin} أ إ آ {space} ، . ؟',
  ],
};

/** Letters typed on a shifted layer return the keyboard to lower case, as phones do. */
export function layerAfterCharacter(layer: KeyboardLayer): KeyboardLayer {
  if (layer === 'shift') return 'default';
  if (layer === 'accentsShift') return 'accents';
  return layer;
}

export function toggleShift(layer: KeyboardLayer): KeyboardLayer {
  const toggled: Record<KeyboardLayer, KeyboardLayer> = {
    default: 'shift',
    shift: 'default',
    accents: 'accentsShift',
    accentsShift: 'accents',
    arabic: 'arabic',
  };
  return toggled[layer];
}
