import type { Language } from '../../../main/contract';
import { KEYBOARD_LETTERS } from '../keyboard-layouts';
import { useKioskT } from '../use-kiosk-t';
import { BackspaceIcon } from './icons';

interface OnScreenKeyboardProps {
  language: Language;
  value: string;
  onChange: (value: string) => void;
  /** Other keys than the language's alphabet, such as a ticket number's group letters and digits; no space key then. */
  keys?: readonly string[];
}

/** Big letter keys in the visitor's alphabet, with space, delete-a-letter and clear. */
export function OnScreenKeyboard({ language, value, onChange, keys }: OnScreenKeyboardProps) {
  const t = useKioskT(language);
  return (
    <div className="keyboard" data-testid="keyboard" lang={language}>
      <div className="keyboard__letters">
        {(keys ?? KEYBOARD_LETTERS[language]).map((letter) => (
          <button
            key={letter}
            type="button"
            className="key"
            data-testid={`key-${letter}`}
            onClick={() => onChange(value + letter)}
          >
            {letter}
          </button>
        ))}
      </div>
      <div className="keyboard__controls">
        {!keys && (
          <button type="button" className="key key--wide" data-testid="key-space" onClick={() => onChange(`${value} `)}>
            {t('keyboard.space')}
          </button>
        )}
        <button
          type="button"
          className="key key--wide"
          data-testid="key-backspace"
          aria-label={t('keyboard.backspace')}
          onClick={() => onChange([...value].slice(0, -1).join(''))}
        >
          <BackspaceIcon />
        </button>
        <button type="button" className="key key--wide" data-testid="key-clear" onClick={() => onChange('')}>
          {t('keyboard.clear')}
        </button>
      </div>
    </div>
  );
}
