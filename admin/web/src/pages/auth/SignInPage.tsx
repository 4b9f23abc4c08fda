import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { MeSchema, SecondFactorDueSchema } from '@kiosk/shared';
import { ApiError, apiSend } from '../../api/client';
import { useErrorText } from '../../api/error-messages';
import { ME_QUERY_KEY } from '../../api/session';
import { SecondFactorStep } from './SecondFactorStep';
import './auth.css';

const LoginAnswerSchema = z.union([MeSchema, SecondFactorDueSchema]);

/**
 * Username and password; then, for admins (and anyone who enrolled), the second-factor step. The
 * hub answers a wrong password with a plain refusal, and too many with 429.
 */
export function SignInPage() {
  const { t } = useTranslation('auth');
  const errorText = useErrorText();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<'password' | 'second-factor'>('password');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const answer = await apiSend('POST', '/api/auth/login', { username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') }, LoginAnswerSchema);
      setError(null);
      if ('secondFactor' in answer) setStage('second-factor');
      else client.setQueryData(ME_QUERY_KEY, answer);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) setError(t('wrongCredentials'));
      else if (failure instanceof ApiError && failure.status === 429) setError(t('tooManyAttempts'));
      else if (failure instanceof ApiError && (failure.status === 0 || failure.status >= 500)) setError(errorText(failure));
      else setError(t('signInFailed'));
    } finally {
      setBusy(false);
    }
  };

  if (stage === 'second-factor') {
    return (
      <main id="main" className="sign-in">
        <SecondFactorStep
          onRestart={(message) => {
            client.removeQueries({ queryKey: ['auth', 'second-factor'] });
            setError(message === '' ? null : message);
            setStage('password');
          }}
        />
      </main>
    );
  }
  return (
    <main id="main" className="sign-in">
      <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('title')}</h1>
        <label>
          {t('username')}
          <input name="username" autoComplete="username" required data-testid="console-username" />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required data-testid="console-password" />
        </label>
        {error && (
          <p role="alert" className="error" data-testid="console-sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="console-sign-in">
          {t('signIn')}
        </button>
      </form>
    </main>
  );
}
