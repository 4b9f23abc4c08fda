import { useState } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_ENDONYMS } from '../i18n/endonyms';
import { useSession } from '../state/session-context';
import { selectCanRestart, selectLocale, selectScreen } from '../state/selectors';
import { LanguageDialog } from './LanguageDialog';
import { HelpDialog } from './HelpDialog';
import './top-bar.css';

/**
 * Same place on every screen (WCAG 3.2.6): the language switcher, Help, Call staff and "Start over".
 * Help and Call staff are there on the attract screen too: anyone may need a person.
 */
export function TopBar() {
  const { t } = useTranslation();
  const session = useSession();
  const locale = useSelector(session, selectLocale);
  const canRestart = useSelector(session, selectCanRestart);
  const screen = useSelector(session, selectScreen);
  const [choosing, setChoosing] = useState(false);
  const [help, setHelp] = useState<null | { callAtOnce: boolean }>(null);
  return (
    <header className="top-bar">
      <p className="top-bar-title">{t('topBar.title')}</p>
      <div className="top-bar-controls">
        <button type="button" className="button button-bar" data-testid="top-language" onClick={() => setChoosing(true)}>
          {t('topBar.language')}: <span lang={locale}>{LANGUAGE_ENDONYMS[locale]}</span>
        </button>
        <button type="button" className="button button-bar" data-testid="top-help" onClick={() => setHelp({ callAtOnce: false })}>
          {t('topBar.help')}
        </button>
        <button type="button" className="button button-bar" data-testid="top-call-staff" onClick={() => setHelp({ callAtOnce: true })}>
          {t('topBar.callStaff')}
        </button>
        {/* Hidden, not removed, on the attract screen so the switcher never moves; "inherit", not
            "visible", so it stays hidden under the screen curtain (a11y/dom-items.ts). */}
        <button
          type="button"
          className="button button-bar"
          data-testid="top-start-over"
          style={{ visibility: canRestart ? 'inherit' : 'hidden' }}
          onClick={() => session.send({ type: 'session.restarted' })}
        >
          {t('topBar.startOver')}
        </button>
      </div>
      {choosing ? (
        <LanguageDialog
          current={locale}
          onChoose={(chosen) => {
            session.send({ type: 'language.changed', locale: chosen });
            setChoosing(false);
          }}
          onClose={() => setChoosing(false)}
        />
      ) : null}
      {help ? <HelpDialog screen={screen} callAtOnce={help.callAtOnce} onClose={() => setHelp(null)} /> : null}
    </header>
  );
}
