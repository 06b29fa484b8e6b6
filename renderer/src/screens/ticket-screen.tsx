import type { Language, Ticket } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { TicketIcon, WarningIcon } from './icons';

interface TicketScreenProps {
  language: Language;
  ticket: Ticket;
  serviceName: string;
  onDone: () => void;
}

/** The number first and huge: if the paper failed, this screen is all the visitor has. */
export function TicketScreen({ language, ticket, serviceName, onDone }: TicketScreenProps) {
  const t = useKioskT(language);
  return (
    <main className="screen screen--ticket" data-testid="screen-ticket">
      <div className="screen__body screen__body--centred">
        <p className="ticket__label">{t('ticket.yourNumber')}</p>
        <p className="ticket__number" data-testid="ticket-number">
          {ticket.number}
        </p>
        <p className="ticket__service" data-testid="ticket-service">
          {serviceName}
        </p>
        <PrintOutcome language={language} ticket={ticket} />
      </div>
      <div className="screen__actions">
        <button type="button" className="big-button primary-button" data-testid="ticket-done" onClick={onDone}>
          {t('ticket.done')}
        </button>
      </div>
    </main>
  );
}

function PrintOutcome({ language, ticket }: { language: Language; ticket: Ticket }) {
  const t = useKioskT(language);
  const common = { 'data-testid': 'ticket-print-status', 'data-print-status': ticket.printStatus };
  if (ticket.printStatus === 'failed') {
    return (
      <div className="notice notice--warning" role="alert" {...common}>
        <WarningIcon />
        <div>
          <p className="notice__title">{t('ticket.printFailed')}</p>
          <p className="notice__text">{t('ticket.showToStaff')}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="notice" {...common}>
      <TicketIcon />
      <div>
        <p className="notice__title">
          {ticket.printStatus === 'printed' ? t('ticket.takeTicket') : t('ticket.printUnknown')}
        </p>
        <p className="notice__text">{t('ticket.waitForCall')}</p>
      </div>
    </div>
  );
}
