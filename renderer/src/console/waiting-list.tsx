import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, type Ticket } from '../../../main/contract';
import { useClockTime } from './centre-clock';
import { PrintNotConfirmed } from './print-not-confirmed';
import { usePriorityLabel } from './use-priority-label';

interface WaitingListProps {
  waiting: readonly Ticket[];
  serviceName: (serviceId: string) => string;
}

/** The tickets this desk would call, in the order it would call them, with how many wait. */
export function WaitingList({ waiting, serviceName }: WaitingListProps) {
  const { t } = useTranslation('console');
  const priorityLabel = usePriorityLabel();
  const priorityCount = waiting.filter((ticket) => ticket.priority !== null).length;
  const time = useClockTime();
  return (
    <section className="waiting-list" data-testid="waiting-list">
      <h2>{t('waiting.title')}</h2>
      <p className="waiting-list__counts">
        <span data-testid="waiting-count" data-count={waiting.length}>
          {t('waiting.count', { count: waiting.length })}
        </span>
        <span data-testid="waiting-priority-count" data-count={priorityCount}>
          {t('waiting.priorityCount', { count: priorityCount })}
        </span>
      </p>
      {waiting.length === 0 ? (
        <p data-testid="waiting-empty">{t('waiting.empty')}</p>
      ) : (
        <ol className="waiting-list__items">
          {waiting.map((ticket) => (
            <li key={ticket.id} data-testid={`waiting-${ticket.number}`} data-priority={ticket.priority !== null}>
              <span className="waiting-list__number">{ticket.number}</span>
              <span className="waiting-list__service">{serviceName(ticket.serviceId)}</span>
              <span className="waiting-list__meta">
                {LANGUAGE_AUTONYMS[ticket.language]} · {time(ticket.issuedAt)}
                {ticket.priority && (
                  <span className="waiting-list__priority">
                    <span aria-hidden="true">★ </span>
                    {priorityLabel(ticket.priority)}
                  </span>
                )}
                {ticket.printStatus === 'interrupted' && <PrintNotConfirmed />}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
