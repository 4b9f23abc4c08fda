import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { CaseActions } from './CaseActions';
import { CaseFacts } from './CaseFacts';
import { CaseHistory } from './CaseHistory';
import { MergeSection } from './MergeSection';
import { PersonalDataSection } from './PersonalDataSection';
import { caseLabel } from './format';
import { useCase, useStaff } from './queries';

/** /console/cases/:id: one case, its history, and (for case handlers) every change. */
export function CasePage() {
  const { t } = useTranslation('cases');
  const { id = '' } = useParams();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  const query = useCase(id);
  const staff = useStaff();
  return (
    <>
      <p>
        <Link to={typeof from === 'string' ? from : '/cases'} data-testid="case-back">
          {t('backToQueue')}
        </Link>
      </p>
      <QueryState query={query}>
        {(detail) => (
          <>
            <PageHeader title={t('caseTitle', { case: caseLabel(detail), service: detail.serviceName })} />
            <div className="cases-layout">
              <div className="cases-column">
                <CaseFacts detail={detail} />
                {detail.mayRevealPersonalData && <PersonalDataSection key={detail.id} caseId={detail.id} />}
                <CaseHistory detail={detail} />
              </div>
              {detail.mayChange && detail.mergedInto === null && (
                <div className="cases-column">
                  {/* Keyed by the last change, so the forms start again from the case as it now is. */}
                  <CaseActions key={`${detail.id}-${detail.updatedAt}-${detail.assignee?.id ?? ''}`} detail={detail} staff={staff.data?.staff} />
                  <MergeSection detail={detail} />
                </div>
              )}
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
