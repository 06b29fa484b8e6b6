import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskApiError, type DeskSession, type KioskApi, type Language, type Service } from '../../../main/contract';
import type { ConnectionSignal } from '../api/connection-signal';
import { actionErrorKind, type ActionErrorKind } from './action-error';
import { CurrentVisit } from './current-visit';
import { DeskActions, type DeskAction } from './desk-actions';
import { TransferDialog } from './transfer-dialog';
import { useDeskState } from './use-desk-state';
import { WaitingList } from './waiting-list';

interface DeskScreenProps {
  api: KioskApi;
  session: DeskSession;
  connection: ConnectionSignal;
  services: readonly Service[];
  language: Language;
  serviceName: (serviceId: string) => string;
  onSessionLost: () => void;
}

type ActionFailure = { kind: ActionErrorKind; message: string };

/** The desk's one screen: the visit at the desk with its actions, and who waits next. */
export function DeskScreen({
  api,
  session,
  connection,
  services,
  language,
  serviceName,
  onSessionLost,
}: DeskScreenProps) {
  const { t } = useTranslation('console');
  const { state, error, refresh } = useDeskState(api, session.token, connection, onSessionLost);
  const [busy, setBusy] = useState<DeskAction | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [nobodyWaiting, setNobodyWaiting] = useState(false);

  const run = useCallback(
    (action: DeskAction, call: () => Promise<unknown>) => {
      setBusy(action);
      setFailure(null);
      setNobodyWaiting(false);
      call()
        .then(
          (answer) => {
            if (action === 'callNext' && answer === null) setNobodyWaiting(true);
          },
          (thrown: unknown) => {
            if (thrown instanceof KioskApiError && thrown.code === 'desk-session-required') onSessionLost();
            else setFailure({ kind: actionErrorKind(thrown), message: thrown instanceof Error ? thrown.message : '' });
          },
        )
        .finally(() => {
          setBusy(null);
          refresh();
        });
    },
    [onSessionLost, refresh],
  );

  const token = session.token;
  const onAction = (action: DeskAction) => {
    switch (action) {
      case 'callNext':
        return run(action, () => api.callNext({ token }));
      case 'recall':
        return run(action, () => api.recallTicket({ token }));
      case 'start':
        return run(action, () => api.startVisit({ token }));
      case 'finish':
        return run(action, () => api.finishVisit({ token }));
      case 'noShow':
        return run(action, () => api.markNoShow({ token }));
      case 'transfer':
        return setTransferring(true);
    }
  };

  const current = state?.current ?? null;
  return (
    <div className="desk-screen" data-testid="desk-screen">
      <div className="desk-screen__visit">
        {state ? (
          <CurrentVisit desk={state} serviceName={serviceName} />
        ) : (
          <p data-testid="desk-loading">{t('loading')}</p>
        )}
        <DeskActions current={current} busy={busy} onAction={onAction} />
        {nobodyWaiting && (
          <p className="console-note" role="status" data-testid="nobody-waiting">
            {t('nobodyWaiting')}
          </p>
        )}
        {failure && (
          <p className="console-error" role="alert" data-testid="action-error" data-error={failure.kind}>
            {failure.kind === 'failed'
              ? t('actionError.failed', { message: failure.message })
              : t(`actionError.${failure.kind}`)}
          </p>
        )}
        {error && (
          <p className="console-error" role="alert" data-testid="desk-load-error">
            {t('loadFailed', { message: error })}
          </p>
        )}
      </div>
      {state && <WaitingList waiting={state.waiting} serviceName={serviceName} />}
      {transferring && current && (
        <TransferDialog
          number={current.number}
          services={services.filter((service) => service.id !== current.serviceId)}
          language={language}
          onCancel={() => setTransferring(false)}
          onPick={(serviceId) => {
            setTransferring(false);
            run('transfer', () => api.transferVisit({ token, serviceId }));
          }}
        />
      )}
    </div>
  );
}
