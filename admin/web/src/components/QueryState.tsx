import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import { useErrorText } from '../api/error-messages';

/**
 * Loading and failure for one query, said the same way on every page: a polite "Loading…", or
 * the hub's message with a Try again button. Children render only with data.
 */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation('common');
  const errorText = useErrorText();
  if (query.isPending) return <p role="status">{t('loading')}</p>;
  if (query.isError)
    return (
      <div role="alert" className="error-box">
        <p>{t('loadFailed', { message: errorText(query.error) })}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t('retry')}
        </button>
      </div>
    );
  return <>{children(query.data)}</>;
}
