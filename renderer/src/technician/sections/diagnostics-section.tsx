import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostics } from '../../../../main/contract';
import { numberFormat } from '../../number-format';
import { sessionEnded, useTechnician } from '../technician-context';

function megabytes(bytes: number | null, language: string): string {
  if (bytes === null) return '—';
  const mb = bytes / 1024 / 1024;
  const write = (value: number) => numberFormat(language).decimal(value, { min: 1, max: 1 });
  return mb >= 1024 ? `${write(mb / 1024)} GB` : `${write(mb)} MB`;
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
      <table className="technician-table" data-testid="technician-diagnostics">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
