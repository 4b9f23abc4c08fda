import { useTranslation } from 'react-i18next';
import type { ConsoleFigures, ConsoleFiguresQuery } from '@kiosk/shared';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { CountTable } from './CountTable';
import { FigureSection } from './FigureSection';
import { FiguresFilter } from './FiguresFilter';
import { FunnelFigure } from './FunnelFigure';
import { SatisfactionFigure } from './SatisfactionFigure';
import { SlaTable } from './SlaTable';
import { UsageHeatmap } from './UsageHeatmap';
import { useFiguresQuery } from './filters';
import { useFigures } from './queries';

function languageName(code: string, uiLocale: string): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function Figures({ data, query }: { data: ConsoleFigures; query: ConsoleFiguresQuery }) {
  const { t, i18n } = useTranslation('figures');
  return (
    <div className="figures-grid">
      <FigureSection id="funnel" table="funnel" title={t('funnel.title')} query={query}>
        <FunnelFigure funnel={data.funnel} abandonedSteps={data.abandonedSteps} />
      </FigureSection>
      <FigureSection id="usage" table="usage" title={t('usage.title')} query={query}>
        <UsageHeatmap usage={data.usage} timeZone={data.timeZone} />
      </FigureSection>
      <FigureSection id="faq" table="faq-no-result" title={t('faq.title')} query={query}>
        <p>{t('faq.intro')}</p>
        <CountTable caption={t('faq.title')} label={t('faq.query')} rows={data.faqNoResult.map((r) => ({ key: r.query, name: r.query, count: r.count }))} testId="faq-table" />
      </FigureSection>
      <FigureSection id="satisfaction" table="satisfaction" title={t('satisfaction.title')} query={query}>
        <SatisfactionFigure satisfaction={data.satisfaction} />
      </FigureSection>
      <FigureSection id="languages" table="languages" title={t('languages.title')} query={query}>
        <CountTable caption={t('languages.title')} label={t('languages.language')} rows={data.languages.map((r) => ({ key: r.locale, name: languageName(r.locale, i18n.language), count: r.count }))} testId="languages-table" />
      </FigureSection>
      <FigureSection id="modes" table="modes" title={t('modes.title')} query={query}>
        <CountTable caption={t('modes.title')} label={t('modes.mode')} rows={data.modes.map((r) => ({ key: r.mode, name: t(`mode.${r.mode}`, { defaultValue: r.mode }), count: r.count }))} testId="modes-table" />
      </FigureSection>
      <FigureSection id="channels" table="channels" title={t('channels.title')} query={query}>
        <CountTable caption={t('channels.title')} label={t('channels.channel')} rows={data.channels.map((r) => ({ key: r.channel, name: t(`channel.${r.channel}`, { defaultValue: r.channel }), count: r.count }))} testId="channels-table" />
      </FigureSection>
      <FigureSection id="sla" table="sla" title={t('sla.title')} query={query}>
        <SlaTable sla={data.sla} />
      </FigureSection>
    </div>
  );
}

/** /console/figures: what kiosks and cases say about the service, for a range and a site. */
export function FiguresPage() {
  const { t } = useTranslation('figures');
  const [query, setQuery] = useFiguresQuery();
  const figures = useFigures(query);
  return (
    <>
      <PageHeader title={t('title')} />
      <p>{t('intro')}</p>
      <FiguresFilter key={`${query.from}|${query.to}|${query.site ?? ''}`} query={query} sites={figures.data?.sites ?? []} onApply={setQuery} />
      <QueryState query={figures}>{(data) => <Figures data={data} query={query} />}</QueryState>
    </>
  );
}
