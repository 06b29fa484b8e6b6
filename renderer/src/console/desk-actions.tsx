import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../main/contract';
import { allowedActions, type DeskAction } from './desk-action-rules';

export type { DeskAction } from './desk-action-rules';

const ORDER: readonly DeskAction[] = ['callNext', 'recall', 'start', 'finish', 'noShow', 'transfer'];

interface DeskActionsProps {
  current: Ticket | null;
  busy: DeskAction | null;
  onAction: (action: DeskAction) => void;
}

/** Six large buttons in a fixed place, so hands learn them; those that do not apply now are disabled. */
export function DeskActions({ current, busy, onAction }: DeskActionsProps) {
  const { t } = useTranslation('console');
  const allowed = allowedActions(current);
  return (
    <div className="desk-actions" role="group" aria-label={t('action.group')}>
      {ORDER.map((action) => (
        <button
          key={action}
          type="button"
          className={`desk-action desk-action--${action}`}
          data-testid={`action-${action}`}
          disabled={!allowed.has(action) || busy !== null}
          aria-busy={busy === action}
          onClick={() => onAction(action)}
        >
          {busy === action ? t('action.working') : t(`action.${action}`)}
        </button>
      ))}
    </div>
  );
}
