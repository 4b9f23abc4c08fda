import type { FaqEffects } from '../../../flows/index';
import type { AnalyticsEvent, KioskClient } from '@kiosk/shared';

/**
 * Stands in for a no-result query that was not kept (it held a digit or an @): the search is
 * still counted for the console, its text never leaves the kiosk.
 */
export const WITHHELD_QUERY = '[withheld]';

/** The FAQ journey's effects over the agent's KioskClient; counting goes through 'analytics.record'. */
export function faqEffectsFrom(client: KioskClient): FaqEffects {
  // Counting must never disturb the citizen: a lost event is only a missing tally.
  const record = (event: AnalyticsEvent) => void client.call('analytics.record', { event }).catch(() => undefined);
  return {
    loadFaqTopics: (locale) => client.call('faq.topics', { locale }),
    searchFaq: async (locale, query) => (await client.call('faq.search', { locale, query })).results,
    loadFaqEntry: (locale, id) => client.call('faq.entry', { locale, id }),
    recordFaqNoResult: (query, locale) => record({ type: 'faq.no-result', query: query ?? WITHHELD_QUERY, locale, modes: [] }),
    recordFaqFeedback: (entryId, useful, locale) => record({ type: 'faq.feedback', entryId, useful, locale, modes: [] }),
  };
}
