import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { FollowUpCase, KioskLocale } from '@kiosk/shared';
import { ScreenFrame } from '../../components/ScreenFrame';
import { selectResult, type FollowUpActor } from './selectors';
import { formatDate as formatKioskDate } from '../../i18n/format-date';

/** Status words for the hub's detailed states; anything newer falls back to open / closed. */
const STATUS_KEY = {
  received: 'followUp.statusReceived',
  'in-progress': 'followUp.statusInProgress',
  planned: 'followUp.statusPlanned',
  'waiting-for-citizen': 'followUp.statusWaitingForCitizen',
  resolved: 'followUp.statusResolved',
  rejected: 'followUp.statusRejected',
  duplicate: 'followUp.statusDuplicate',
} as const;

function statusKey(found: FollowUpCase) {
  return STATUS_KEY[found.detailedStatus as keyof typeof STATUS_KEY] ?? (found.status === 'closed' ? 'followUp.statusClosed' : 'followUp.statusOpen');
}

/** Dates as a person reads them in their language, in the town hall's time zone. */
function formatDate(iso: string, locale: KioskLocale, timeZone: string, withTime: boolean): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Through the kiosk formatter: Chromium's Intl has no Basque or Galician dates (i18n/format-date.ts).
  return formatKioskDate(locale, date, withTime ? 'longWithTime' : 'long', timeZone);
}

/** The status in words, the public notes and the expected date; or "stored here, not sent yet". */
export function CaseStatusScreen({ actor, locale }: { actor: FollowUpActor; locale: KioskLocale }) {
  const { t } = useTranslation();
  const result = useSelector(actor, selectResult);
  const actions = (
    <>
      <button type="button" className="button button-secondary action-start" data-testid="follow-up-another" onClick={() => actor.send({ type: 'another.requested' })}>
        {t('followUp.another')}
      </button>
      <button type="button" className="button button-primary action-end" data-testid="follow-up-finish" onClick={() => actor.send({ type: 'followUp.finished' })}>
        {t('followUp.finish')}
      </button>
    </>
  );
  if (result?.outcome === 'waiting-here') {
    return (
      <ScreenFrame title={t('followUp.waitingTitle')} actions={actions}>
        <p className="reference" dir="ltr" translate="no" data-testid="follow-up-reference">
          {result.reference}
        </p>
        <p className="lead" data-testid="follow-up-waiting">
          {t('followUp.waitingBody', { date: formatDate(result.filedAt, locale, result.timeZone, true) })}
        </p>
      </ScreenFrame>
    );
  }
  if (result?.outcome !== 'found') return null;
  const found = result.case;
  return (
    <ScreenFrame title={t('followUp.resultTitle')} className="screen-follow-up-result" actions={actions}>
      <div className="follow-up-scroll">
        <p className="follow-up-status" data-testid="follow-up-status" data-status={found.detailedStatus}>
          {t(statusKey(found))}
        </p>
        <dl className="summary follow-up-summary">
          {found.reference ? (
            <>
              <dt>{t('followUp.reference')}</dt>
              <dd>
                {/* A code reads left to right in every language; the cell still aligns with the page. */}
                <span dir="ltr" translate="no" className="follow-up-code" data-testid="follow-up-reference">
                  {found.reference}
                </span>
              </dd>
            </>
          ) : (
            <>
              <dt>{t('followUp.requestNumber')}</dt>
              <dd>
                {/* A code reads left to right in every language; the cell still aligns with the page. */}
                <span dir="ltr" translate="no" className="follow-up-code" data-testid="follow-up-request-number">
                  {found.serviceRequestId}
                </span>
              </dd>
            </>
          )}
          <dt>{t('followUp.service')}</dt>
          <dd data-testid="follow-up-service">{found.serviceName}</dd>
          <dt>{t('followUp.received')}</dt>
          <dd>
            <time dateTime={found.requestedAt}>{formatDate(found.requestedAt, locale, found.timeZone, true)}</time>
          </dd>
          <dt>{t('followUp.expected')}</dt>
          <dd data-testid="follow-up-expected">
            {found.expectedAt ? <time dateTime={found.expectedAt}>{formatDate(found.expectedAt, locale, found.timeZone, false)}</time> : t('followUp.noExpectedDate')}
          </dd>
        </dl>
        <h2 className="follow-up-notes-title">{t('followUp.notes')}</h2>
        {found.notes.length === 0 ? (
          <p className="hint" data-testid="follow-up-no-notes">{t('followUp.noNotes')}</p>
        ) : (
          <ol className="follow-up-notes" data-testid="follow-up-notes">
            {/* Newest first: what changed last is what the citizen came for. */}
            {[...found.notes].reverse().map((note) => (
              <li key={`${note.at}-${note.note}`} data-testid="follow-up-note">
                <time dateTime={note.at}>{formatDate(note.at, locale, found.timeZone, true)}</time>
                {/* Staff write notes in their own language: let the text set its own direction. */}
                <p dir="auto">{note.note}</p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </ScreenFrame>
  );
}
