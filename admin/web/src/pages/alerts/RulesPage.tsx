import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertRule } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import { AlertsNav } from './AlertsNav';
import { RuleForm } from './RuleForm';
import { useDeleteRule, useRules } from './queries';
import { canEditAlerts } from './roles';
import { useErrorText } from '../../api/error-messages';

/** /alerts/rules: what opens an alert, e.g. "paper low for more than 30 minutes". */
export function RulesPage() {
  const { t } = useTranslation('alerts');
  const me = useCurrentUser();
  const rules = useRules();
  const [editing, setEditing] = useState<AlertRule | null>(null);
  const editable = canEditAlerts(me.role);
  return (
    <>
      <PageHeader title={t('rules.title')} />
      <AlertsNav />
      <section aria-labelledby="rules-list-heading">
        <h2 id="rules-list-heading">{t('rules.listTitle')}</h2>
        <QueryState query={rules}>{(data) => <RuleTable rules={data.rules} editable={editable} onEdit={setEditing} />}</QueryState>
      </section>
      {editable ? (
        <section className="card alerts-card" aria-labelledby="rule-form-heading">
          <h2 id="rule-form-heading">{editing === null ? t('rules.newTitle') : t('rules.editTitle', { name: editing.name })}</h2>
          <RuleForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
        </section>
      ) : (
        <p className="notice">{t('rules.readOnly')}</p>
      )}
    </>
  );
}

function RuleTable({ rules, editable, onEdit }: { rules: readonly AlertRule[]; editable: boolean; onEdit: (rule: AlertRule) => void }) {
  const { t } = useTranslation('alerts');
  const errorText = useErrorText();
  const remove = useDeleteRule();
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  if (rules.length === 0) return <p className="notice">{t('rules.empty')}</p>;
  return (
    <>
      <div className="table-wrap">
        <table data-testid="rules-table">
          <caption className="visually-hidden">{t('rules.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rules.name')}</th>
              <th scope="col">{t('rules.condition')}</th>
              <th scope="col">{t('rules.lasting')}</th>
              <th scope="col">{t('rules.site')}</th>
              <th scope="col">{t('rules.enabled')}</th>
              {editable && <th scope="col">{t('inbox.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id} data-testid="rule-row">
                <td>{rule.name}</td>
                <td>
                  {t(`condition.${rule.condition}`)}
                  {rule.threshold !== null && <div className="alerts-muted small">{t('rules.thresholdShort', { count: rule.threshold })}</div>}
                </td>
                <td>{t('rules.minutesShort', { count: rule.minutes })}</td>
                <td>{rule.site ?? t('rules.allSites')}</td>
                <td>{rule.enabled ? t('rules.on') : t('rules.off')}</td>
                {editable && (
                  <td>
                    <div className="alerts-actions">
                      <button type="button" className="secondary" onClick={() => onEdit(rule)} data-testid="rule-edit">
                        {t('rules.edit')}
                        <span className="visually-hidden"> {rule.name}</span>
                      </button>
                      <button type="button" className="danger" onClick={() => setDeleting(rule)} data-testid="rule-delete">
                        {t('rules.delete')}
                        <span className="visually-hidden"> {rule.name}</span>
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {remove.isError && (
        <p role="alert" className="error-box">
          {t('rules.deleteFailed', { message: errorText(remove.error) })}
        </p>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('rules.deleteTitle')}
        confirmLabel={t('rules.delete')}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting !== null) remove.mutate(deleting.id);
          setDeleting(null);
        }}
      >
        <p>{t('rules.deleteBody', { name: deleting?.name ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
