import { useEffect, useState } from 'react';
import type { Catalog, KioskApi, Language, ServiceAvailability } from '../../../main/contract';
import { categoriesOf, findService } from '../catalog-view';
import { formatMoney, formatOpeningPeriod, formatTime, formatWeekdayOn } from '../format';
import type { MenuScreen, ReturnScreen } from '../kiosk-flow';
import { priorityLabel } from '../priority-label';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';
import { TicketIcon, WarningIcon } from './icons';
import { NavBar } from './nav-bar';
import { PagingButtons } from './paging-buttons';
import { PathBar } from './path-bar';
import { useScrollPaging } from './use-scroll-paging';
import { LongWaitConfirm, useWaitEstimate, WaitLine } from './wait-estimate';

interface ServiceScreenProps {
  api: KioskApi;
  language: Language;
  catalog: Catalog;
  serviceId: string;
  /** Where the page was opened from; Back returns there. */
  from: ReturnScreen;
  /** Priority categories of the kiosk; offered with one tap where the service allows priority. */
  priorityCategories: readonly string[];
  /** With a category for a priority ticket, without one for a normal ticket. */
  onTakeTicket: (priority?: string) => void;
  onJump: (screen: MenuScreen) => void;
  onBack: () => void;
  onHome: () => void;
}

type Check = { state: 'checking' } | { state: 'failed' } | ServiceAvailability;

/**
 * A service's standard, so visitors know before queueing what to bring, what it costs and how long
 * it takes; then "Take a ticket", or, when the service cannot take them now, when to come back.
 */
export function ServiceScreen(props: ServiceScreenProps) {
  const { api, language, catalog, serviceId, priorityCategories, onTakeTicket, onJump, onBack, onHome } = props;
  const t = useKioskT(language);
  const { ref, canGoUp, canGoDown, page } = useScrollPaging();
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  const service = findService(catalog, serviceId);
  useSpokenPrompt(language, service && t('speech.service', { service: service.name[language] }));
  const estimate = useWaitEstimate(api, serviceId);
  // A ticket asked for while the wait is long, held until the visitor confirms it.
  const [longWait, setLongWait] = useState<{ priority?: string; minutes: number } | null>(null);

  /** Takes the ticket at once, or first asks "Take a ticket anyway?" when the wait is long. */
  const takeTicket = (priority?: string) => {
    if (priority === undefined) {
      if (estimate?.long && estimate.minutes !== null) setLongWait({ minutes: estimate.minutes });
      else onTakeTicket();
      return;
    }
    // A priority ticket waits less than the normal wait on show: ask for its own.
    api.getWaitEstimate({ serviceId, priority }).then(
      (own) =>
        own.long && own.minutes !== null ? setLongWait({ priority, minutes: own.minutes }) : onTakeTicket(priority),
      () => onTakeTicket(priority),
    );
  };

  useEffect(() => {
    let current = true;
    api.getServiceAvailability({ serviceId }).then(
      (availability) => current && setCheck(availability),
      (error: unknown) => {
        console.error('kiosk: getServiceAvailability failed', error);
        if (current) setCheck({ state: 'failed' });
      },
    );
    return () => {
      current = false;
    };
  }, [api, serviceId]);

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
          onYes={() => onTakeTicket(longWait.priority)}
          onNo={() => setLongWait(null)}
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
