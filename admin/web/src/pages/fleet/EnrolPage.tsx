import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../api/session';
import { ApproveEnrolmentForm } from './ApproveEnrolmentForm';
import { isAdmin } from './roles';

/**
 * /console/enrol?code=XXXXXXXX: where the QR on a new kiosk's screen leads. Outside the fleet area's
 * path (the kiosk prints this address), so it checks the role itself: only admins let kiosks in.
 */
export function EnrolPage() {
  const { t } = useTranslation('fleet');
  const me = useCurrentUser();
  const [params] = useSearchParams();
  if (!isAdmin(me.role))
    return (
      <p role="alert" className="error" data-testid="console-forbidden">
        {t('enrolments.forbidden')}
      </p>
    );
  return (
    <>
      <PageHeader title={t('enrol.title')} />
      <p>{t('enrol.help')}</p>
      <ApproveEnrolmentForm initialCode={params.get('code') ?? ''} />
      <p>
        <Link to="/fleet/enrolments">{t('enrol.allPending')}</Link>
      </p>
    </>
  );
}
