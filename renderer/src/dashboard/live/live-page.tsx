import { useTranslation } from 'react-i18next';
import type { NetworkMap } from '../../../../main/contract/monitoring';
import type { AccountView } from '../dashboard-api';

/** The operator control's live view (issue 13): every desk and queue of the centres the account reads. */
export function LivePage({ account, network }: { account: AccountView; network: NetworkMap }) {
  const { t } = useTranslation('dashboard');
  const centres = network.regions.flatMap((region) => region.centres);
  return (
    <section aria-labelledby="live-heading" data-account={account.username}>
      <h1 id="live-heading">{t('shell.heading')}</h1>
      <p>{centres.length}</p>
    </section>
  );
}
