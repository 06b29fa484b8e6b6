import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry, LogLevel } from '../../../../main/contract';
import { sessionEnded, useTechnician } from '../technician-context';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** The last lines of the kiosk's structured log, newest first, from a chosen level up. */
export function LogSection() {
  const { t } = useTranslation('technician');
  const { api, token, close } = useTechnician();
  const [minLevel, setMinLevel] = useState<LogLevel>('info');
  const [lines, setLines] = useState<LogEntry[] | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  useEffect(() => {
    let current = true;
    api.readLog({ token, limit: 200, minLevel }).then(
      (entries) => {
        if (current) setLines(entries);
      },
      // A session that ended while idle closes the panel; anything else is the kiosk's fault, logged there.
      (error: unknown) => current && sessionEnded(error) && close(),
    );
    return () => {
      current = false;
    };
  }, [api, token, minLevel, refreshes, close]);
  return (
    <>
      <div className="technician-toolbar">
        <label className="technician-field">
          <span className="technician-field__label">{t('panel.level')}</span>
          <select
            className="technician-input"
            value={minLevel}
            data-testid="technician-log-level"
            onChange={(event) => setMinLevel(event.target.value as LogLevel)}
          >
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="technician-button" onClick={() => setRefreshes((count) => count + 1)}>
          {t('panel.refresh')}
        </button>
      </div>
      {lines && lines.length === 0 && <p>{t('panel.empty')}</p>}
      <ol className="technician-log" data-testid="technician-log">
        {(lines ?? []).toReversed().map((line, index) => (
          <li key={`${line.time}-${index}`} className={`technician-log__line technician-log__line--${line.level}`}>
            <time>{line.time.replace('T', ' ').slice(0, 19)}</time> <strong>{line.level}</strong> {line.message}{' '}
            <code>{JSON.stringify(line.details)}</code>
          </li>
        ))}
      </ol>
    </>
  );
}
