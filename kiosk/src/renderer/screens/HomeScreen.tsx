import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session-context';
import { ScreenFrame } from '../components/ScreenFrame';

/** Only journeys that work are offered; more appear here as their flows are built. */
export function HomeScreen() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <ScreenFrame title={t('home.title')}>
      <div className="choice-list home-list">
        <button
          type="button"
          className="button button-choice button-tall"
          data-testid="home-file-request"
          onClick={() => session.send({ type: 'request.started' })}
        >
          <span className="choice-name">{t('home.fileRequest')}</span>
          <span className="choice-hint">{t('home.fileRequestHint')}</span>
        </button>
        <button type="button" className="button button-choice button-tall" data-testid="home-faq" onClick={() => session.send({ type: 'faq.started' })}>
          <span className="choice-name">{t('faq.homeButton')}</span>
          <span className="choice-hint">{t('faq.homeHint')}</span>
        </button>
        <button type="button" className="button button-choice button-tall" data-testid="home-followUp" onClick={() => session.send({ type: 'followUp.started' })}>
          <span className="choice-name">{t('followUp.homeButton')}</span>
          <span className="choice-hint">{t('followUp.homeHint')}</span>
        </button>
        <button type="button" className="button button-choice button-tall" data-testid="home-appointments" onClick={() => session.send({ type: 'appointments.started' })}>
          <span className="choice-name">{t('appointments.menuTitle')}</span>
          <span className="choice-hint">{t('appointments.homeHint')}</span>
        </button>
      </div>
    </ScreenFrame>
  );
}
