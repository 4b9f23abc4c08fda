import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MeSchema, SecondFactorChallengeSchema } from '@kiosk/shared';
import { ApiError, apiGet, apiSend } from '../../api/client';
import { useErrorText } from '../../api/error-messages';
import { ME_QUERY_KEY } from '../../api/session';
import { QrCode } from './QrCode';

/** Four-character groups are easier to type into an app by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * After the password: enrol an authenticator (secret as QR, as text and as URI) or enter the
 * current code. A session that expired or locked sends the user back to the password.
 */
export function SecondFactorStep({ onRestart }: { onRestart: (message: string) => void }) {
  const { t } = useTranslation('auth');
  const errorText = useErrorText();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const challenge = useQuery({ queryKey: ['auth', 'second-factor'], queryFn: () => apiGet('/api/auth/second-factor', SecondFactorChallengeSchema), retry: false, staleTime: Infinity });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s+/g, '');
    setBusy(true);
    try {
      const me = await apiSend('POST', '/api/auth/second-factor', { code }, MeSchema);
      client.removeQueries({ queryKey: ['auth', 'second-factor'] });
      client.setQueryData(ME_QUERY_KEY, me);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'wrong-code') setError(t('wrongCode'));
      else if (failure instanceof ApiError && failure.status === 400) setError(t('codeFormat'));
      else if (failure instanceof ApiError && (failure.status === 429 || failure.status === 401)) onRestart(failure.status === 429 ? t('tooManyAttempts') : t('stepExpired'));
      else if (failure instanceof ApiError && failure.code === 'enrolment-not-started') onRestart(t('stepExpired'));
      else if (failure instanceof ApiError && (failure.status === 0 || failure.status >= 500)) setError(errorText(failure));
      else setError(t('signInFailed'));
    } finally {
      setBusy(false);
    }
  };

  if (challenge.isPending) return <p role="status">{t('loadingStep')}</p>;
  if (challenge.isError) {
    return (
      <div className="card">
        <p role="alert" className="error">
          {t('stepExpired')}
        </p>
        <button type="button" onClick={() => onRestart('')}>
          {t('backToPassword')}
        </button>
      </div>
    );
  }
  const enrol = challenge.data.mode === 'enrol' ? challenge.data : null;
  return (
    <form className="card second-factor" onSubmit={(event) => void submit(event)} aria-labelledby="second-factor-title" data-testid="console-second-factor">
      <h1 id="second-factor-title">{enrol ? t('enrolTitle') : t('codeTitle')}</h1>
      {enrol ? (
        <>
          <p>{t('enrolIntro')}</p>
          <QrCode text={enrol.uri} label={t('qrLabel')} />
          <p>
            {t('secretLabel')}{' '}
            <code className="totp-secret" data-testid="console-totp-secret">
              {grouped(enrol.secret)}
            </code>
          </p>
          <details>
            <summary>{t('uriLabel')}</summary>
            <code className="totp-uri" data-testid="console-totp-uri">
              {enrol.uri}
            </code>
          </details>
        </>
      ) : (
        <p>{t('codeIntro')}</p>
      )}
      <label>
        {t('codeLabel')}
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          required
          aria-describedby={error ? 'second-factor-error' : undefined}
          data-testid="console-totp-code"
        />
      </label>
      {error && (
        <p role="alert" id="second-factor-error" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} data-testid="console-totp-submit">
        {enrol ? t('enrolSubmit') : t('codeSubmit')}
      </button>
      <button type="button" className="secondary" onClick={() => onRestart('')}>
        {t('backToPassword')}
      </button>
    </form>
  );
}
