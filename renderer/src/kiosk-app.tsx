import type { KioskApi } from '../../main/contract';
import { KioskFlowView } from './kiosk-flow-view';
import { RatingTerminalView } from './rating/rating-terminal-view';
import { StatusScreen } from './screens/status-screen';
import { useKioskSetup } from './use-kiosk-setup';

export function KioskApp({ api }: { api: KioskApi }) {
  const setup = useKioskSetup(api);
  if (setup.state !== 'ready') return <StatusScreen kind={setup.state} />;
  // A kiosk set up as a rating terminal shows only the rating screen for its desks.
  if (setup.info.role === 'rating-terminal')
    return (
      <RatingTerminalView
        key={setup.generation}
        api={api}
        info={setup.info}
        catalog={setup.catalog}
        deskIds={setup.info.ratingDeskIds}
      />
    );
  // Keyed by the load, so a technician's new default language or accessibility defaults take effect at once.
  return <KioskFlowView key={setup.generation} api={api} info={setup.info} catalog={setup.catalog} />;
}
