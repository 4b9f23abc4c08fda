import { useId, useLayoutEffect, useRef } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { FAQ_MAX_QUERY_LENGTH, type KioskLocale } from '@kiosk/shared';
import { ScreenFrame } from '../../components/ScreenFrame';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { deleteBackward, insertText, type TextSelection } from '../../components/text-editing';
import { useSession } from '../../state/session-context';
import { EntryList } from './EntryList';
import { handOff } from './handoff';
import { selectQuery, selectResults, selectSearchFailed, selectSearching, type FaqActor } from './selectors';

/**
 * Search as you type: every key searches the kiosk's own copy of the questions (works offline;
 * accents and one wrong letter per word do not matter). Nothing found: other words, or file a
 * request, or book an appointment.
 */
export function SearchScreen({ actor, locale }: { actor: FaqActor; locale: KioskLocale }) {
  const { t } = useTranslation();
  const session = useSession();
  const query = useSelector(actor, selectQuery);
  const results = useSelector(actor, selectResults);
  const failed = useSelector(actor, selectSearchFailed);
  const searching = useSelector(actor, selectSearching);
  const fieldRef = useRef<HTMLInputElement>(null);
  const caretAfterRender = useRef<number | null>(null);
  const fieldId = useId();
  const hintId = useId();

  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    if (caret !== null && fieldRef.current) fieldRef.current.setSelectionRange(caret, caret);
    caretAfterRender.current = null;
  }, [query]);

  function selection(): TextSelection {
    const field = fieldRef.current;
    return field ? { start: field.selectionStart ?? query.length, end: field.selectionEnd ?? query.length } : { start: query.length, end: query.length };
  }
  function apply(edit: { text: string; caret: number }): void {
    caretAfterRender.current = edit.caret;
    actor.send({ type: 'query.changed', text: edit.text });
  }

  const nothingFound = !searching && !failed && results !== null && results.length === 0 && query.trim() !== '';
  return (
    <ScreenFrame
      title={t('faq.searchTitle')}
      className="screen-faq-search"
      initialFocus={fieldRef}
      actions={
        <button type="button" className="button button-secondary action-start" data-testid="faq-back" onClick={() => actor.send({ type: 'step.back' })}>
          {t('common.back')}
        </button>
      }
    >
      <div className="faq-search-results">
        <form
          className="faq-search-field"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            actor.send({ type: 'search.submitted' });
          }}
        >
          <label htmlFor={fieldId} className="field-label">
            {t('faq.searchLabel')}
          </label>
          <p id={hintId} className="hint">
            {t('faq.searchHint')}
          </p>
          <div className="faq-search-row">
            <input
              id={fieldId}
              ref={fieldRef}
              type="search"
              className="text-field faq-search-input"
              data-testid="faq-search-input"
              value={query}
              maxLength={FAQ_MAX_QUERY_LENGTH}
              autoComplete="off"
              aria-describedby={hintId}
              onChange={(event) => actor.send({ type: 'query.changed', text: event.target.value })}
            />
            <button type="submit" className="button button-primary" data-testid="faq-search-submit">
              {t('faq.searchSubmit')}
            </button>
          </div>
        </form>
        <div className="faq-scroll" aria-live="polite">
          {searching && results === null ? <p className="hint" role="status">{t('faq.searching')}</p> : null}
          {failed ? (
            <p className="problem" role="alert" data-testid="faq-search-failed">
              {t('faq.searchFailed')}
            </p>
          ) : null}
          {results !== null && results.length > 0 ? (
            <>
              <p className="hint" data-testid="faq-results-count">{t('faq.resultsCount', { count: results.length })}</p>
              <EntryList actor={actor} entries={results} />
            </>
          ) : null}
          {nothingFound ? (
            <div className="faq-offer" data-testid="faq-no-result">
              <p className="lead">{t('faq.noResult')}</p>
              <p>{t('faq.noResultHelp')}</p>
              <div className="faq-offer-actions">
                <button type="button" className="button button-primary" data-testid="faq-offer-request" onClick={() => handOff(actor, session, 'request')}>
                  {t('faq.fileRequest')}
                </button>
                <button type="button" className="button button-secondary" data-testid="faq-offer-appointment" onClick={() => handOff(actor, session, 'appointments')}>
                  {t('faq.bookAppointment')}
                </button>
              </div>
            </div>
          ) : null}
        </div>
      </div>
      <OnScreenKeyboard
        key={locale}
        locale={locale}
        onCharacters={(characters) => apply(insertText(query, selection(), characters, FAQ_MAX_QUERY_LENGTH))}
        onBackspace={() => apply(deleteBackward(query, selection()))}
      />
    </ScreenFrame>
  );
}
