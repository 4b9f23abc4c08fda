import { useEffect, useState, type FormEvent } from 'react';
import type { Me } from '@kiosk/shared';
import { currentUser, recentCases, signIn, signOut, type CaseRow } from './api';
import type { MessageKey } from './messages';

type T = (key: MessageKey) => string;

function SignIn({ t, onSignedIn }: { t: T; onSignedIn: () => void }) {
  const [failed, setFailed] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await signIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    setFailed(!ok);
    if (ok) onSignedIn();
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('title')}</h1>
      <label>
        {t('username')}
        <input name="username" autoComplete="username" required data-testid="console-username" />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" required data-testid="console-password" />
      </label>
      {failed && <p role="alert" className="error">{t('signInFailed')}</p>}
      <button type="submit" data-testid="console-sign-in">{t('signIn')}</button>
    </form>
  );
}

function Cases({ t }: { t: T }) {
  const [rows, setRows] = useState<CaseRow[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    recentCases().then(setRows, () => setFailed(true));
  }, []);
  if (failed) return <p role="alert" className="error">{t('loadFailed')}</p>;
  if (!rows) return null;
  if (rows.length === 0) return <p>{t('none')}</p>;
  return (
    <table data-testid="console-cases">
      <caption>{t('cases')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reference')}</th>
          <th scope="col">{t('service')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">{t('channel')}</th>
          <th scope="col">{t('received')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{row.localReference ?? row.id}</td>
            <td>{row.serviceName}</td>
            <td>{row.status}</td>
            <td>{row.channel}</td>
            <td>{new Date(row.requestedAt).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function App({ t }: { t: T }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const refresh = () => void currentUser().then(setUser, () => setUser(null));
  useEffect(refresh, []);
  if (user === undefined) return null;
  if (user === null) return <main><SignIn t={t} onSignedIn={refresh} /></main>;
  return (
    <main>
      <header>
        <h1>{t('title')}</h1>
        <span>{user.username}</span>
        <button type="button" onClick={() => void signOut().then(refresh)}>{t('signOut')}</button>
      </header>
      <Cases t={t} />
    </main>
  );
}
