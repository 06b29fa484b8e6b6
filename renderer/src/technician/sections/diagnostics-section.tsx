import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentralLinkReport, Diagnostics, HallLinkReport } from '../../../../main/contract';
import { numberFormat } from '../../number-format';
import { sessionEnded, useTechnician } from '../technician-context';
import { formatWhen } from '../when';

function megabytes(bytes: number | null, language: string): string {
  if (bytes === null) return '—';
  const mb = bytes / 1024 / 1024;
  const write = (value: number) => numberFormat(language).decimal(value, { min: 1, max: 1 });
  return mb >= 1024 ? `${write(mb / 1024)} GB` : `${write(mb)} MB`;
}

/** Label and value, one row each. */
function FactsTable({ rows, testId }: { rows: [string, string][]; testId?: string }) {
  return (
    <table className="technician-table" data-testid={testId}>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th>{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The device's link with the central server: whether it is enrolled, synced, and what went wrong. */
function CentralLink({ link }: { link: CentralLinkReport }) {
  const { t, i18n } = useTranslation('technician');
  const rows: [string, string][] =
    link.state === 'off' || link.state === 'refused'
      ? link.problem
        ? [[t('central.state'), link.problem]]
        : []
      : [
          [t('central.address'), link.url ?? '—'],
          [t('central.device'), `${link.deviceId ?? '—'} · ${link.centreId ?? '—'}`],
          [t('central.waiting'), numberFormat(i18n.language).integer(link.waiting)],
          [t('central.lastSync'), formatWhen(link.lastSuccessAt, i18n.language)],
          [t('central.nextAttempt'), formatWhen(link.nextAttemptAt, i18n.language)],
          [t('central.lastError'), link.lastError ? `${link.lastError.kind}: ${link.lastError.message}` : '—'],
          [t('central.catalog'), link.catalogVersion ?? '—'],
        ];
  return (
    <section data-testid="technician-central" data-state={link.state}>
      <h3>{t('central.heading')}</h3>
      <p className={`technician-central technician-central--${link.state}`}>
        <strong>{t(`central.${link.state}`)}</strong>
      </p>
      {rows.length > 0 && <FactsTable rows={rows} />}
    </section>
  );
}

/**
 * A kiosk of a hall's link with its hall server: whether the server numbers its tickets now, the
 * kiosk's own numbers for when it cannot, and the tickets it still has to hand over.
 */
function HallLink({ link }: { link: HallLinkReport }) {
  const { t, i18n } = useTranslation('technician');
  const state = link.reachable === null ? 'unknown' : link.reachable ? 'reachable' : 'unreachable';
  const summary = state === 'unreachable' && link.block === null ? 'unreachableNoBlock' : state;
  const rows: [string, string][] = [
    [t('hall.address'), link.server],
    [t('hall.lastContact'), formatWhen(link.lastContactAt, i18n.language)],
    [t('hall.block'), link.block ? `${link.block.start}–${link.block.end}` : t('hall.noBlock')],
    [t('hall.waiting'), numberFormat(i18n.language).integer(link.toHandOver)],
    [t('hall.lastError'), link.lastError ?? '—'],
  ];
  return (
    <section data-testid="technician-hall" data-state={state}>
      <h3>{t('hall.heading')}</h3>
      <p className={`technician-hall technician-hall--${state}`}>
        <strong>{t(`hall.${summary}`)}</strong>
      </p>
      <FactsTable rows={rows} />
    </section>
  );
}

/** Versions, uptime, disk and database, the printer's counters, the last errors and the speech voices. */
export function DiagnosticsSection() {
  const { t, i18n } = useTranslation('technician');
  const { api, token, close } = useTechnician();
  const [facts, setFacts] = useState<Diagnostics | null>(null);
  useEffect(() => {
    api.getDiagnostics({ token }).then(setFacts, (error: unknown) => sessionEnded(error) && close());
  }, [api, token, close]);
  if (!facts) return <p>{t('loading')}</p>;
  const { versions } = facts;
  const rows: [string, string][] = [
    [t('diagnostics.app'), versions.app],
    ['Electron', versions.electron ?? '—'],
    ['Chromium', versions.chromium ?? '—'],
    ['Node.js', versions.node],
    [t('diagnostics.uptime'), t('diagnostics.minutes', { count: Math.floor(facts.uptimeSeconds / 60) })],
    [t('diagnostics.dataDir'), facts.dataDir],
    [t('diagnostics.freeDisk'), megabytes(facts.freeDiskBytes, i18n.language)],
    [t('diagnostics.database'), megabytes(facts.databaseBytes, i18n.language)],
    [t('diagnostics.printer'), `${facts.printer.profile}: ${facts.printer.problems.join(', ') || 'ok'}`],
    [t('diagnostics.ticketsSinceRoll'), String(facts.printer.ticketsSinceRoll)],
    [
      t('diagnostics.voices'),
      facts.speechVoices === null
        ? '—'
        : facts.speechVoices
            .map((v) => `${v.language}: ${v.voice ?? (v.fallback ? `→ ${v.fallback}` : '—')}`)
            .join(', '),
    ],
  ];
  return (
    <>
      <FactsTable rows={rows} testId="technician-diagnostics" />
      <CentralLink link={facts.central} />
      {facts.hall && <HallLink link={facts.hall} />}
      <h3>{t('diagnostics.lastErrors')}</h3>
      {facts.lastErrors.length === 0 && <p>{t('panel.empty')}</p>}
      <ol className="technician-log">
        {facts.lastErrors.toReversed().map((line, index) => (
          <li key={index} className={`technician-log__line technician-log__line--${line.level}`}>
            <time>{line.time.replace('T', ' ').slice(0, 19)}</time> <strong>{line.level}</strong> {line.message}
          </li>
        ))}
      </ol>
    </>
  );
}
