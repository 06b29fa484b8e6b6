import type { Catalog, Language } from '../../../main/contract';
import { categoriesOf, findService } from '../catalog-view';
import { formatMoney, formatOpeningPeriod, formatTime, formatWeekdayOn } from '../format';
import type { MenuScreen } from '../kiosk-flow';
import { priorityLabel } from '../priority-label';
import { useKioskT } from '../use-kiosk-t';
import type { ServicePage } from '../use-service-page';
import { useSpokenPrompt } from '../use-spoken-prompt';
import { TicketIcon, WarningIcon } from './icons';
import { NavBar } from './nav-bar';
import { PagingButtons } from './paging-buttons';
import { PathBar } from './path-bar';
import { useScrollPaging } from './use-scroll-paging';
import { LongWaitConfirm, WaitLine } from './wait-estimate';

interface ServiceScreenProps {
  language: Language;
  catalog: Catalog;
  serviceId: string;
  /** Availability, wait and the long-wait question (use-service-page.ts); "Take a ticket" goes there. */
  page: ServicePage;
  /** Priority categories of the kiosk; offered with one tap where the service allows priority. */
  priorityCategories: readonly string[];
  onJump: (screen: MenuScreen) => void;
  onBack: () => void;
  onHome: () => void;
}

/**
 * A service's standard, so visitors know before queueing what to bring, what it costs and how long
 * it takes; then "Take a ticket", or, when the service cannot take them now, when to come back.
 */
export function ServiceScreen(props: ServiceScreenProps) {
  const { language, catalog, serviceId, priorityCategories, onJump, onBack, onHome } = props;
  const { availability: check, estimate, longWait, takeTicket } = props.page;
  const t = useKioskT(language);
  const { ref, canGoUp, canGoDown, page } = useScrollPaging();
  const service = findService(catalog, serviceId);
  useSpokenPrompt(language, service && t('speech.service', { service: service.name[language] }));

  if (!service) return null;
  const { standard } = service;
  return (
    <main className="screen screen--service" data-testid="screen-service">
      <PathBar language={language} catalog={catalog} at={pathOf(catalog, serviceId)} below onJump={onJump} />
      <h1 className="screen__title" data-testid="service-title">
        {service.name[language]}
      </h1>
      {/* Focusable, so the standard can be scrolled without touch too (it holds no buttons of its own). */}
      <div className="screen__body screen__body--scroll" ref={ref} tabIndex={0} aria-label={service.name[language]}>
        <div className="service">
          <p className="service__description">{service.description[language]}</p>
          <dl className="standard" data-testid="service-standard">
            <div className="standard__item standard__item--wide">
              <dt>{t('service.documents')}</dt>
              <dd>
                {standard.documents.length === 0 ? (
                  t('service.noDocuments')
                ) : (
                  <ul className="standard__documents">
                    {standard.documents.map((document, index) => (
                      <li key={index}>{document[language]}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div className="standard__item">
              <dt>{t('service.fee')}</dt>
              <dd data-testid="service-fee">
                {standard.fee.amount === 0
                  ? t('service.free')
                  : formatMoney(standard.fee.amount, standard.fee.currency, language)}
              </dd>
            </div>
            <div className="standard__item">
              <dt>{t('service.term')}</dt>
              <dd>{t(`units.${standard.term.unit}`, { count: standard.term.value })}</dd>
            </div>
            <div className="standard__item">
              <dt>{t('service.deskTime')}</dt>
              <dd>{t('units.aboutMinutes', { count: service.serviceMinutes })}</dd>
            </div>
            <div className="standard__item">
              <dt>{t('service.hours')}</dt>
              <dd>
                <ul className="standard__hours">
                  {service.openingHours.map((period, index) => {
                    const text = formatOpeningPeriod(period, t);
                    return (
                      <li key={index}>
                        <span>{text.days}</span> <span className="nowrap">{text.hours}</span>
                      </li>
                    );
                  })}
                </ul>
              </dd>
            </div>
          </dl>
          {service.priorityAllowed && <p className="service__priority">{t('service.priority')}</p>}
        </div>
      </div>
      <div className="service__action" data-testid="service-availability" aria-live="polite">
        {renderAction()}
      </div>
      <NavBar language={language} onBack={onBack} onHome={onHome}>
        <PagingButtons language={language} canGoUp={canGoUp} canGoDown={canGoDown} onPage={page} />
      </NavBar>
      {longWait && (
        <LongWaitConfirm
          language={language}
          minutes={longWait.minutes}
          onYes={props.page.confirmLongWait}
          onNo={props.page.cancelLongWait}
        />
      )}
    </main>
  );

  function renderAction() {
    if (check.state === 'checking') return <p className="service__checking">{t('service.checking')}</p>;
    if (check.state === 'open') {
      return (
        <div className="service__take">
          {estimate && (
            <WaitLine
              language={language}
              peopleAhead={estimate.peopleAhead}
              minutes={estimate.minutes}
              testId="service-wait"
            />
          )}
          <button
            type="button"
            className="big-button primary-button take-ticket"
            data-testid="take-ticket"
            onClick={() => takeTicket()}
          >
            <TicketIcon />
            <span>{t('service.takeTicket')}</span>
          </button>
          {service?.priorityAllowed && priorityCategories.length > 0 && (
            <div className="service__priority-choice" role="group" aria-label={t('service.priorityTicket')}>
              <p className="service__priority-title">{t('service.priorityTicket')}</p>
              {priorityCategories.map((category) => (
                <button
                  key={category}
                  type="button"
                  className="big-button priority-button"
                  data-testid={`take-priority-${category}`}
                  onClick={() => takeTicket(category)}
                >
                  {priorityLabel(t, category)}
                </button>
              ))}
            </div>
          )}
        </div>
      );
    }
    if (check.state === 'failed') return <Notice title={t('service.unavailable')} />;
    const reopens = check.reopens;
    const when = !reopens
      ? t('service.askStaff')
      : reopens.daysFromNow === 0
        ? t('service.comeBackToday', { time: formatTime(reopens.time) })
        : reopens.daysFromNow === 1
          ? t('service.comeBackTomorrow', { time: formatTime(reopens.time) })
          : t('service.comeBackOn', { day: formatWeekdayOn(reopens.weekday, t), time: formatTime(reopens.time) });
    return (
      <Notice
        testId={`service-${check.state}`}
        title={check.state === 'closed' ? t('service.closed') : t('service.limitReached')}
        text={when}
      />
    );
  }
}

function Notice({ title, text, testId }: { title: string; text?: string; testId?: string }) {
  return (
    <div className="notice notice--warning service__notice" data-testid={testId}>
      <WarningIcon />
      <div>
        <p className="notice__title">{title}</p>
        {text && <p className="notice__text">{text}</p>}
      </div>
    </div>
  );
}

/** A service page opened from search still shows where the service sits in the menu. */
function pathOf(catalog: Catalog, serviceId: string): MenuScreen {
  const service = findService(catalog, serviceId);
  if (!service) return { name: 'services' };
  const skippedCategories = categoriesOf(catalog, service.providerId).length === 1;
  return { name: 'services', providerId: service.providerId, categoryId: service.categoryId, skippedCategories };
}
