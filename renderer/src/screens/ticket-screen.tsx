import { useTranslation } from 'react-i18next';
import { ticketQrContent, type Language, type Ticket } from '../../../main/contract';
import { priorityLabel } from '../priority-label';
import { useKioskT } from '../use-kiosk-t';
import { spokenTicketNumber, useSpokenPrompt } from '../use-spoken-prompt';
import type { VisitorPrinterProblem } from '../use-printer-report';
import { PrinterIcon, TicketIcon, WarningIcon } from './icons';
import { QrCode } from './qr-code';
import { WaitLine } from './wait-estimate';

interface TicketScreenProps {
  language: Language;
  ticket: Ticket;
  serviceName: string;
  /** Go into the on-screen QR code, which must read the same as the printed one. */
  kioskId: string;
  phoneUrl: string | null;
  /** Why the printer failed, as far as it told us; null when it did not say. */
  printerProblem: VisitorPrinterProblem | null;
  reprinting: boolean;
  onReprint: () => void;
  onDone: () => void;
}

/** The number first and huge: if the paper failed, this screen is all the visitor has. */
export function TicketScreen(props: TicketScreenProps) {
  const { language, ticket, serviceName, onDone } = props;
  const t = useKioskT(language);
  useSpokenPrompt(
    language,
    t(`speech.${ticket.printStatus === 'failed' ? 'ticketNotPrinted' : 'ticket'}`, {
      number: spokenTicketNumber(ticket.number),
    }),
  );
  if (ticket.printStatus === 'failed') return <NotPrintedTicket {...props} />;
  return (
    <main className="screen screen--ticket" data-testid="screen-ticket">
      {/* Two groups: one column in portrait; in landscape, which has no height for all the lines one
          above the other, the number (as big as in portrait) on the left and the details on the right. */}
      <div className="screen__body ticket__layout">
        <div className="ticket__main">
          <NumberAndService language={language} number={ticket.number} serviceName={serviceName} />
        </div>
        <div className="ticket__details">
          <PriorityMark language={language} priority={ticket.priority} />
          <WaitLine
            language={language}
            peopleAhead={ticket.peopleAhead}
            minutes={ticket.estimatedWaitMinutes}
            unknown={ticket.issuedOffline}
            testId="ticket-wait"
          />
          <PrintOutcome language={language} ticket={ticket} />
        </div>
      </div>
      <div className="screen__actions">
        <button type="button" className="big-button primary-button" data-testid="ticket-done" onClick={onDone}>
          {t('ticket.done')}
        </button>
      </div>
    </main>
  );
}

/**
 * The paper did not come out: the number and its QR code stay on screen (a photo of them is the
 * ticket), the cause in the visitor's words, and one button to try the printer again.
 */
function NotPrintedTicket({
  language,
  ticket,
  serviceName,
  kioskId,
  phoneUrl,
  printerProblem,
  reprinting,
  onReprint,
  onDone,
}: TicketScreenProps) {
  const t = useKioskT(language);
  const { t: tp } = useTranslation('printer', { lng: language });
  return (
    <main className="screen screen--ticket screen--not-printed" data-testid="screen-ticket">
      <div className="screen__body screen__body--centred">
        <div
          className="notice notice--warning"
          role="alert"
          data-testid="ticket-print-status"
          data-print-status={ticket.printStatus}
          data-printer-problem={printerProblem ?? 'unknown'}
        >
          <WarningIcon />
          <div>
            <p className="notice__title" data-testid="printer-problem">
              {tp(`problem.${printerProblem ?? 'unknown'}`)}
            </p>
            <p className="notice__text">{tp('onScreen.title')}</p>
          </div>
        </div>
        <div className="not-printed__block">
          <NumberAndService language={language} number={ticket.number} serviceName={serviceName} />
          <PriorityMark language={language} priority={ticket.priority} />
        </div>
        <div className="not-printed__block">
          <QrCode
            data={ticketQrContent(kioskId, ticket, phoneUrl)}
            label={tp('onScreen.qrLabel', { number: ticket.number })}
          />
          <p className="ticket__hint">{tp('onScreen.body')}</p>
        </div>
      </div>
      <div className="screen__actions screen__actions--pair">
        <button
          type="button"
          className="big-button"
          data-testid="ticket-reprint"
          disabled={reprinting}
          onClick={onReprint}
        >
          <PrinterIcon />
          {reprinting ? tp('reprinting') : tp('reprint')}
        </button>
        <button type="button" className="big-button primary-button" data-testid="ticket-done" onClick={onDone}>
          {t('ticket.done')}
        </button>
      </div>
    </main>
  );
}

/** "Your number", the number huge, and the service: the same on a printed and a not-printed ticket. */
function NumberAndService({
  language,
  number,
  serviceName,
}: {
  language: Language;
  number: string;
  serviceName: string;
}) {
  const t = useKioskT(language);
  return (
    <>
      <p className="ticket__label">{t('ticket.yourNumber')}</p>
      <p className="ticket__number" data-testid="ticket-number">
        {number}
      </p>
      <p className="ticket__service" data-testid="ticket-service">
        {serviceName}
      </p>
    </>
  );
}

function PrintOutcome({ language, ticket }: { language: Language; ticket: Ticket }) {
  const t = useKioskT(language);
  const common = { 'data-testid': 'ticket-print-status', 'data-print-status': ticket.printStatus };
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

/** A priority ticket says so in words and with a sign, so staff and the visitor see it at a glance. */
function PriorityMark({ language, priority }: { language: Language; priority: string | null }) {
  const t = useKioskT(language);
  if (priority === null) return null;
  return (
    <p className="ticket__priority" data-testid="ticket-priority">
      <span aria-hidden="true">★ </span>
      {t('ticket.priority', { category: priorityLabel(t, priority) })}
    </p>
  );
}
