import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../main/contract';
import { PrinterPanel } from './printer-panel';
import { TicketRow } from './ticket-row';
import { useRatingsSeen } from './use-ratings-seen';
import { useTodayTickets } from './use-today-tickets';

/** A desk operator's page: today's tickets, and ending a visit so the visitor is asked to rate it. */
export function DeskApp({ api }: { api: KioskApi }) {
  const { t } = useTranslation('desk');
  const { tickets, error, refresh } = useTodayTickets(api);
  const ratings = useRatingsSeen(api);
  const [ending, setEnding] = useState<ReadonlySet<string>>(new Set());
  const [actionError, setActionError] = useState<string | null>(null);

  const endVisit = (number: string) => {
    if (ending.has(number)) return;
    setEnding((current) => new Set(current).add(number));
    setActionError(null);
    api
      .endVisit({ number })
      .then(refresh, (failure: unknown) => {
        const message = failure instanceof Error ? failure.message : String(failure);
        setActionError(t('endFailed', { number, message }));
      })
      .finally(() =>
        setEnding((current) => {
          const next = new Set(current);
          next.delete(number);
          return next;
        }),
      );
  };

  return (
    <main className="desk" data-testid="screen-desk">
      <header className="desk__header">
        <h1>{t('title')}</h1>
        <button type="button" data-testid="desk-refresh" onClick={refresh}>
          {t('refresh')}
        </button>
      </header>
      <PrinterPanel api={api} />
      {error && (
        <p className="desk__error" role="alert" data-testid="desk-load-error">
          {t('loadFailed', { message: error })}
        </p>
      )}
      {actionError && (
        <p className="desk__error" role="alert" data-testid="desk-action-error">
          {actionError}
        </p>
      )}
      {tickets === null && !error && <p>{t('loading')}</p>}
      {tickets?.length === 0 && <p data-testid="desk-empty">{t('empty')}</p>}
      {tickets && tickets.length > 0 && (
        <table className="desk__table" data-testid="desk-tickets">
          <thead>
            <tr>
              <th scope="col">{t('column.number')}</th>
              <th scope="col">{t('column.service')}</th>
              <th scope="col">{t('column.language')}</th>
              <th scope="col">{t('column.print')}</th>
              <th scope="col">{t('column.issued')}</th>
              <th scope="col">{t('column.state')}</th>
              <th scope="col">{t('column.action')}</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((ticket) => (
              <TicketRow
                key={ticket.id}
                ticket={ticket}
                score={ratings.get(ticket.id)}
                ending={ending.has(ticket.number)}
                onEndVisit={endVisit}
              />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
