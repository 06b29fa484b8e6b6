import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';
import { CheckIcon } from './icons';

interface ThanksScreenProps {
  language: Language;
  alreadyRated: boolean;
}

export function ThanksScreen({ language, alreadyRated }: ThanksScreenProps) {
  const t = useKioskT(language);
  useSpokenPrompt(language, alreadyRated ? t('thanks.alreadyRated') : `${t('thanks.title')} ${t('thanks.body')}`);
  return (
    <main className="screen screen--centred screen--thanks" data-testid="screen-thanks">
      <div className="thanks__icon">
        <CheckIcon />
      </div>
      <h1 className="screen__title">{t('thanks.title')}</h1>
      {alreadyRated ? (
        <p className="screen__text" data-testid="thanks-already-rated">
          {t('thanks.alreadyRated')}
        </p>
      ) : (
        <p className="screen__text">{t('thanks.body')}</p>
      )}
    </main>
  );
}
