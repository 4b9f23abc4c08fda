import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@kiosk/shared';
import { formatDateTime } from './format';

/** What the citizen was told, what staff noted, and who did what (the audit trail). */
export function CaseHistory({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, i18n.language)}</time>;
  return (
    <section className="card cases-history" aria-labelledby="case-history-title" data-testid="case-history">
      <h2 id="case-history-title">{t('history.title')}</h2>
      <h3>{t('history.public')}</h3>
      <div className="table-wrap">
        <table data-testid="case-public-history">
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('col.status')}</th>
              <th scope="col">{t('history.publicNote')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.publicHistory.map((h, i) => (
              <tr key={`${h.at}-${i}`}>
                <td>{when(h.at)}</td>
                <td>{t(`status.${h.detailedStatus}`, { defaultValue: h.detailedStatus })}</td>
                <td>{h.publicNote ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('history.internal')}</h3>
      {detail.internalNotes.length === 0 ? (
        <p>{t('history.noNotes')}</p>
      ) : (
        <ul className="cases-notes" data-testid="case-internal-notes">
          {detail.internalNotes.map((n) => (
            <li key={n.id}>
              <p className="cases-note-meta">
                {n.author} · {when(n.at)}
              </p>
              <p className="cases-description">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('history.events')}</h3>
      {detail.events.length === 0 ? (
        <p>{t('history.noEvents')}</p>
      ) : (
        <ul className="cases-notes" data-testid="case-events">
          {detail.events.map((e, i) => (
            <li key={`${e.at}-${i}`} data-action={e.action}>
              {when(e.at)} · {e.actor} · {t(`event.${e.action}`, { defaultValue: e.action })}
              {e.action === 'case.status' && typeof e.details['from'] === 'string' && typeof e.details['to'] === 'string' && (
                <> ({t(`status.${e.details['from']}`)} → {t(`status.${e.details['to']}`)})</>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
