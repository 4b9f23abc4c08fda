import { useTranslation } from 'react-i18next';
import { ATTRIBUTE_DATATYPES, type AttributeDatatype, type KioskLocale } from '@kiosk/shared';
import { blankValue, LIST_DATATYPES, type AttributeDraft, type ValueDraft } from './catalog-draft';
import { CONTENT_LOCALES, LANGUAGE_ENDONYMS, langProps } from './locales';

/** One Open311 attribute: code, datatype (one of the six), required, order, texts and list values per language. */
export function AttributeEditor({
  attribute,
  index,
  onChange,
  onRemove,
}: {
  attribute: AttributeDraft;
  index: number;
  onChange: (next: AttributeDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('content');
  const id = `attribute-${attribute.rowId}`;
  const setText = (locale: KioskLocale, field: 'description' | 'datatypeDescription', value: string) =>
    onChange({ ...attribute, texts: { ...attribute.texts, [locale]: { ...attribute.texts[locale], [field]: value } } });
  const setValue = (rowId: string, next: ValueDraft) => onChange({ ...attribute, values: attribute.values.map((v) => (v.rowId === rowId ? next : v)) });
  return (
    <fieldset className="attribute-card" data-testid={`attribute-${index}`}>
      <legend>{t('attributeLegend', { number: index + 1, code: attribute.code || '…' })}</legend>
      <div className="attribute-row">
        <label htmlFor={`${id}-code`}>
          {t('attrCode')}
          <input id={`${id}-code`} type="text" value={attribute.code} onChange={(e) => onChange({ ...attribute, code: e.target.value })} data-testid={`attribute-${index}-code`} />
        </label>
        <label htmlFor={`${id}-datatype`}>
          {t('attrDatatype')}
          <select id={`${id}-datatype`} value={attribute.datatype} onChange={(e) => onChange({ ...attribute, datatype: e.target.value as AttributeDatatype })} data-testid={`attribute-${index}-datatype`}>
            {ATTRIBUTE_DATATYPES.map((datatype) => (
              <option key={datatype} value={datatype}>
                {t(`datatype.${datatype}`)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-order`}>
          {t('attrOrder')}
          <input id={`${id}-order`} type="number" min={1} step={1} value={attribute.order} onChange={(e) => onChange({ ...attribute, order: e.target.value })} data-testid={`attribute-${index}-order`} />
        </label>
        <label className="checkbox-label">
          <input type="checkbox" checked={attribute.variable} onChange={(e) => onChange({ ...attribute, variable: e.target.checked, required: e.target.checked && attribute.required })} />
          {t('attrVariable')}
        </label>
        <label className="checkbox-label">
          <input type="checkbox" checked={attribute.required} disabled={!attribute.variable} onChange={(e) => onChange({ ...attribute, required: e.target.checked })} data-testid={`attribute-${index}-required`} />
          {t('attrRequired')}
        </label>
        <button type="button" className="secondary danger-text" onClick={onRemove} data-testid={`attribute-${index}-remove`}>
          {t('removeAttribute')}
        </button>
      </div>
      <div className="translation-grid" role="group" aria-label={t('attrTexts')} tabIndex={0}>
        {CONTENT_LOCALES.map((locale) => (
          <fieldset key={locale} className={`translation-column ${attribute.texts[locale].description.trim() === '' ? 'translation-missing' : ''}`}>
            <legend lang={locale}>{LANGUAGE_ENDONYMS[locale]}</legend>
            <label htmlFor={`${id}-${locale}-description`}>{t('attrDescription')}</label>
            <textarea id={`${id}-${locale}-description`} rows={2} value={attribute.texts[locale].description} {...langProps(locale)} onChange={(e) => setText(locale, 'description', e.target.value)} data-testid={`attribute-${index}-${locale}-description`} />
            <label htmlFor={`${id}-${locale}-dtd`}>
              {t('attrDatatypeDescription')} <span className="optional">{t('optional')}</span>
            </label>
            <input id={`${id}-${locale}-dtd`} type="text" value={attribute.texts[locale].datatypeDescription} {...langProps(locale)} onChange={(e) => setText(locale, 'datatypeDescription', e.target.value)} />
          </fieldset>
        ))}
      </div>
      {LIST_DATATYPES.has(attribute.datatype) ? (
        <div className="attribute-values">
          <h4>{t('attrValues')}</h4>
          {attribute.values.map((value, valueIndex) => (
            <fieldset key={value.rowId} className="attribute-value" data-testid={`attribute-${index}-value-${valueIndex}`}>
              <legend>{t('valueLegend', { number: valueIndex + 1 })}</legend>
              <div className="attribute-row">
                <label htmlFor={`${id}-v${value.rowId}-key`}>
                  {t('valueKey')}
                  <input id={`${id}-v${value.rowId}-key`} type="text" value={value.key} onChange={(e) => setValue(value.rowId, { ...value, key: e.target.value })} data-testid={`attribute-${index}-value-${valueIndex}-key`} />
                </label>
                <button type="button" className="secondary" onClick={() => onChange({ ...attribute, values: attribute.values.filter((v) => v.rowId !== value.rowId) })}>
                  {t('removeValue')}
                </button>
              </div>
              <div className="value-names">
                {CONTENT_LOCALES.map((locale) => (
                  <label key={locale} htmlFor={`${id}-v${value.rowId}-${locale}`}>
                    <span lang={locale}>{LANGUAGE_ENDONYMS[locale]}</span>
                    <input
                      id={`${id}-v${value.rowId}-${locale}`}
                      type="text"
                      value={value.names[locale]}
                      {...langProps(locale)}
                      onChange={(e) => setValue(value.rowId, { ...value, names: { ...value.names, [locale]: e.target.value } })}
                      data-testid={`attribute-${index}-value-${valueIndex}-${locale}`}
                    />
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <button type="button" className="secondary" onClick={() => onChange({ ...attribute, values: [...attribute.values, blankValue()] })} data-testid={`attribute-${index}-add-value`}>
            {t('addValue')}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
