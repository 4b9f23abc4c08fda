import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import { usePendingEnrolments } from './queries';
import { ApproveEnrolmentForm } from './ApproveEnrolmentForm';
import { formatDateTime } from './format';
import { isAdmin } from './roles';

/**
 * /fleet/enrolments: kiosks waiting to be let in. The list never shows their codes (only the person
 * standing at the kiosk sees one): approving means typing the code from the kiosk's screen.
 */
export function EnrolmentsPage() {
  const { t, i18n } = useTranslation('fleet');
  const me = useCurrentUser();
  const pending = usePendingEnrolments(isAdmin(me.role));
  if (!isAdmin(me.role))
    return (
      <p role="alert" className="error" data-testid="console-forbidden">
        {t('enrolments.forbidden')}
      </p>
    );
  return (
    <>
      <p>
        <Link to="/fleet">{t('backToFleet')}</Link>
      </p>
      <PageHeader title={t('enrolments.title')} />
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">{t('enrolments.pending')}</h2>
        <QueryState query={pending}>
          {(data) =>
            data.enrolments.length === 0 ? (
              <p className="muted" data-testid="enrolments-none">
                {t('enrolments.none')}
              </p>
            ) : (
              <div className="table-wrap">
                <table data-testid="enrolments-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('enrolments.requested')}</th>
                      <th scope="col">{t('enrolments.expires')}</th>
                      <th scope="col">{t('enrolments.agentVersion')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.enrolments.map((enrolment) => (
                      <tr key={enrolment.id}>
                        <td>{formatDateTime(enrolment.createdAt, i18n.language)}</td>
                        <td>{formatDateTime(enrolment.expiresAt, i18n.language)}</td>
                        <td>{enrolment.agentVersion}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="approve-heading">
        <h2 id="approve-heading">{t('enrolments.approveTitle')}</h2>
        <p>{t('enrolments.approveHelp')}</p>
        <ApproveEnrolmentForm />
      </section>
    </>
  );
}
