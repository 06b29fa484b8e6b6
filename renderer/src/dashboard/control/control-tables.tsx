import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  eventsPerDesk,
  type DeskNow,
  type EventsAnswer,
  type LiveView,
  type QueueNow,
} from '../../../../main/contract/monitoring';
import { formatsFor } from '../figures/format';

/** How the live tables name centres and services; a centre column only when several are shown. */
export interface Names {
  centre(centreId: string): string;
  service(serviceId: string): string;
  oneCentre: boolean;
}

const wholeMinutes = (seconds: number) => Math.floor(seconds / 60);

/** The page language's numbers and minutes (figures/format.ts: not the browser's Intl, which lacks some). */
function useFormats() {
  const { i18n } = useTranslation('control');
  return formatsFor(i18n.language);
}

function LiveTable({
  id,
  heading,
  empty,
  columns,
  rows,
}: {
  id: string;
  heading: string;
  empty: string;
  columns: string[];
  rows: Array<{ key: string; alarm: boolean; cells: ReactNode[] }>;
}) {
  return (
    <section className="control-section" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {rows.length === 0 ? (
        <p className="control-empty">{empty}</p>
      ) : (
        <div className="control-table-wrap">
          <table className="control-table">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className={row.alarm ? 'control-row--alarm' : undefined}>
                  {row.cells.map((cell, index) => (
                    <td key={columns[index]}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The state of a time against its standard, in words (never colour alone). */
function Against({ seconds, standardMinutes }: { seconds: number; standardMinutes: number }) {
  const { t } = useTranslation('control');
  const { minutes } = useFormats();
  const over = seconds >= standardMinutes * 60;
  return over ? (
    <strong className="control-over">
      {t('overBy', { minutes: minutes(wholeMinutes(seconds) - standardMinutes) })}
    </strong>
  ) : (
    <span>{t('within', { minutes: minutes(standardMinutes - wholeMinutes(seconds)) })}</span>
  );
}

export function DesksTable({ desks, names }: { desks: DeskNow[]; names: Names }) {
  const { t } = useTranslation('control');
  const { minutes } = useFormats();
  return (
    <LiveTable
      id="live-desks"
      heading={t('desks.heading')}
      empty={t('desks.empty')}
      columns={[
        ...(names.oneCentre ? [] : [t('columns.centre')]),
        t('columns.desk'),
        t('columns.service'),
        t('columns.serving'),
        t('columns.standard'),
        t('columns.state'),
      ]}
      rows={desks.map((desk) => ({
        key: `${desk.centreId}/${desk.deskId ?? ''}/${desk.startedAt}`,
        alarm: desk.overStandard,
        cells: [
          ...(names.oneCentre ? [] : [names.centre(desk.centreId)]),
          desk.deskId ?? t('noDesk'),
          names.service(desk.serviceId),
          minutes(wholeMinutes(desk.elapsedSeconds)),
          minutes(desk.standardMinutes),
          <Against key="state" seconds={desk.elapsedSeconds} standardMinutes={desk.standardMinutes} />,
        ],
      }))}
    />
  );
}

export function QueuesTable({ queues, names }: { queues: QueueNow[]; names: Names }) {
  const { t } = useTranslation('control');
  const { minutes, count } = useFormats();
  return (
    <LiveTable
      id="live-queues"
      heading={t('queues.heading')}
      empty={t('queues.empty')}
      columns={[
        ...(names.oneCentre ? [] : [t('columns.centre')]),
        t('columns.service'),
        t('columns.waiting'),
        t('columns.longestWait'),
        t('columns.waitingStandard'),
        t('columns.state'),
      ]}
      rows={queues.map((queue) => ({
        key: `${queue.centreId}/${queue.serviceId}`,
        alarm: queue.overStandard,
        cells: [
          ...(names.oneCentre ? [] : [names.centre(queue.centreId)]),
          names.service(queue.serviceId),
          count(queue.waiting),
          minutes(wholeMinutes(queue.longestWaitSeconds)),
          minutes(queue.standardMinutes),
          <Against key="state" seconds={queue.longestWaitSeconds} standardMinutes={queue.standardMinutes} />,
        ],
      }))}
    />
  );
}

export function PrintersTable({
  printers,
  names,
  time,
}: {
  printers: LiveView['printerProblems'];
  names: Names;
  time: (iso: string) => string;
}) {
  const { t } = useTranslation('control');
  return (
    <LiveTable
      id="live-printers"
      heading={t('printers.heading')}
      empty={t('printers.empty')}
      columns={[
        ...(names.oneCentre ? [] : [t('columns.centre')]),
        t('columns.kiosk'),
        t('columns.problem'),
        t('columns.reportedAt'),
      ]}
      rows={printers.map((printer) => ({
        key: printer.deviceId,
        alarm: true,
        cells: [
          ...(names.oneCentre ? [] : [names.centre(printer.centreId)]),
          printer.deviceId,
          printer.problems.map((problem) => t(`problem.${problem}`)).join(', '),
          printer.reportedAt === null ? '—' : time(printer.reportedAt),
        ],
      }))}
    />
  );
}

/** A day's events per desk and service: how often each passed the service and the waiting standard. */
export function EventsTable({
  events,
  names,
  time,
  heading,
}: {
  events: Pick<EventsAnswer, 'counts' | 'latest'>;
  names: Names;
  time: (iso: string) => string;
  /** The table's heading, when not today's. */
  heading?: string;
}) {
  const { t } = useTranslation('control');
  const { count } = useFormats();
  const rows = eventsPerDesk(events.counts);
  return (
    <>
      <LiveTable
        id="live-events"
        heading={heading ?? t('events.heading')}
        empty={t('events.empty')}
        columns={[
          ...(names.oneCentre ? [] : [t('columns.centre')]),
          t('columns.desk'),
          t('columns.service'),
          t('columns.serviceOver'),
          t('columns.waitingOver'),
        ]}
        rows={rows.map((row) => ({
          key: `${row.centreId}/${row.deskId ?? ''}/${row.serviceId}`,
          alarm: false,
          cells: [
            ...(names.oneCentre ? [] : [names.centre(row.centreId)]),
            row.deskId ?? t('noDesk'),
            names.service(row.serviceId),
            count(row.service),
            count(row.waiting),
          ],
        }))}
      />
      {events.latest.length > 0 && (
        <LiveTable
          id="live-latest"
          heading={t('latest.heading')}
          empty=""
          columns={[
            t('columns.passedAt'),
            t('columns.kind'),
            ...(names.oneCentre ? [] : [t('columns.centre')]),
            t('columns.desk'),
            t('columns.service'),
          ]}
          rows={events.latest.slice(0, 10).map((event) => ({
            key: `${event.ref}/${event.kind}`,
            alarm: false,
            cells: [
              time(event.passedAt),
              t(`kind.${event.kind}`),
              ...(names.oneCentre ? [] : [names.centre(event.centreId)]),
              event.deskId ?? t('noDesk'),
              names.service(event.serviceId),
            ],
          }))}
        />
      )}
    </>
  );
}
