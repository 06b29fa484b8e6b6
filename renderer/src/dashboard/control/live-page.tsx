import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../main/contract';
import type { EventsAnswer, LiveView, NetworkMap } from '../../../../main/contract/monitoring';
import type { AccountView } from '../dashboard-api';
import { formatsFor } from '../figures/format';
import { readEvents, readLive } from './control-api';
import { DesksTable, EventsTable, PrintersTable, QueuesTable, type Names } from './control-tables';
import './control.css';

const pad = (value: number) => String(value).padStart(2, '0');
/** An instant's time of day on this computer's clock, 24-hour as in every language of the network. */
export const clockTime = (iso: string) => {
  const at = new Date(iso);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
};

/** How often the view reads the central again: a desk's minute over the standard shows within this. */
export const LIVE_REFRESH_MS = 5_000;

/** The day of an instant on this computer's wall clock: staff read the centres of their own country. */
const dayOf = (at: Date) =>
  `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;

/**
 * The operator control's live view (issue 13): for one centre, or every centre the account reads,
 * the visits being served now against their standard, the queues whose longest wait is over theirs,
 * kiosks with printer problems, and today's events of visits that passed their standard.
 */
export function LivePage({ account, network }: { account: AccountView; network: NetworkMap }) {
  const { t, i18n } = useTranslation('control');
  const language = i18n.language as Language;
  const centres = network.regions.flatMap((region) => region.centres);
  const [centreId, setCentreId] = useState<string | null>(centres.length === 1 ? centres[0]!.centreId : null);
  const [live, setLive] = useState<LiveView | null>(null);
  const [events, setEvents] = useState<EventsAnswer | null>(null);
  const [unreachable, setUnreachable] = useState(false);

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      const now = await readLive(centreId);
      // Today as the central's clock has it, so the events and the desks are of the same moment.
      const day = await readEvents(centreId, dayOf(now.ok ? new Date(now.value.at) : new Date()));
      if (stopped) return;
      // What was last read stays on screen when a read fails, marked as not current.
      if (now.ok) setLive(now.value);
      if (day.ok) setEvents(day.value);
      setUnreachable(!now.ok);
    };
    void refresh();
    const timer = window.setInterval(() => void refresh(), LIVE_REFRESH_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [centreId]);

  const centreNames = new Map(centres.map((centre) => [centre.centreId, centre.name ?? centre.centreId]));
  const serviceNames = new Map(
    network.services.map((service) => [service.serviceId, service.name?.[language] ?? null]),
  );
  const names: Names = {
    centre: (id) => centreNames.get(id) ?? id,
    service: (id) => serviceNames.get(id) ?? id,
    oneCentre: centreId !== null,
  };
  const time = clockTime;

  return (
    <section className="control" aria-labelledby="live-heading" data-testid="live-view" data-account={account.username}>
      <div className="control-top">
        <h1 id="live-heading">{t('heading')}</h1>
        {centres.length > 1 && (
          <label className="control-choice">
            <span>{t('centre')}</span>
            <select
              value={centreId ?? ''}
              onChange={(event) => setCentreId(event.target.value === '' ? null : event.target.value)}
              data-testid="live-centre"
            >
              <option value="">{t('allCentres')}</option>
              {centres.map((centre) => (
                <option key={centre.centreId} value={centre.centreId}>
                  {names.centre(centre.centreId)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="control-updated" role="status" data-testid="live-updated">
        {live === null ? t('loading') : t('updatedAt', { time: time(live.at) })}
        {unreachable && live !== null && <strong className="control-stale"> {t('stale')}</strong>}
      </p>
      {unreachable && live === null && <p className="control-problem">{t('unreachable')}</p>}
      {live !== null && (
        <>
          <ul className="control-tiles" aria-label={t('summary')}>
            <Tile label={t('tiles.serving')} value={live.inProgress.length} alarm={false} testId="tile-serving" />
            <Tile label={t('tiles.desksOver')} value={live.desksOverStandard.length} alarm testId="tile-desks-over" />
            <Tile
              label={t('tiles.queuesOver')}
              value={live.queuesOverStandard.length}
              alarm
              testId="tile-queues-over"
            />
            <Tile label={t('tiles.printers')} value={live.printerProblems.length} alarm testId="tile-printers" />
          </ul>
          <DesksTable desks={live.inProgress} names={names} />
          <QueuesTable queues={live.queues} names={names} />
          <PrintersTable printers={live.printerProblems} names={names} time={time} />
        </>
      )}
      {events !== null && <EventsTable events={events} names={names} time={time} />}
    </section>
  );
}

function Tile({ label, value, alarm, testId }: { label: string; value: number; alarm: boolean; testId: string }) {
  const { i18n } = useTranslation('control');
  return (
    <li className={`control-tile${alarm && value > 0 ? ' control-tile--alarm' : ''}`} data-testid={testId}>
      <span className="control-tile__value">{formatsFor(i18n.language).count(value)}</span>
      <span className="control-tile__label">{label}</span>
    </li>
  );
}
