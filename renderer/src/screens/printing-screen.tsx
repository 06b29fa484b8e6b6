import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';
import { PrinterIcon } from './icons';

interface PrintingScreenProps {
  language: Language;
  serviceName: string;
}

/** Shown while the ticket is numbered and printed; nothing to touch, so nothing can go wrong. */
export function PrintingScreen({ language, serviceName }: PrintingScreenProps) {
  const t = useKioskT(language);
  useSpokenPrompt(language, t('printing.title'));
  return (
    <main className="screen screen--centred screen--printing" data-testid="screen-printing">
      <div className="printing__icon">
        <PrinterIcon />
      </div>
      <h1 className="screen__title" role="status">
        {t('printing.title')}
      </h1>
      <p className="screen__text">{serviceName}</p>
      <p className="screen__text">{t('printing.body')}</p>
    </main>
  );
}
