import { useTranslation } from 'react-i18next';
import type { Language, LocalizedText } from '../../../main/contract';
import type { PublicCentre } from '../../../main/contract/monitoring';
import { readCentre } from './public-api';
import { usePublicFormat, type PublicFormat } from './public-format';
import { useRead } from './use-read';

type PublicService = PublicCentre['services'][number];
type Published = PublicService['last30ServiceWithinShare'];

/** The figures a service card shows, by the contract's names (the e2e test reads them by these). */
export type FigureName =
  | 'waitingNow'
  | 'todayMedianWaitMinutes'
  | 'last30WaitingWithinShare'
  | 'last30ServiceWithinShare'
  | 'last30SatisfactionAverage'
  | 'last30ResponseRate';

const withheld = (value: Published): value is { suppressed: true } =>
  typeof value === 'object' && value !== null && value.suppressed;

const nameIn = (name: LocalizedText | null, language: string, fallback: string) =>
  name?.[language as Language] ?? name?.en ?? fallback;

/** /public/<centre>: per service, who waits now and today's typical wait, and the last 30 days against the standards. */
export function CentrePage({ centreId }: { centreId: string }) {
  const { t, i18n } = useTranslation('public');
  const format = usePublicFormat();
  const answer = useRead(() => readCentre(centreId), centreId);
  const allCentres = (
    <a className="back-link" href={`./?lng=${i18n.language}`}>
      {t('centre.allCentres')}
    </a>
  );

  if (answer === null) return <p role="status">{t('centre.loading')}</p>;
  if (answer.kind !== 'ok')
    return (
      <>
        <p className="problem" role="alert" data-testid="centre-problem">
          {answer.kind === 'unknown' ? t('centre.unknown') : t('centre.failed')}
        </p>
        {allCentres}
      </>
    );
  const centre = answer.value;
  const services = [...centre.services].sort((a, b) =>
    nameIn(a.name, i18n.language, a.serviceId).localeCompare(nameIn(b.name, i18n.language, b.serviceId), i18n.language),
  );

  return (
    <>
      {allCentres}
      <h1>{centre.name ?? centre.centreId}</h1>
      <p className="intro">
        {t('centre.intro', {
          today: format.day(centre.today),
          from: format.day(centre.last30.from),
          to: format.day(centre.last30.to),
        })}
      </p>
      {services.length === 0 ? (
        <p>{t('centre.noServices')}</p>
      ) : (
        <div className="service-cards">
          {services.map((service) => (
            <ServiceCard key={service.serviceId} service={service} threshold={centre.threshold} format={format} />
          ))}
        </div>
      )}
      <section className="about" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('about.heading')}</h2>
        <p>{t('about.median')}</p>
        <p>{t('about.shares')}</p>
        <p>{t('about.satisfaction')}</p>
        <p>{t('about.privacy', { threshold: centre.threshold })}</p>
        <p>
          <a href={`./?lng=${i18n.language}#open-data-heading`}>{t('about.openData')}</a>
        </p>
      </section>
    </>
  );
}

function ServiceCard({
  service,
  threshold,
  format,
}: {
  service: PublicService;
  threshold: number;
  format: PublicFormat;
}) {
  const { t, i18n } = useTranslation('public');
  const noteId = `withheld-${service.serviceId}`;
  const headingId = `service-${service.serviceId}`;
  const published = [
    service.todayMedianWaitMinutes,
    service.last30WaitingWithinShare,
    service.last30ServiceWithinShare,
    service.last30SatisfactionAverage,
    service.last30ResponseRate,
  ];
  const anyWithheld = published.some(withheld);

  const figure = (name: FigureName, label: string, value: Published, write: (value: number) => string) => (
    <div className="figure">
      <dt>{label}</dt>
      <dd
        data-figure={name}
        className={withheld(value) ? 'withheld' : value === null ? 'none' : undefined}
        aria-describedby={withheld(value) ? noteId : undefined}
      >
        {withheld(value) ? t('service.withheld') : value === null ? t('service.none') : write(value)}
      </dd>
    </div>
  );

  return (
    <section className="service-card" aria-labelledby={headingId} data-service={service.serviceId}>
      <h2 id={headingId}>{nameIn(service.name, i18n.language, service.serviceId)}</h2>
      <p className="standard">{t('service.standardService', { count: service.serviceStandardMinutes })}</p>
      <p className="standard">{t('service.standardWaiting', { count: service.waitingStandardMinutes })}</p>
      <dl className="figures">
        {figure('waitingNow', t('service.waitingNow'), service.waitingNow, format.integer)}
        {figure('todayMedianWaitMinutes', t('service.todayMedianWait'), service.todayMedianWaitMinutes, format.minutes)}
      </dl>
      <h3>{t('service.last30')}</h3>
      <dl className="figures">
        {figure(
          'last30WaitingWithinShare',
          t('service.waitingWithin'),
          service.last30WaitingWithinShare,
          format.percent,
        )}
        {figure(
          'last30ServiceWithinShare',
          t('service.serviceWithin'),
          service.last30ServiceWithinShare,
          format.percent,
        )}
        {figure(
          'last30SatisfactionAverage',
          t('service.satisfaction'),
          service.last30SatisfactionAverage,
          format.outOf5,
        )}
        {figure('last30ResponseRate', t('service.responseRate'), service.last30ResponseRate, format.percent)}
      </dl>
      {anyWithheld && (
        <p className="withheld-note" id={noteId} data-testid="withheld-note">
          {t('withheld.explanation', { threshold })}
        </p>
      )}
    </section>
  );
}
