import { useTranslation } from 'react-i18next';
import type { Comparison, NetworkMap, VisitFilter } from '../../../../main/contract/monitoring';
import { levelOf, type Place } from '../dashboard-route';
import { BreakdownTable } from './breakdown-table';
import { Breadcrumb, type Step } from './breadcrumb';
import { FacesChart, StandardsChart, TimeBandsChart } from './distribution-charts';
import { FigureCard, ReasonsCard } from './figure-cards';
import { FIGURE_SPECS, type FigureSection } from './figure-list';
import type { Formats } from './format';
import { HoursHeatmap } from './hours-heatmap';
import { readBreakdown, readFigures, readSeries, scopeQuery } from './monitoring-api';
import { PeriodPicker } from './period-picker';
import type { Period } from './periods';
import { ReadProblem } from './read-problem';
import { SeriesCharts } from './series-charts';
import { useRead } from './use-read';

export interface FiguresLinks {
  figures: (place: Place, period?: Period) => string;
  visits: (place: Place, filter: VisitFilter) => string;
  /** The account's own starting place (a manager's centre, the analyst's network). */
  home: string;
}

/**
 * The figures of one place and period: where it is (breadcrumb), the period, every figure with its
 * change and definition, the charts with their tables, and the places one level down.
 */
export function FiguresPage({
  place,
  period,
  trail,
  network,
  today,
  formats,
  links,
  onPickPeriod,
}: {
  place: Place;
  period: Period;
  trail: Step[];
  network: NetworkMap;
  today: string;
  formats: Formats;
  links: FiguresLinks;
  onPickPeriod: (period: Period) => void;
}) {
  const { t } = useTranslation('dashboard');
  const key = scopeQuery(place, period).toString();
  const figures = useRead(key, (signal) => readFigures(place, period, signal));
  const isDesk = levelOf(place) === 'desk';
  const breakdown = useRead(isDesk ? '' : key, (signal) =>
    isDesk
      ? Promise.resolve({ ok: false, status: 0, code: 'none', message: '' } as const)
      : readBreakdown(place, period, signal),
  );
  const series = useRead(key, (signal) => readSeries(place, period, signal));
  const comparison = figures !== 'loading' && figures.ok ? figures.data.comparison : null;

  return (
    <div className="figures-page" data-testid="figures-page" aria-busy={figures === 'loading'}>
      <Breadcrumb steps={trail} href={(target) => links.figures(target)} />
      <h1 data-testid="place-heading">{trail.at(-1)?.label ?? t('place.network')}</h1>
      <PeriodPicker
        period={period}
        previous={comparison?.previousRange ?? null}
        today={today}
        formats={formats}
        onPick={onPickPeriod}
      />
      {figures === 'loading' ? (
        <p role="status">{t('figures.loading')}</p>
      ) : !figures.ok ? (
        <ReadProblem problem={figures} homeHref={links.home} />
      ) : (
        <>
          {isDesk ? <DeskVisitsLinks place={place} links={links} /> : null}
          <FigureSection section="volume" comparison={figures.data.comparison} formats={formats} />
          {breakdown !== 'loading' && breakdown.ok ? (
            <BreakdownTable
              answer={breakdown.data}
              place={place}
              network={network}
              formats={formats}
              figuresHref={(target) => links.figures(target)}
              visitsHref={(target) => links.visits(target, 'service-over-standard')}
            />
          ) : breakdown !== 'loading' && breakdown.code !== 'none' ? (
            <ReadProblem problem={breakdown} homeHref={links.home} />
          ) : null}
          <section className="figure-section" aria-labelledby="section-time">
            <h2 id="section-time">{t('figures.sections.time')}</h2>
            {series === 'loading' ? (
              <p role="status">{t('figures.loading')}</p>
            ) : series.ok ? (
              <SeriesCharts series={series.data} formats={formats} />
            ) : (
              <ReadProblem problem={series} homeHref={links.home} />
            )}
          </section>
          <FigureSection
            section="waiting"
            comparison={figures.data.comparison}
            formats={formats}
            visitsHref={place.centre ? links.visits(place, 'waiting-over-standard') : null}
          >
            <TimeBandsChart figures={figures.data.comparison.current} time="waiting" formats={formats} />
          </FigureSection>
          <FigureSection
            section="service"
            comparison={figures.data.comparison}
            formats={formats}
            visitsHref={place.centre ? links.visits(place, 'service-over-standard') : null}
          >
            <TimeBandsChart figures={figures.data.comparison.current} time="service" formats={formats} />
            <StandardsChart figures={figures.data.comparison.current} formats={formats} />
          </FigureSection>
          <FigureSection section="satisfaction" comparison={figures.data.comparison} formats={formats}>
            <ReasonsCard comparison={figures.data.comparison} formats={formats} />
            <FacesChart figures={figures.data.comparison.current} formats={formats} />
          </FigureSection>
          <section className="figure-section" aria-labelledby="section-hours">
            <h2 id="section-hours">{t('figures.sections.hours')}</h2>
            <p className="figure-definition">{t('figures.busiestHours.definition')}</p>
            <HoursHeatmap figures={figures.data.comparison.current} formats={formats} />
          </section>
          <p className="cap-note">{t('figures.capNote')}</p>
        </>
      )}
    </div>
  );
}

/** The cards of one section, and what follows them there (charts, the reasons). */
function FigureSection({
  section,
  comparison,
  formats,
  visitsHref = null,
  children,
}: {
  section: FigureSection;
  comparison: Comparison;
  formats: Formats;
  /** Where the visits over this section's standard are listed; null above a centre. */
  visitsHref?: string | null;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation('dashboard');
  const over = section === 'waiting' ? comparison.current.waiting : comparison.current.service;
  return (
    <section className="figure-section" aria-labelledby={`section-${section}`} data-testid={`section-${section}`}>
      <h2 id={`section-${section}`}>{t(`figures.sections.${section}`)}</h2>
      <div className="figure-cards">
        {FIGURE_SPECS.filter((spec) => spec.section === section).map((spec) => (
          <FigureCard key={spec.key} spec={spec} comparison={comparison} formats={formats}>
            {visitsHref && spec.key.endsWith('Excess') && over.overStandard > 0 ? (
              <a className="drill-link" href={visitsHref} data-testid={`open-${section}-over`}>
                {t('figures.openOver', { number: formats.count(over.overStandard) })}
              </a>
            ) : null}
          </FigureCard>
        ))}
      </div>
      {children}
    </section>
  );
}

/** At a desk: its visits over each standard, the way down from here. */
function DeskVisitsLinks({ place, links }: { place: Place; links: FiguresLinks }) {
  const { t } = useTranslation('dashboard');
  return (
    <nav className="desk-visits" aria-label={t('visits.heading')}>
      <a className="drill-link" href={links.visits(place, 'service-over-standard')} data-testid="desk-visits-service">
        {t('breakdown.openDeskVisits')}
      </a>
      <a className="drill-link" href={links.visits(place, 'waiting-over-standard')} data-testid="desk-visits-waiting">
        {t('breakdown.openDeskWaiting')}
      </a>
    </nav>
  );
}
