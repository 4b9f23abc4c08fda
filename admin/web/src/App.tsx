import { useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from './api/session';
import { SignInPage } from './pages/auth/SignInPage';
import { createConsoleRouter } from './shell/router';
import { useErrorText } from './api/error-messages';

/** Signed out: the sign-in page (whatever the address). Signed in: the router under /console. */
export function App() {
  const { t } = useTranslation('common');
  const errorText = useErrorText();
  const me = useMe();
  const router = useMemo(() => (me.data ? createConsoleRouter() : null), [me.data?.username]);
  if (me.isPending) return <p role="status">{t('loading')}</p>;
  if (me.isError)
    return (
      <p role="alert" className="error">
        {t('loadFailed', { message: errorText(me.error) })}
      </p>
    );
  if (!me.data || !router) return <SignInPage />;
  return <RouterProvider router={router} />;
}
