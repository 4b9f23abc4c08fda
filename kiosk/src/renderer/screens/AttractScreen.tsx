import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session-context';
import { ScreenFrame } from '../components/ScreenFrame';
import { FiguresPanel } from './FiguresPanel';

export function AttractScreen() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <ScreenFrame title={t('attract.title')} className="screen-attract">
      <p className="lead">{t('attract.canDo')}</p>
      <ul className="can-do">
        <li>{t('attract.canReadAnswers')}</li>
        <li>{t('attract.canFileRequest')}</li>
        <li>{t('attract.canFollowUp')}</li>
        <li>{t('attract.canAppointments')}</li>
      </ul>
      <button
        type="button"
        className="button button-primary button-huge"
        data-testid="attract-start"
        onClick={() => session.send({ type: 'session.started' })}
      >
        {t('attract.start')}
      </button>
      <FiguresPanel />
    </ScreenFrame>
  );
}
