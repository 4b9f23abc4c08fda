import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The content area's two lists: FAQ and procedures, and the service catalogue. */
export function ContentTabs() {
  const { t } = useTranslation('content');
  return (
    <nav className="content-tabs" aria-label={t('tabsLabel')}>
      <NavLink to="/content" end data-testid="content-tab-entries">
        {t('tabEntries')}
      </NavLink>
      <NavLink to="/content/services" data-testid="content-tab-services">
        {t('tabServices')}
      </NavLink>
    </nav>
  );
}
