import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffRoleSchema, type IssuedPassword, type StaffRole, type StaffUser } from '@kiosk/shared';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../api/error-messages';
import { useCurrentUser } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { UsersTabs } from './UsersTabs';
import { useCreateUser, useResetPassword, useResetSecondFactor, useUpdateUser, useUsers } from './queries';

type Pending = { kind: 'disable' | 'enable' | 'reset-password' | 'reset-second-factor'; user: StaffUser } | null;

/** The tenant's staff accounts: create, change role, disable/enable, reset password or second factor. */
export function UsersPage() {
  const { t } = useTranslation('users');
  const errorText = useErrorText();
  const me = useCurrentUser();
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const resetPassword = useResetPassword();
  const resetSecondFactor = useResetSecondFactor();
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);

  const explain = (failure: unknown) => {
    if (failure instanceof ApiError && failure.code === 'username-taken') return t('usernameTaken');
    if (failure instanceof ApiError && failure.code === 'last-admin') return t('lastAdmin');
    if (failure instanceof ApiError && failure.status === 400) return t('invalidInput');
    return t('changeFailed', { message: errorText(failure) });
  };
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(explain(failure));
    }
  };

  const submitCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const site = String(data.get('site') ?? '').trim();
    const role = StaffRoleSchema.parse(data.get('role'));
    void run(async () => {
      setIssued(await create.mutateAsync({ username: String(data.get('username') ?? '').trim(), role, site: site === '' ? null : site }));
      form.reset();
    });
  };
  const confirm = () => {
    if (pending === null) return;
    const { kind, user } = pending;
    setPending(null);
    void run(async () => {
      if (kind === 'disable' || kind === 'enable') await update.mutateAsync({ id: user.id, changes: { disabled: kind === 'disable' } });
      if (kind === 'reset-password') setIssued(await resetPassword.mutateAsync(user.id));
      if (kind === 'reset-second-factor') await resetSecondFactor.mutateAsync(user.id);
    });
  };

  return (
    <>
      <PageHeader title={t('usersTitle')} />
      <UsersTabs />
      {issued && (
        <div className="notice issued-password" role="status" data-testid="users-issued-password">
          <p>{t('passwordShownOnce', { username: issued.user.username })}</p>
          <code data-testid="users-password">{issued.password}</code>
          <button type="button" className="secondary" onClick={() => setIssued(null)}>
            {t('passwordNoted')}
          </button>
        </div>
      )}
      {error && (
        <p className="error-box" role="alert" data-testid="users-error">
          {error}
        </p>
      )}
      <form className="card users-create" onSubmit={submitCreate} aria-labelledby="users-create-title">
        <h2 id="users-create-title">{t('createTitle')}</h2>
        <label>
          {t('username')}
          <input name="username" required pattern="[A-Za-z0-9._\-]{3,64}" autoComplete="off" data-testid="users-new-username" />
        </label>
        <label>
          {t('role')}
          <select name="role" defaultValue="viewer" data-testid="users-new-role">
            {StaffRoleSchema.options.map((role) => (
              <option key={role} value={role}>
                {t(`common:role.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('site')}
          <input name="site" placeholder={t('allSites')} data-testid="users-new-site" />
        </label>
        <button type="submit" disabled={create.isPending} data-testid="users-create">
          {t('create')}
        </button>
      </form>
      <QueryState query={users}>
        {({ users: list }) => (
          <div className="table-wrap">
            <table data-testid="users-table">
              <caption>{t('tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('username')}</th>
                  <th scope="col">{t('role')}</th>
                  <th scope="col">{t('site')}</th>
                  <th scope="col">{t('state')}</th>
                  <th scope="col">{t('secondFactor')}</th>
                  <th scope="col">{t('actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((user) => (
                  <tr key={user.id} data-testid={`users-row-${user.username}`}>
                    <th scope="row">{user.username}</th>
                    <td>
                      <label>
                        <span className="visually-hidden">{t('roleOf', { username: user.username })}</span>
                        <select
                          value={user.role}
                          onChange={(event) => void run(() => update.mutateAsync({ id: user.id, changes: { role: event.target.value as StaffRole } }))}
                          data-testid={`users-role-${user.username}`}
                        >
                          {StaffRoleSchema.options.map((role) => (
                            <option key={role} value={role}>
                              {t(`common:role.${role}`)}
                            </option>
                          ))}
                        </select>
                      </label>
                    </td>
                    <td>{user.site ?? t('allSites')}</td>
                    <td className={user.disabled ? 'status-off' : 'status-ok'}>{user.disabled ? t('disabled') : t('active')}</td>
                    <td>{user.secondFactor ? t('enrolled') : t('notEnrolled')}</td>
                    <td className="users-actions">
                      <button type="button" className="secondary" onClick={() => setPending({ kind: user.disabled ? 'enable' : 'disable', user })} data-testid={`users-toggle-${user.username}`}>
                        {user.disabled ? t('enable') : t('disable')}
                      </button>
                      <button type="button" className="secondary" onClick={() => setPending({ kind: 'reset-password', user })} data-testid={`users-reset-password-${user.username}`}>
                        {t('resetPassword')}
                      </button>
                      {user.secondFactor && (
                        <button type="button" className="secondary" onClick={() => setPending({ kind: 'reset-second-factor', user })}>
                          {t('resetSecondFactor')}
                        </button>
                      )}
                      {user.username === me.username && <span className="users-you">{t('you')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(`confirm.${pending.kind}`, { username: pending.user.username }) : ''}
        confirmLabel={pending ? t(`confirmLabel.${pending.kind}`) : undefined}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {pending && <p>{t(`confirmBody.${pending.kind}`)}</p>}
      </ConfirmDialog>
    </>
  );
}
