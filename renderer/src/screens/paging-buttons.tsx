import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { DownIcon, UpIcon } from './icons';

interface PagingButtonsProps {
  language: Language;
  canGoUp: boolean;
  canGoDown: boolean;
  onPage: (direction: 'up' | 'down') => void;
}

/** Up and down arrows for a list longer than the screen: absent for a short list, dimmed at an end. */
export function PagingButtons({ language, canGoUp, canGoDown, onPage }: PagingButtonsProps) {
  const t = useKioskT(language);
  return (
    <>
      <button
        type="button"
        className="nav-button nav-button--square"
        data-testid="page-up"
        aria-label={t('common.scrollUp')}
        hidden={!canGoUp && !canGoDown}
        aria-disabled={!canGoUp}
        onClick={() => onPage('up')}
      >
        <UpIcon />
      </button>
      <button
        type="button"
        className="nav-button nav-button--square"
        data-testid="page-down"
        aria-label={t('common.scrollDown')}
        hidden={!canGoUp && !canGoDown}
        aria-disabled={!canGoDown}
        onClick={() => onPage('down')}
      >
        <DownIcon />
      </button>
    </>
  );
}
