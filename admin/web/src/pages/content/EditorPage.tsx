import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, type ContentEntry, type ContentKind, type KioskLocale } from '@kiosk/shared';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/error-messages';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { ContentTabs } from './ContentTabs';
import { draftOf, emptyDraft, localeState, toUpdate, withText, type Draft } from './draft';
import { KioskPreview } from './KioskPreview';
import { CONTENT_LOCALES, LANGUAGE_ENDONYMS } from './locales';
import { useContentEntry, useCreateContent, usePublish, useSaveDraft, useUnpublish } from './queries';
import { TranslationGrid } from './TranslationGrid';
import { useServiceList } from './catalog-queries';
import { VersionsPanel } from './VersionsPanel';

/** Kiosks fall back to the municipality's language (Spanish in the demo); the hub insists on it. */
const FALLBACK: KioskLocale = DEFAULT_LOCALE;

/** The content area's own sentence for a version conflict; every other refusal in the 'errors' words. */
function saveErrorText(t: TFunction, error: Error): string {
  if (error instanceof ApiError && error.code === 'version-conflict') return t('conflict');
  return t('saveFailed', { message: errorText(t, error) });
}

/** Blocks saving while a language is half written; the hub would refuse it anyway. */
function incompleteLocales(draft: Draft): KioskLocale[] {
  return CONTENT_LOCALES.filter((locale) => localeState(draft.kind, draft.texts[locale]) === 'incomplete');
}

function DraftFields({ draft, setDraft }: { draft: Draft; setDraft: (draft: Draft) => void }) {
  const { t } = useTranslation('content');
  const services = (useServiceList().data?.services ?? []).filter((service) => service.active);
  return (
    <>
      <label className="service-code-field">
        {t('serviceCode')}
        <select value={draft.serviceCode} onChange={(event) => setDraft({ ...draft, serviceCode: event.target.value })} aria-describedby="content-service-hint" data-testid="content-service-code">
          <option value="">{t('generalTopic')}</option>
          {services.map((service) => (
            <option key={service.code} value={service.code}>
              {service.name}
            </option>
          ))}
          {draft.serviceCode !== '' && !services.some((service) => service.code === draft.serviceCode) ? <option value={draft.serviceCode}>{draft.serviceCode}</option> : null}
        </select>
        <small id="content-service-hint" className="hint">
          {t('serviceCodeHint')}
        </small>
      </label>
      <h2>{t('textsHeading')}</h2>
      <TranslationGrid draft={draft} onChange={(locale, field, value) => setDraft(withText(draft, locale, field, value))} />
    </>
  );
}

function Problems({ draft }: { draft: Draft }) {
  const { t } = useTranslation('content');
  const incomplete = incompleteLocales(draft);
  const missingFallback = localeState(draft.kind, draft.texts[FALLBACK]) === 'missing';
  if (incomplete.length === 0 && !missingFallback) return null;
  return (
    <div role="alert" className="error-box" data-testid="content-problems">
      {missingFallback ? <p>{t('fallbackRequired', { language: LANGUAGE_ENDONYMS[FALLBACK] })}</p> : null}
      {incomplete.length > 0 ? <p>{t('incompleteLanguages', { languages: incomplete.map((l) => LANGUAGE_ENDONYMS[l]).join(', ') })}</p> : null}
    </div>
  );
}

const savable = (draft: Draft) => incompleteLocales(draft).length === 0 && localeState(draft.kind, draft.texts[FALLBACK]) !== 'missing';

/** A stored entry: edit every language, save a draft version, preview, publish, versions. */
function EntryEditor({ entry }: { entry: ContentEntry }) {
  const { t } = useTranslation('content');
  const [draft, setDraft] = useState<Draft>(() => draftOf(entry));
  const [basedOn, setBasedOn] = useState(entry.version);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const [confirmUnpublish, setConfirmUnpublish] = useState(false);
  const save = useSaveDraft(entry.id);
  const publish = usePublish(entry.id);
  const unpublish = useUnpublish(entry.id);
  // A rollback or another tab moved the entry on: start again from what is stored now.
  if (entry.version !== basedOn && !save.isPending) {
    setBasedOn(entry.version);
    setDraft(draftOf(entry));
  }
  const unsaved = JSON.stringify(toUpdate(draft)) !== JSON.stringify(toUpdate(draftOf(entry)));
  const title = draft.texts[FALLBACK][draft.kind === 'faq' ? 'question' : 'title'] || entry.id;
  const live = entry.publishedVersion === entry.version;
  const failure = save.error ?? publish.error ?? unpublish.error;

  return (
    <>
      <PageHeader title={title}>
        <button type="button" disabled={!unsaved || !savable(draft) || save.isPending} onClick={() => save.mutate({ update: toUpdate(draft), basedOn })} data-testid="content-save">
          {t('saveDraft')}
        </button>
        <button type="button" className="secondary" disabled={unsaved || live || publish.isPending} onClick={() => setConfirmPublish(true)} data-testid="content-publish">
          {t('publish')}
        </button>
        {entry.publishedVersion !== null ? (
          <button type="button" className="secondary" onClick={() => setConfirmUnpublish(true)} data-testid="content-unpublish">
            {t('unpublish')}
          </button>
        ) : null}
      </PageHeader>
      <ContentTabs />
      <p className="content-status" role="status" data-testid="content-status">
        {t(`kind.${entry.kind}`)} · {t('versionShort', { version: entry.version })} ·{' '}
        {entry.publishedVersion === null ? t('state.unpublished') : live ? t('state.published') : t('publishedOther', { version: entry.publishedVersion })}
        {unsaved ? ` · ${t('unsaved')}` : ''}
      </p>
      {unsaved ? <p className="notice">{t('saveBeforePublish')}</p> : null}
      {failure ? (
        <p role="alert" className="error-box" data-testid="content-error">
          {saveErrorText(t, failure)}
        </p>
      ) : null}
      <Problems draft={draft} />
      <div className="content-editor">
        <DraftFields draft={draft} setDraft={setDraft} />
        <div className="content-side">
          <KioskPreview draft={draft} fallback={FALLBACK} />
          <VersionsPanel entry={entry} canEdit />
        </div>
      </div>
      {/* Mounted only while asked: one dialog (and one #confirm-title) in the page at a time. */}
      {confirmPublish ? (
        <ConfirmDialog
          open
          title={t('publishTitle', { version: entry.version })}
          confirmLabel={t('publish')}
          onCancel={() => setConfirmPublish(false)}
          onConfirm={() => {
            setConfirmPublish(false);
            publish.mutate(entry.version);
          }}
        >
          <p>{t('publishBody')}</p>
        </ConfirmDialog>
      ) : null}
      {confirmUnpublish ? (
        <ConfirmDialog
          open
          title={t('unpublishTitle')}
          confirmLabel={t('unpublish')}
          onCancel={() => setConfirmUnpublish(false)}
          onConfirm={() => {
            setConfirmUnpublish(false);
            unpublish.mutate();
          }}
        >
          <p>{t('unpublishBody')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

export function EditorPage() {
  const { id = '' } = useParams();
  const entry = useContentEntry(id);
  return <QueryState query={entry}>{(data) => <EntryEditor key={data.id} entry={data} />}</QueryState>;
}

/** A new FAQ entry or procedure sheet: saved as version 1, unpublished. */
export function NewEntryPage() {
  const { t } = useTranslation('content');
  const { kind: raw } = useParams();
  const kind: ContentKind = raw === 'procedure' ? 'procedure' : 'faq';
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(kind));
  const create = useCreateContent();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t(kind === 'faq' ? 'newFaq' : 'newProcedure')}>
        <button
          type="button"
          disabled={!savable(draft) || create.isPending}
          onClick={() => create.mutate(toUpdate(draft), { onSuccess: (entry) => void navigate(`/content/entries/${encodeURIComponent(entry.id)}`) })}
          data-testid="content-save"
        >
          {t('saveDraft')}
        </button>
      </PageHeader>
      <ContentTabs />
      {create.error ? (
        <p role="alert" className="error-box" data-testid="content-error">
          {saveErrorText(t, create.error)}
        </p>
      ) : null}
      <Problems draft={draft} />
      <div className="content-editor">
        <DraftFields draft={draft} setDraft={setDraft} />
        <div className="content-side">
          <KioskPreview draft={draft} fallback={FALLBACK} />
        </div>
      </div>
    </>
  );
}
