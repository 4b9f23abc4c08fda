import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { caseLabel, formatDateTime } from './format';
import { useMerge, useQueue } from './queries';
import { useErrorText } from '../../api/error-messages';

/**
 * Merge a duplicate into this case: the duplicate is picked from the open cases of the same
 * service, and closes as `duplicate` pointing here once the staff member confirms.
 */
export function MergeSection({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const errorText = useErrorText();
  const candidates = useQueue(new URLSearchParams({ service: detail.serviceCode, status: 'open', page_size: '100', sort: 'newest' }).toString());
  const merge = useMerge();
  const [duplicate, setDuplicate] = useState('');
  const [confirming, setConfirming] = useState(false);
  const others = (candidates.data?.cases ?? []).filter((c) => c.id !== detail.id && c.mergedInto === null);
  const picked = others.find((c) => c.id === duplicate);

  return (
    <section className="card" aria-labelledby="case-merge-title" data-testid="case-merge">
      <h2 id="case-merge-title">{t('merge.title')}</h2>
      <p>{t('merge.explain')}</p>
      <label>
        {t('merge.pick')}
        <select value={duplicate} onChange={(e) => setDuplicate(e.target.value)} data-testid="case-merge-select">
          <option value="">{t('choose')}</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {caseLabel(c)} · {formatDateTime(c.requestedAt, i18n.language)} · {t(`status.${c.detailedStatus}`, { defaultValue: c.detailedStatus })}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="danger" disabled={picked === undefined || merge.isPending} onClick={() => setConfirming(true)} data-testid="case-merge-submit">
        {t('merge.submit')}
      </button>
      {merge.isError && (
        <p role="alert" className="error-box">
          {t('changeFailed', { message: errorText(merge.error) })}
        </p>
      )}
      {merge.isSuccess && (
        <p role="status" className="notice">
          {t('done.merge')}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('merge.confirmTitle')}
        confirmLabel={t('merge.submit')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          if (picked === undefined) return;
          merge.mutate({ duplicateId: picked.id, body: { into: detail.id } }, { onSuccess: () => setDuplicate('') });
        }}
      >
        <p>{picked !== undefined && t('merge.confirm', { duplicate: caseLabel(picked), kept: caseLabel(detail) })}</p>
      </ConfirmDialog>
    </section>
  );
}
