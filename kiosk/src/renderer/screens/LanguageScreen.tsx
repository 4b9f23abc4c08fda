import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session-context';
import { selectLocale } from '../state/selectors';
import { ScreenFrame } from '../components/ScreenFrame';
import { LanguageButtons } from '../components/LanguageButtons';

export function LanguageScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const locale = useSelector(session, selectLocale);
  return (
    <ScreenFrame title={t('language.title')}>
      <LanguageButtons
        current={locale}
        testIdPrefix="language"
        onChoose={(chosen) => session.send({ type: 'language.chosen', locale: chosen })}
      />
    </ScreenFrame>
  );
}
