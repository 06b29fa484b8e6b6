import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../main/contract';

interface TicketRowProps {
  ticket: Ticket;
  /** The score, if this page has seen the ticket rated. */
  score: number | undefined;
  ending: boolean;
  onEndVisit: (number: string) => void;
}

export function TicketRow({ ticket, score, ending, onEndVisit }: TicketRowProps) {
  const { t, i18n } = useTranslation('desk');
  const ended = ticket.visitEndedAt !== null;
  const state = score !== undefined ? 'rated' : ended ? 'ended' : 'waiting';
  const issued = new Date(ticket.issuedAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <tr data-testid={`ticket-row-${ticket.number}`} data-visit-state={state}>
      <th scope="row" className="desk__number">
        {ticket.number}
      </th>
      <td>{ticket.serviceId}</td>
      <td>{ticket.language}</td>
      <td data-testid={`print-status-${ticket.number}`} data-print-status={ticket.printStatus}>
        {t(`print.${ticket.printStatus}`)}
        {/* The printer's own words, for the technician: which fault, which port, what it answered. */}
        {ticket.printError && <small className="desk__print-error">{ticket.printError}</small>}
      </td>
      <td>{issued}</td>
      <td data-testid={`visit-state-${ticket.number}`}>
        {state === 'rated' ? t('state.rated', { score }) : t(`state.${state}`)}
      </td>
      <td>
        {!ended && (
          <button
            type="button"
            data-testid={`end-visit-${ticket.number}`}
            aria-disabled={ending}
            onClick={() => onEndVisit(ticket.number)}
          >
            {ending ? t('ending') : t('endVisit')}
          </button>
        )}
      </td>
    </tr>
  );
}
