import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CONSOLE_LOCALES } from '@kiosk/shared';
import { useCurrentUser, useSignOut } from '../api/session';
import { AREAS } from './areas';
import { isConsoleLocale } from '../i18n';

const ENDONYMS: Record<(typeof CONSOLE_LOCALES)[number], string> = { es: 'Español', ca: 'Català', eu: 'Euskara', gl: 'Galego', en: 'English' };

/** The signed-in frame: skip link, header with sections the role may use, language, sign out. */
export function Layout() {
  const { t, i18n } = useTranslation('common');
  const me = useCurrentUser();
  const signOut = useSignOut();
  const areas = AREAS.filter((area) => area.roles.includes(me.role));
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="console-header">
        <span className="console-title">{t('title')}</span>
        <nav aria-label={t('navigation')}>
          <ul>
            {areas.map((area) => (
              <li key={area.id}>
                <NavLink to={`/${area.path}`} data-testid={`nav-${area.id}`}>
                  {t('nav', { ns: area.id })}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="console-user">
          <label>
            <span className="visually-hidden">{t('language')}</span>
            <select
              value={i18n.language}
              onChange={(event) => {
                if (isConsoleLocale(event.target.value)) void i18n.changeLanguage(event.target.value);
              }}
              data-testid="console-language"
            >
              {CONSOLE_LOCALES.map((locale) => (
                <option key={locale} value={locale} lang={locale}>
                  {ENDONYMS[locale]}
                </option>
              ))}
            </select>
          </label>
          <span data-testid="console-user">{t('signedInAs', { username: me.username, role: t(`role.${me.role}`) })}</span>
          <button type="button" className="secondary" onClick={() => void signOut()} data-testid="console-sign-out">
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
