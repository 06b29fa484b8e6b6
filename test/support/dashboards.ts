import { startDashboardServer, type RunningDashboards } from '../../main/central/http/dashboard-server';
import { StaffAuth } from '../../main/central/staff/staff-auth';
import type { PostgresStore } from '../../main/central/store/postgres-store';
import { TEST_TLS } from './test-central';

/**
 * The central's dashboards listener for a test, everything read from the test's store: staff
 * sign-in, figures, operator control, public pages and open data. HTTPS with the test-only
 * certificate on loopback unless `https: false` (then plain HTTP, loopback only, as the server does
 * without a certificate); `now` is the clock of both the server and its sessions.
 */
export function startTestDashboards(
  store: PostgresStore,
  options: { staticDir: string; now?: () => Date; https?: boolean; publicThreshold?: number },
): Promise<RunningDashboards> {
  return startDashboardServer({
    auth: new StaffAuth(store.staff, options.now),
    staff: store.staff,
    monitoring: store.monitoring,
    control: store.standardEvents,
    public: { reads: store.publicFigures, threshold: options.publicThreshold ?? 10 },
    now: options.now,
    staticDir: options.staticDir,
    ...(options.https === false ? {} : { tls: TEST_TLS, host: '127.0.0.1' }),
  });
}
