import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ENROLMENT_CODE_LENGTH, formatEnrolmentCode, normaliseEnrolmentCode, type FleetDevice } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useApproveEnrolment, useRejectEnrolment } from './queries';
import { useErrorText } from '../../api/error-messages';

/**
 * Approve (with label, site and group) or reject the kiosk showing `code`. The code is checked the
 * way the hub reads it (any case, dash optional, O/I/L read as 0/1) before anything is sent.
 */
export function ApproveEnrolmentForm({ initialCode = '' }: { initialCode?: string }) {
  const { t } = useTranslation('fleet');
  const errorText = useErrorText();
  const approve = useApproveEnrolment();
  const reject = useRejectEnrolment();
  const [code, setCode] = useState(initialCode);
  const [label, setLabel] = useState('');
  const [site, setSite] = useState('');
  const [group, setGroup] = useState('');
  const [confirmReject, setConfirmReject] = useState(false);
  const [done, setDone] = useState<{ kind: 'approved'; device: FleetDevice } | { kind: 'rejected' } | null>(null);
  const normalised = normaliseEnrolmentCode(code);
  const codeInvalid = code.trim() !== '' && normalised === null;

  const onApprove = (event: FormEvent) => {
    event.preventDefault();
    if (normalised === null || label.trim() === '') return;
    setDone(null);
    approve.mutate(
      { code: normalised, label: label.trim(), site: site.trim() === '' ? null : site.trim(), group: group.trim() === '' ? null : group.trim() },
      { onSuccess: (device) => setDone({ kind: 'approved', device }) },
    );
  };
  const onReject = () => {
    setConfirmReject(false);
    if (normalised === null) return;
    setDone(null);
    reject.mutate(normalised, { onSuccess: () => setDone({ kind: 'rejected' }) });
  };
  const failure = approve.error ?? reject.error;

  return (
    <form className="card enrol-form" onSubmit={onApprove} data-testid="enrol-form">
      <label>
        {t('enrolments.code')}
        <input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={ENROLMENT_CODE_LENGTH + 4}
          aria-invalid={codeInvalid}
          aria-describedby="enrol-code-help"
          data-testid="enrol-code"
        />
      </label>
      <p id="enrol-code-help" className={codeInvalid ? 'error small' : 'muted small'}>
        {codeInvalid ? t('enrolments.codeInvalid') : t('enrolments.codeHelp')}
      </p>
      <label>
        {t('kiosk.label')}
        <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={80} data-testid="enrol-label" />
      </label>
      <label>
        {t('kiosk.site')}
        <input value={site} onChange={(e) => setSite(e.target.value)} maxLength={80} data-testid="enrol-site" />
      </label>
      <label>
        {t('kiosk.group')}
        <input value={group} onChange={(e) => setGroup(e.target.value)} maxLength={80} data-testid="enrol-group" />
      </label>
      <div className="form-actions">
        <button type="submit" disabled={approve.isPending || normalised === null || label.trim() === ''} data-testid="enrol-approve">
          {t('enrolments.approve')}
        </button>
        <button type="button" className="danger" disabled={reject.isPending || normalised === null} onClick={() => setConfirmReject(true)} data-testid="enrol-reject">
          {t('enrolments.reject')}
        </button>
      </div>
      {failure !== null && (
        <p role="alert" className="error" data-testid="enrol-error">
          {t('enrolments.failed', { message: errorText(failure) })}
        </p>
      )}
      {done?.kind === 'approved' && (
        <p role="status" className="notice" data-testid="enrol-approved">
          {t('enrolments.approved', { label: done.device.label })} <Link to={`/fleet/${encodeURIComponent(done.device.id)}`}>{t('enrolments.openKiosk')}</Link>
        </p>
      )}
      {done?.kind === 'rejected' && (
        <p role="status" className="notice" data-testid="enrol-rejected">
          {t('enrolments.rejected')}
        </p>
      )}
      {confirmReject && (
        <ConfirmDialog open={confirmReject} title={t('enrolments.rejectTitle')} confirmLabel={t('enrolments.reject')} onCancel={() => setConfirmReject(false)} onConfirm={onReject}>
          <p>{t('enrolments.rejectBody', { code: normalised === null ? code : formatEnrolmentCode(normalised) })}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
