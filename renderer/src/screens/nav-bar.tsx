import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { BackIcon, HomeIcon } from './icons';

interface NavBarProps {
  language: Language;
  onBack?: () => void;
  onHome?: () => void;
}

/** Back and start-again, always in the same place at the bottom, within reach from a wheelchair. */
export function NavBar({ language, onBack, onHome }: NavBarProps) {
  const t = useKioskT(language);
  return (
    <nav className="nav-bar">
      {onBack && (
        <button type="button" className="nav-button" data-testid="nav-back" onClick={onBack}>
          <BackIcon />
          <span>{t('common.back')}</span>
        </button>
      )}
      {onHome && (
        <button type="button" className="nav-button" data-testid="nav-home" onClick={onHome}>
          <HomeIcon />
          <span>{t('common.home')}</span>
        </button>
      )}
    </nav>
  );
}
