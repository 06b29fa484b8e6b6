import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../main/contract';
import { TicketRow } from './ticket-row';
import { useRatingsSeen } from './use-ratings-seen';
import { useTodayTickets } from './use-today-tickets';

/** Every ticket of today, newest first: what printed, where each visit stands, which were rated. */
export function TicketsPanel({ api, serviceName }: { api: KioskApi; serviceName: (id: string) => string }) {
  const { t } = useTranslation('console');
  const { tickets, error, refresh } = useTodayTickets(api);
  const ratings = useRatingsSeen(api);
  return (
    <section className="tickets" data-testid="console-tickets">
      <header className="tickets__header">
        <h2>{t('tickets.title')}</h2>
        <button type="button" className="console-secondary" data-testid="tickets-refresh" onClick={refresh}>
          {t('tickets.refresh')}
        </button>
      </header>
      {error && (
        <p className="console-error" role="alert" data-testid="tickets-load-error">
          {t('tickets.loadFailed', { message: error })}
        </p>
      )}
      {tickets === null && !error && <p>{t('tickets.loading')}</p>}
      {tickets?.length === 0 && <p data-testid="tickets-empty">{t('tickets.empty')}</p>}
      {tickets && tickets.length > 0 && (
        <div className="tickets__scroll">
          <table className="tickets__table" data-testid="tickets-table">
            <thead>
              <tr>
                <th scope="col">{t('tickets.column.number')}</th>
                <th scope="col">{t('tickets.column.service')}</th>
                <th scope="col">{t('tickets.column.language')}</th>
                <th scope="col">{t('tickets.column.print')}</th>
                <th scope="col">{t('tickets.column.issued')}</th>
                <th scope="col">{t('tickets.column.state')}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => (
                <TicketRow
                  key={ticket.id}
                  ticket={ticket}
                  serviceName={serviceName(ticket.serviceId)}
                  score={ratings.get(ticket.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
