import type { KioskApi } from '../../main/contract';
import { KioskFlowView } from './kiosk-flow-view';
import { StatusScreen } from './screens/status-screen';
import { useKioskSetup } from './use-kiosk-setup';

export function KioskApp({ api }: { api: KioskApi }) {
  const setup = useKioskSetup(api);
  if (setup.state !== 'ready') return <StatusScreen kind={setup.state} />;
  return <KioskFlowView api={api} info={setup.info} catalog={setup.catalog} />;
}
