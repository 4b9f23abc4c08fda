import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '@kiosk/shared';
import { useCurrentUser } from '../api/session';

/** Renders children only for `roles`; anyone else reads that their role may not see the page. */
export function RequireRole({ roles, children }: { roles: readonly StaffRole[]; children: ReactNode }) {
  const { t } = useTranslation('common');
  const me = useCurrentUser();
  if (!roles.includes(me.role))
    return (
      <p role="alert" className="error" data-testid="console-forbidden">
        {t('forbidden')}
      </p>
    );
  return <>{children}</>;
}
