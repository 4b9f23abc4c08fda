import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../components/ScreenFrame';

export function SubmittingScreen() {
  const { t } = useTranslation();
  return (
    <ScreenFrame title={t('submitting.title')}>
      <p className="lead" role="status" data-testid="submitting">
        {t('submitting.hint')}
      </p>
    </ScreenFrame>
  );
}
