import { useState } from 'react';
import { Link } from 'react-router';
import type { RolloutKind } from '@kiosk/shared';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { RolloutCard } from './RolloutCard';
import { useRollouts } from './queries';

/** /rollouts: the latest configuration and content rollouts with each ring's progress, newest first; filter by kind. */
export function RolloutsPage() {
  const { t } = useTranslation('rollouts');
  const rollouts = useRollouts();
  const [kind, setKind] = useState<RolloutKind | 'all'>('all');
  return (
    <>
      <PageHeader title={t('list.title')}>
        <Link to="/rollouts/new" className="rollout-button-link" data-testid="rollouts-new">
          {t('list.new')}
        </Link>
      </PageHeader>
      <p className="rollout-muted">{t('list.explain')}</p>
      <p className="rollout-muted">{t('list.explainContent')}</p>
      <label className="rollout-filter">
        {t('filter.label')}
        <select value={kind} onChange={(e) => setKind(e.target.value === 'config' || e.target.value === 'content' ? e.target.value : 'all')} data-testid="rollouts-filter-kind">
          <option value="all">{t('filter.all')}</option>
          <option value="config">{t('kind.config')}</option>
          <option value="content">{t('kind.content')}</option>
        </select>
      </label>
      <QueryState query={rollouts}>
        {(all) => {
          const data = { rollouts: all.rollouts.filter((r) => kind === 'all' || r.kind === kind) };
          return data.rollouts.length === 0 ? (
            <p className="notice">{t('list.empty')}</p>
          ) : (
            <div className="rollout-list">
              {data.rollouts.map((rollout) => (
                <RolloutCard key={rollout.id} rollout={rollout} />
              ))}
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
