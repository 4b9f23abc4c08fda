import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, type StaffService } from '@kiosk/shared';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { AttributeEditor } from './AttributeEditor';
import { blankAttribute, editProblems, missingServiceLocales, serviceDraftOf, toServiceEdit, type ServiceDraft } from './catalog-draft';
import { useSaveService, useService, useServiceList } from './catalog-queries';
import { ContentTabs } from './ContentTabs';
import { CONTENT_LOCALES, LANGUAGE_ENDONYMS, langProps } from './locales';
import { useErrorText } from '../../api/error-messages';

const TEXT_FIELDS = ['name', 'description', 'keywords'] as const;

function problemText(t: (key: string, options?: Record<string, unknown>) => string, path: string): string {
  const [first, index, field] = path.split('.');
  if (first === 'attributes' && index !== undefined && /^\d+$/.test(index)) return t('problemAttribute', { number: Number(index) + 1, field: field ?? '' });
  return t('problemField', { field: path });
}

/** One service: its texts in every kiosk language, group, place rule and Open311 attributes. */
function ServiceEditor({ service }: { service: StaffService }) {
  const { t, i18n } = useTranslation('content');
  const errorText = useErrorText();
  const [draft, setDraft] = useState<ServiceDraft>(() => serviceDraftOf(service));
  const save = useSaveService(service.code);
  const groups = useServiceList().data?.groups ?? [];
  const problems = editProblems(draft);
  const missing = missingServiceLocales(draft);
  const unsaved = JSON.stringify(toServiceEdit(draft)) !== JSON.stringify(toServiceEdit(serviceDraftOf(service)));
  const title = draft.texts[DEFAULT_LOCALE].name || service.code;
  return (
    <>
      <PageHeader title={title}>
        <button
          type="button"
          disabled={!unsaved || problems.length > 0 || save.isPending}
          onClick={() => save.mutate(toServiceEdit(draft), { onSuccess: (saved) => setDraft(serviceDraftOf(saved)) })}
          data-testid="service-save"
        >
          {t('saveService')}
        </button>
      </PageHeader>
      <ContentTabs />
      <p className="content-status" role="status" data-testid="service-status">
        <code>{service.code}</code> · {service.type} · {unsaved ? t('unsaved') : save.isSuccess ? t('savedService') : t('noChanges')}
      </p>
      {save.error ? (
        <p role="alert" className="error-box" data-testid="service-error">
          {t('saveFailed', { message: errorText(save.error) })}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div role="alert" className="error-box" data-testid="service-problems">
          <p>{t('definitionProblems')}</p>
          <ul>
            {[...new Set(problems)].map((path) => (
              <li key={path}>{problemText(t, path)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {missing.length > 0 ? <p className="notice">{t('serviceMissing', { languages: missing.map((l) => LANGUAGE_ENDONYMS[l]).join(', ') })}</p> : null}
      <div className="attribute-row">
        <label>
          {t('colGroup')}
          <select value={draft.groupCode} onChange={(e) => setDraft({ ...draft, groupCode: e.target.value })} data-testid="service-group">
            {groups.map((group) => (
              <option key={group.code} value={group.code}>
                {group.names[i18n.language as 'es'] ?? group.names.es ?? group.code}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox-label">
          <input type="checkbox" checked={draft.locationless} onChange={(e) => setDraft({ ...draft, locationless: e.target.checked })} data-testid="service-locationless" />
          {t('locationlessLabel')}
        </label>
      </div>
      <h2>{t('serviceTexts')}</h2>
      <div className="translation-grid" role="group" aria-label={t('serviceTexts')} tabIndex={0}>
        {CONTENT_LOCALES.map((locale) => (
          <fieldset key={locale} className={`translation-column ${draft.texts[locale].name.trim() === '' ? 'translation-missing' : ''}`} data-testid={`service-column-${locale}`}>
            <legend lang={locale}>{LANGUAGE_ENDONYMS[locale]}</legend>
            {TEXT_FIELDS.map((field) => {
              const id = `service-${locale}-${field}`;
              const props = {
                id,
                value: draft.texts[locale][field],
                ...langProps(locale),
                'data-testid': id,
                onChange: (e: { target: { value: string } }) => setDraft({ ...draft, texts: { ...draft.texts, [locale]: { ...draft.texts[locale], [field]: e.target.value } } }),
              };
              return (
                <div key={field} className="translation-field">
                  <label htmlFor={id}>{t(`serviceField.${field}`)}</label>
                  {field === 'description' ? <textarea rows={3} {...props} /> : <input type="text" {...props} />}
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      <h2>{t('attributesHeading')}</h2>
      {draft.attributes.length === 0 ? <p>{t('noAttributes')}</p> : null}
      {draft.attributes.map((attribute, index) => (
        <AttributeEditor
          key={attribute.rowId}
          attribute={attribute}
          index={index}
          onChange={(next) => setDraft({ ...draft, attributes: draft.attributes.map((a) => (a.rowId === attribute.rowId ? next : a)) })}
          onRemove={() => setDraft({ ...draft, attributes: draft.attributes.filter((a) => a.rowId !== attribute.rowId) })}
        />
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => setDraft({ ...draft, attributes: [...draft.attributes, blankAttribute(Math.max(0, ...draft.attributes.map((a) => Number(a.order) || 0)) + 1)] })}
        data-testid="service-add-attribute"
      >
        {t('addAttribute')}
      </button>
    </>
  );
}

export function ServiceEditorPage() {
  const { code = '' } = useParams();
  const service = useService(code);
  return <QueryState query={service}>{(data) => <ServiceEditor key={data.code} service={data} />}</QueryState>;
}
