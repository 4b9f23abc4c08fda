import type { Messages } from './resources.js';

// Typed keys: `t('done.title')` is checked against the Spanish messages at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
