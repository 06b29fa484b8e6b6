import type { Language } from '../../../main/contract';
import type { AccessChoices, AccessOption } from '../kiosk-flow';
import { useKioskT } from '../use-kiosk-t';
import { ContrastIcon, LargeTextIcon, LowReachIcon, SpeakerIcon } from './icons';

interface AccessBarProps {
  language: Language;
  access: AccessChoices;
  onToggle: (option: AccessOption) => void;
}

const OPTIONS = [
  ['largeText', LargeTextIcon],
  ['highContrast', ContrastIcon],
  ['lowReach', LowReachIcon],
  ['audioGuidance', SpeakerIcon],
] as const;

/** Large text, high contrast, lower screen and audio guidance: on every screen, one tap each, pressed until tapped again. */
export function AccessBar({ language, access, onToggle }: AccessBarProps) {
  const t = useKioskT(language);
  return (
    // A tap here must not also start the visit on the attract screen underneath.
    <div
      className="access-bar"
      role="group"
      aria-label={t('access.title')}
      data-testid="access-bar"
      onClick={(event) => event.stopPropagation()}
    >
      {OPTIONS.map(([option, Icon]) => (
        <button
          key={option}
          type="button"
          className="access-button"
          aria-pressed={access[option]}
          data-testid={`access-${option}`}
          onClick={() => onToggle(option)}
        >
          <Icon />
          <span>{t(`access.${option}`)}</span>
        </button>
      ))}
    </div>
  );
}
