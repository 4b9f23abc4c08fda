import { useTranslation } from 'react-i18next';

/** Previous / next page buttons, shown only when there is more than one page. */
export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <div className="pager">
      <button type="button" className="button button-secondary" data-testid="faq-page-previous" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('services.previousPage')}
      </button>
      <span className="pager-status">{t('services.page', { page: page + 1, pages })}</span>
      <button type="button" className="button button-secondary" data-testid="faq-page-next" disabled={page === pages - 1} onClick={() => onPage(page + 1)}>
        {t('faq.nextPage')}
      </button>
    </div>
  );
}
