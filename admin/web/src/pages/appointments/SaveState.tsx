import { useTranslation } from 'react-i18next';
import type { UseMutationResult } from '@tanstack/react-query';
import { useErrorText } from '../../api/error-messages';

/** "Saved" or the hub's reason for refusing, announced to screen readers. */
export function SaveState({ mutation }: { mutation: Pick<UseMutationResult<unknown, Error, never>, 'isSuccess' | 'isError' | 'error'> }) {
  const { t } = useTranslation('appointments');
  const errorText = useErrorText();
  if (mutation.isError)
    return (
      <p role="alert" className="error" data-testid="save-error">
        {t('saveFailed', { message: errorText(mutation.error) })}
      </p>
    );
  return (
    <p role="status" className="save-ok">
      {mutation.isSuccess ? t('saved') : ''}
    </p>
  );
}
