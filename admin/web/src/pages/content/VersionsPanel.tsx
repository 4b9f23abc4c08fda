import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentEntry } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { QueryState } from '../../components/QueryState';
import { versionChanges, type LocaleChange } from './diff';
import { LANGUAGE_ENDONYMS } from './locales';
import { useContentVersions, useRollback, useVersionTexts } from './queries';
import { useErrorText } from '../../api/error-messages';

/** Versions compared with the text each one replaced; older ones beyond this are listed without it. */
const DIFFED_VERSIONS = 20;

function Changes({ changes }: { changes: readonly LocaleChange[] | null }) {
  const { t } = useTranslation('content');
  if (changes === null) return <span>{t('loadingShort')}</span>;
  if (changes.length === 0) return <span>{t('noTextChange')}</span>;
  return (
    <ul className="version-changes">
      {changes.map((change) => (
        <li key={change.locale}>
          <span lang={change.locale}>{LANGUAGE_ENDONYMS[change.locale]}</span>:{' '}
          {change.change === 'edited' ? change.fields.map((field) => t(`field.${field}`)).join(', ') : t(`change.${change.change}`)}
        </li>
      ))}
    </ul>
  );
}

/** Every version, newest first, with what it changed; roll back publishes an old text as a new version. */
export function VersionsPanel({ entry, canEdit }: { entry: ContentEntry; canEdit: boolean }) {
  const { t } = useTranslation('content');
  const errorText = useErrorText();
  const versions = useContentVersions(entry.id);
  const list = versions.data?.versions ?? [];
  const diffed = list.slice(0, DIFFED_VERSIONS).map((v) => v.version);
  const needed = [...new Set(diffed.flatMap((v) => (v > 1 ? [v, v - 1] : [v])))];
  const texts = useVersionTexts(entry.id, needed);
  const textOf = new Map(needed.map((version, index) => [version, texts[index]?.data]));
  const rollback = useRollback(entry.id);
  const [target, setTarget] = useState<ContentEntry | null>(null);

  return (
    <section className="card" aria-labelledby="content-versions-heading" data-testid="content-versions">
      <h2 id="content-versions-heading">{t('versionsHeading')}</h2>
      {rollback.isError ? (
        <p role="alert" className="error-box">
          {t('rollbackFailed', { message: errorText(rollback.error) })}
        </p>
      ) : null}
      <QueryState query={versions}>
        {() => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('colVersion')}</th>
                  <th scope="col">{t('colSaved')}</th>
                  <th scope="col">{t('colChanges')}</th>
                  <th scope="col">{t('colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((version) => {
                  const after = textOf.get(version.version);
                  const before = version.version > 1 ? textOf.get(version.version - 1) : undefined;
                  const ready = after !== undefined && (version.version === 1 || before !== undefined);
                  const changes = !diffed.includes(version.version) ? [] : ready ? versionChanges(before?.translations, after.translations) : null;
                  return (
                    <tr key={version.version} data-testid={`content-version-${version.version}`}>
                      <th scope="row">
                        {t('versionShort', { version: version.version })}{' '}
                        {version.published ? <span className="status status-ok">{t('state.onKiosks')}</span> : null}
                        {version.version === entry.version && !version.published ? <span className="status status-warn">{t('state.latestDraft')}</span> : null}
                      </th>
                      <td>{new Date(version.createdAt).toLocaleString()}</td>
                      <td>{version.version === 1 ? t('firstVersion') : diffed.includes(version.version) ? <Changes changes={changes} /> : '—'}</td>
                      <td>
                        {canEdit && !version.published && version.version !== entry.version && after !== undefined ? (
                          <button type="button" className="secondary" onClick={() => setTarget(after)} data-testid={`content-rollback-${version.version}`}>
                            {t('rollback')}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {target !== null ? (
        <ConfirmDialog
          open
          title={t('rollbackTitle', { version: target.version })}
          confirmLabel={t('rollbackConfirm')}
          onCancel={() => setTarget(null)}
          onConfirm={() => {
            rollback.mutate({ old: target, latest: entry.version });
            setTarget(null);
          }}
        >
          <p>{t('rollbackBody', { version: target.version, next: entry.version + 1 })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
