import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The two pages of the area: accounts and the audit log. */
export function UsersTabs() {
  const { t } = useTranslation('users');
  return (
    <nav className="users-tabs" aria-label={t('nav')}>
      <NavLink to="/users" end data-testid="users-tab-users">
        {t('usersTitle')}
      </NavLink>
      <NavLink to="/users/audit" data-testid="users-tab-audit">
        {t('auditTitle')}
      </NavLink>
    </nav>
  );
}
