import type { ReactNode } from 'react';
import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { BackIcon, HomeIcon } from './icons';

interface NavBarProps {
  language: Language;
  onBack?: () => void;
  onHome?: () => void;
  /** Shown between Back and Home, such as a list's paging buttons. */
  children?: ReactNode;
}

/** Back and start-again, always in the same place at the bottom, within reach from a wheelchair. */
export function NavBar({ language, onBack, onHome, children }: NavBarProps) {
  const t = useKioskT(language);
  return (
    <nav className="nav-bar">
      <div className="nav-bar__side">
        {onBack && (
          <button type="button" className="nav-button" data-testid="nav-back" onClick={onBack}>
            <BackIcon />
            <span>{t('common.back')}</span>
          </button>
        )}
      </div>
      {children && <div className="nav-bar__middle">{children}</div>}
      <div className="nav-bar__side nav-bar__side--end">
        {onHome && (
          <button type="button" className="nav-button" data-testid="nav-home" onClick={onHome}>
            <HomeIcon />
            <span>{t('common.home')}</span>
          </button>
        )}
      </div>
    </nav>
  );
}
