import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The area's three pages: inbox, rules, webhook. */
export function AlertsNav() {
  const { t } = useTranslation('alerts');
  return (
    <nav aria-label={t('subnav')} className="alerts-subnav">
      <NavLink to="/alerts" end data-testid="alerts-nav-inbox">
        {t('inbox.title')}
      </NavLink>
      <NavLink to="/alerts/rules" data-testid="alerts-nav-rules">
        {t('rules.title')}
      </NavLink>
      <NavLink to="/alerts/webhook" data-testid="alerts-nav-webhook">
        {t('webhook.title')}
      </NavLink>
    </nav>
  );
}
