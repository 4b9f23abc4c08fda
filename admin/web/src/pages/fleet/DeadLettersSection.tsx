import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadLetterDetail, DeadLetterSummary } from '@kiosk/shared';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from './format';
import { useDeadLetter, useDeadLetters, useFixDeadLetter, useResendDeadLetter } from './queries';
import { useErrorText } from '../../api/error-messages';

/**
 * Requests the hub refused from this kiosk (a 4xx retrying cannot fix): inspect, correct the
 * service or the description, resend. Opening one is audited by the hub; the citizen's contact
 * details are never shown here, only whether there are any.
 */
export function DeadLettersSection({ deviceId }: { deviceId: string }) {
  const { t, i18n } = useTranslation('fleet');
  const list = useDeadLetters(true);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <QueryState query={list}>
      {(data) => {
        const mine = data.items.filter((item) => item.deviceId === deviceId);
        if (mine.length === 0) return <p className="muted" data-testid="dead-letters-none">{t('deadLetters.none')}</p>;
        return (
          <>
            <div className="table-wrap">
              <table data-testid="dead-letters-table">
                <thead>
                  <tr>
                    <th scope="col">{t('deadLetters.reference')}</th>
                    <th scope="col">{t('deadLetters.service')}</th>
                    <th scope="col">{t('deadLetters.error')}</th>
                    <th scope="col">{t('deadLetters.state')}</th>
                    <th scope="col">{t('deadLetters.reported')}</th>
                    <th scope="col">{t('jobs.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {mine.map((item: DeadLetterSummary) => (
                    <tr key={item.id}>
                      <td>{item.localReference}</td>
                      <td>{item.serviceCode}</td>
                      <td>
                        {item.statusCode}: {item.error}
                      </td>
                      <td>{t(`deadLetterState.${item.state}`)}</td>
                      <td>{formatDateTime(item.reportedAt, i18n.language)}</td>
                      <td>
                        <button type="button" className="secondary" aria-expanded={open === item.id} onClick={() => setOpen(open === item.id ? null : item.id)} data-testid="dead-letter-inspect">
                          {t('deadLetters.inspect')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {open !== null && <DeadLetterPanel id={open} />}
          </>
        );
      }}
    </QueryState>
  );
}

function DeadLetterPanel({ id }: { id: string }) {
  const detail = useDeadLetter(id);
  return <QueryState query={detail}>{(data) => <DeadLetterEditor key={`${data.id}-${data.updatedAt}`} detail={data} />}</QueryState>;
}

function DeadLetterEditor({ detail }: { detail: DeadLetterDetail }) {
  const { t } = useTranslation('fleet');
  const errorText = useErrorText();
  const fix = useFixDeadLetter();
  const resend = useResendDeadLetter();
  const current = detail.correctedSubmission ?? detail.submission;
  const [serviceCode, setServiceCode] = useState(current.serviceCode);
  const [description, setDescription] = useState(current.description);
  const onFix = (event: FormEvent) => {
    event.preventDefault();
    fix.mutate({ id: detail.id, correction: { serviceCode: serviceCode.trim(), description: description.trim() } });
  };
  const failure = fix.error ?? resend.error;
  return (
    <section className="card dead-letter" aria-labelledby="dead-letter-heading" data-testid="dead-letter-detail">
      <h3 id="dead-letter-heading">{t('deadLetters.detailTitle', { reference: detail.localReference })}</h3>
      <p>
        {t('deadLetters.refusedWith', { status: detail.statusCode, error: detail.error })} {t(`deadLetterState.${detail.state}`)}
      </p>
      <p className="muted small">{current.contact ? t('deadLetters.hasContact') : t('deadLetters.noContact')}</p>
      <form onSubmit={onFix} className="dead-letter-form">
        <label>
          {t('deadLetters.service')}
          <input value={serviceCode} onChange={(e) => setServiceCode(e.target.value)} required maxLength={64} data-testid="dead-letter-service" />
        </label>
        <label>
          {t('deadLetters.description')}
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} required rows={4} data-testid="dead-letter-description" />
        </label>
        <div className="form-actions">
          <button type="submit" className="secondary" disabled={fix.isPending || detail.state === 'resent'} data-testid="dead-letter-fix">
            {t('deadLetters.saveFix')}
          </button>
          <button type="button" disabled={resend.isPending || detail.state === 'resent'} onClick={() => resend.mutate(detail.id)} data-testid="dead-letter-resend">
            {t('deadLetters.resend')}
          </button>
        </div>
      </form>
      {fix.isSuccess && <p role="status">{t('deadLetters.fixed')}</p>}
      {resend.isSuccess && <p role="status">{t('deadLetters.resendRequested')}</p>}
      {failure !== null && (
        <p role="alert" className="error">
          {errorText(failure)}
        </p>
      )}
    </section>
  );
}
