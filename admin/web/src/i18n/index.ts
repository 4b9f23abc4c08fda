import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CONSOLE_LOCALES, DEFAULT_LOCALE } from '@kiosk/shared';
import type { AreaMessages, ConsoleLocale } from './types';
import { common } from './messages/common';
import { auth } from './messages/auth';
import { fleet } from './messages/fleet';
import { cases } from './messages/cases';
import { appointments } from './messages/appointments';
import { content } from './messages/content';
import { figures } from './messages/figures';
import { users } from './messages/users';
import { alerts } from './messages/alerts';
import { rollouts } from './messages/rollouts';
import { errors } from './messages/errors';

/** One i18next namespace per console area; each area's file owns its strings in every language. */
export const NAMESPACES = { common, auth, fleet, alerts, rollouts, cases, appointments, content, figures, users, errors } as const;
export type Namespace = keyof typeof NAMESPACES;

const STORAGE_KEY = 'console.locale';

export function isConsoleLocale(value: string): value is ConsoleLocale {
  return (CONSOLE_LOCALES as readonly string[]).includes(value);
}

/** The staff member's saved choice, else the browser's first supported language, else Spanish. */
export function pickLocale(saved: string | null, preferred: readonly string[]): ConsoleLocale {
  if (saved !== null && isConsoleLocale(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isConsoleLocale(base)) return base;
  }
  return DEFAULT_LOCALE as ConsoleLocale;
}

export function resourcesFor(locale: ConsoleLocale): Record<Namespace, Record<string, string>> {
  const byArea: Record<string, AreaMessages> = NAMESPACES;
  return Object.fromEntries(Object.entries(byArea).map(([ns, messages]) => [ns, messages[locale]])) as Record<Namespace, Record<string, string>>;
}

export async function createConsoleI18n(locale: ConsoleLocale): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    ns: Object.keys(NAMESPACES),
    defaultNS: 'common',
    resources: Object.fromEntries(CONSOLE_LOCALES.map((l) => [l, resourcesFor(l)])),
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // A browser without storage just forgets the choice.
    }
  });
  document.documentElement.lang = locale;
  return instance;
}

export function savedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
