import { DeskId, type KioskApi } from '../../../main/contract';
import { RatingTerminalView } from './rating-terminal-view';
import { StatusScreen } from '../screens/status-screen';
import { useKioskSetup } from '../use-kiosk-setup';

/**
 * A desk's rating tablet in the browser shell: rating.html?desk=2 asks the visitors of desk 2.
 * Without a valid desk in the address it asks for the kiosk's configured rating desks.
 */
export function RatingApp({ api, search }: { api: KioskApi; search: string }) {
  const setup = useKioskSetup(api);
  if (setup.state !== 'ready') return <StatusScreen kind={setup.state} />;
  const desk = DeskId.safeParse(new URLSearchParams(search).get('desk'));
  return (
    <RatingTerminalView
      api={api}
      info={setup.info}
      catalog={setup.catalog}
      deskIds={desk.success ? [desk.data] : setup.info.ratingDeskIds}
    />
  );
}
