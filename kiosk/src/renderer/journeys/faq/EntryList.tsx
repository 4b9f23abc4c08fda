import { useTranslation } from 'react-i18next';
import type { FaqEntrySummary } from '@kiosk/shared';
import type { FaqActor } from './selectors';

/** Questions and procedure sheets as big buttons: what kind, the title, the first words. */
export function EntryList({ actor, entries }: { actor: FaqActor; entries: readonly FaqEntrySummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className="faq-list" data-testid="faq-entries">
      {entries.map((entry) => (
        <li key={entry.id}>
          <button type="button" className="button button-choice faq-item" data-testid={`faq-entry-${entry.id}`} onClick={() => actor.send({ type: 'entry.chosen', id: entry.id })}>
            <span className="choice-group">{entry.kind === 'procedure' ? t('faq.kindProcedure') : t('faq.kindQuestion')}</span>
            <span className="choice-name">{entry.title}</span>
            <span className="choice-hint faq-summary">{entry.summary}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
