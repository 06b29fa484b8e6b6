import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, type Ticket } from '../../../main/contract';
import { useClockTime } from './centre-clock';

interface TicketRowProps {
  ticket: Ticket;
  serviceName: string;
  /** The score, if this page has seen the ticket rated. */
  score: number | undefined;
}

export function TicketRow({ ticket, serviceName, score }: TicketRowProps) {
  const { t } = useTranslation('console');
  const issued = useClockTime()(ticket.issuedAt);
  return (
    <tr data-testid={`ticket-row-${ticket.number}`} data-visit-state={ticket.state}>
      <th scope="row" className="tickets__number">
        {ticket.number}
      </th>
      <td>{serviceName}</td>
      <td>{LANGUAGE_AUTONYMS[ticket.language]}</td>
      <td data-testid={`print-status-${ticket.number}`} data-print-status={ticket.printStatus}>
        {ticket.printStatus === 'interrupted' && (
          <span className="print-not-confirmed__mark" aria-hidden="true">
            ⚠{' '}
          </span>
        )}
        {t(`tickets.print.${ticket.printStatus}`)}
        {/* The printer's own words, for the technician: which fault, which port, what it answered. */}
        {ticket.printError && <small className="tickets__print-error">{ticket.printError}</small>}
      </td>
      <td className="tickets__time">{issued}</td>
      <td data-testid={`visit-state-${ticket.number}`}>
        {t(`state.${ticket.state}`)}
        {ticket.deskId && ` · ${t('deskLabel', { desk: ticket.deskId })}`}
        {score !== undefined && ` · ${t('tickets.rated', { score })}`}
      </td>
    </tr>
  );
}
