import type { CONSOLE_LOCALES } from '@kiosk/shared';

export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];

/**
 * One area's strings in every staff language. Spanish is the reference: every other language
 * must have exactly its keys (tested in admin/web/test/messages.test.ts).
 */
export type AreaMessages<K extends string = string> = Record<ConsoleLocale, Record<K, string>>;
