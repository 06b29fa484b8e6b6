import { useTranslation } from 'react-i18next';
import { useConnected, type ConnectionSignal } from '../api/connection-signal';

/** Tells staff when live updates have stopped, so they do not trust a screen that has frozen. */
export function ConnectionBadge({ connection }: { connection: ConnectionSignal }) {
  const { t } = useTranslation('console');
  const connected = useConnected(connection);
  if (connected === null) return null;
  return (
    <span
      className={connected ? 'connection-badge' : 'connection-badge connection-badge--lost'}
      data-testid="connection-badge"
      data-connected={connected}
      role={connected ? undefined : 'alert'}
    >
      <span aria-hidden="true">{connected ? '●' : '⟳'} </span>
      {connected ? t('connection.live') : t('connection.lost')}
    </span>
  );
}
