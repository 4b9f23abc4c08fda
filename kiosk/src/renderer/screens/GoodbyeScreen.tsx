import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session-context';
import { ScreenFrame } from '../components/ScreenFrame';

export function GoodbyeScreen() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <ScreenFrame
      title={t('goodbye.title')}
      actions={
        <button
          type="button"
          className="button button-primary action-end"
          data-testid="goodbye-finish"
          onClick={() => session.send({ type: 'goodbye.finished' })}
        >
          {t('goodbye.finish')}
        </button>
      }
    >
      <p className="lead">{t('goodbye.body')}</p>
    </ScreenFrame>
  );
}
