import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, type DeskState } from '../../../main/contract';
import { PrintNotConfirmed } from './print-not-confirmed';
import { usePriorityLabel } from './use-priority-label';
import { VisitTimer } from './visit-timer-view';

interface CurrentVisitProps {
  desk: DeskState;
  serviceName: (serviceId: string) => string;
}

/** The visitor at the desk, large enough to read from a step back: number, service, language, priority, state. */
export function CurrentVisit({ desk, serviceName }: CurrentVisitProps) {
  const { t } = useTranslation('console');
  const priorityLabel = usePriorityLabel();
  const ticket = desk.current;
  if (!ticket) {
    return (
      <section className="current-visit current-visit--free" data-testid="current-visit" data-state="free">
        <h2>{t('current.title')}</h2>
        <p className="current-visit__none">{t('current.none')}</p>
      </section>
    );
  }
  return (
    <section className="current-visit" data-testid="current-visit" data-state={ticket.state}>
      <h2>{t('current.title')}</h2>
      <div className="current-visit__head">
        <span className="current-visit__number" data-testid="current-number">
          {ticket.number}
        </span>
        <span className="current-visit__state" data-testid="current-state" data-state={ticket.state}>
          {t(`state.${ticket.state}`)}
        </span>
      </div>
      {ticket.printStatus === 'interrupted' && <PrintNotConfirmed />}
      <dl className="current-visit__facts">
        <dt>{t('current.service')}</dt>
        <dd data-testid="current-service">{serviceName(ticket.serviceId)}</dd>
        <dt>{t('current.language')}</dt>
        <dd data-testid="current-language">{LANGUAGE_AUTONYMS[ticket.language]}</dd>
        <dt>{t('current.priority')}</dt>
        <dd data-testid="current-priority">
          {ticket.priority ? priorityLabel(ticket.priority) : t('current.noPriority')}
        </dd>
        {ticket.recalls > 0 && (
          <>
            <dt>{t('current.recalls')}</dt>
            <dd data-testid="current-recalls">{ticket.recalls}</dd>
          </>
        )}
        {ticket.transferredFrom && (
          <>
            <dt>{t('current.transferredFrom')}</dt>
            <dd>{serviceName(ticket.transferredFrom)}</dd>
          </>
        )}
      </dl>
      {ticket.state === 'serving' && ticket.servingStartedAt && (
        <VisitTimer
          servingStartedAt={ticket.servingStartedAt}
          standardMinutes={desk.standardMinutes}
          amberAtShare={desk.amberAtShare}
        />
      )}
    </section>
  );
}
