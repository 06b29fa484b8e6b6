import './enrol.css';
import { useEffect, useEffectEvent, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, LANGUAGES, type KioskApi, type Language } from '../../../main/contract';
import { addressWithout, type HallCredential } from '../api/hall-credential';
import {
  deviceName,
  ENROL_CODE_DIGITS,
  enrolCodeDigits,
  enrolCodeFromFragment,
  enrolCommand,
  enrolErrorKind,
  formatEnrolCode,
  type EnrolErrorKind,
  type EnrolPage,
} from './enrol-code';

const PAD_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export interface EnrolScreenProps {
  api: KioskApi;
  credential: HallCredential;
  /** Which page this is: the role its code needs, the name it enrols under. */
  page: EnrolPage;
  /** The desk the page serves, when it knows one (a rating tablet's ?desk=2, a console's last desk). */
  deskId?: string | null;
  /** Whether the page's language was chosen (its address, this tablet); if not, the kiosk's default language is used. */
  languageChosen: boolean;
  /** Told when staff pick a language here (the console keeps it for this tablet). */
  onPickLanguage?: (language: Language) => void;
  /** After enrolling: the page loads again, now with its credential. */
  onEnrolled?: () => void;
}

/**
 * The one screen a hall device's page shows while the hall server does not know it (never enrolled,
 * or revoked): what to ask the technician for, and a large pad to type the 8-digit code on (or a
 * keyboard). The code is traded for the device's credential (hallEnrol), which is kept, and the
 * page loads again. Nothing else is sent meanwhile (http-transport.ts), so it waits calmly.
 */
export function EnrolScreen({
  api,
  credential,
  page,
  deskId,
  languageChosen,
  onPickLanguage,
  onEnrolled = () => window.location.reload(),
}: EnrolScreenProps) {
  const { t, i18n } = useTranslation('enrol');
  // Opened from the QR code on the technician screen (…/hall.html#enrol=12345678): the code is
  // sent as if typed, at once (below).
  const [fromAddress] = useState(() =>
    typeof window === 'undefined' ? null : enrolCodeFromFragment(window.location.hash),
  );
  const [digits, setDigits] = useState(fromAddress ?? '');
  const [busy, setBusy] = useState(fromAddress !== null);
  const [enrolled, setEnrolled] = useState(false);
  const [error, setError] = useState<EnrolErrorKind | null>(null);
  const picked = useRef(false);
  const codeField = useRef<HTMLInputElement>(null);
  const name = deviceName(page, deskId);
  const language = i18n.language as Language;

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // Without a language chosen for this page, the screen speaks the hall's default (answered without a credential).
  useEffect(() => {
    if (languageChosen) return;
    api.getKioskInfo({}).then(
      (info) => {
        if (!picked.current) void i18n.changeLanguage(info.defaultLanguage);
      },
      () => undefined,
    );
  }, [api, i18n, languageChosen]);

  const type = (update: (value: string) => string) => {
    if (busy || enrolled) return;
    setError(null);
    setDigits((value) => enrolCodeDigits(update(value)));
  };

  /** Trades the code for the credential; the screen shows it busy meanwhile. */
  const enrolWith = (code: string) =>
    api.hallEnrol({ code: formatEnrolCode(code), name }).then(
      ({ token }) => {
        credential.keep(token);
        setEnrolled(true);
        onEnrolled();
      },
      (failure: unknown) => {
        setError(enrolErrorKind(failure));
        setBusy(false);
      },
    );

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (busy || enrolled) return;
    if (digits.length !== ENROL_CODE_DIGITS) {
      setError('incomplete');
      return;
    }
    setBusy(true);
    setError(null);
    void enrolWith(digits);
  };

  // The code from the address is sent once, and taken out of the address so a reload does not send it again.
  const addressSent = useRef(false);
  const sendFromAddress = useEffectEvent(() => {
    if (fromAddress === null || addressSent.current) return;
    addressSent.current = true;
    window.history.replaceState(window.history.state, '', addressWithout(window.location, 'enrol'));
    void enrolWith(fromAddress);
  });
  useEffect(() => sendFromAddress(), []);

  // A hall display often has a keyboard and no touch: digits typed anywhere go into the code, and
  // the code field takes the keys from then on (Enter there sends the code).
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    // The code field and the language list take their own keys; Enter on a button presses it.
    if (target?.closest('input, select') || (event.key === 'Enter' && target?.closest('button'))) return;
    if (/^\d$/.test(event.key)) type((value) => value + event.key);
    else if (event.key === 'Backspace') type((value) => value.slice(0, -1));
    else if (event.key === 'Enter') submit();
    else return;
    event.preventDefault();
    codeField.current?.focus();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const pickLanguage = (lng: Language) => {
    picked.current = true;
    onPickLanguage?.(lng);
    void i18n.changeLanguage(lng);
  };

  return (
    <main className="enrol" data-testid="screen-enrol" data-page={page}>
      <div className="enrol__panel">
        <section className="enrol__about">
          <p className="enrol__page">{t(`page.${page}`)}</p>
          <h1 className="enrol__title">{t('title')}</h1>
          <p className="enrol__ask">{t('ask')}</p>
          <p className="enrol__how">{t('how')}</p>
          <code className="enrol__command" data-testid="enrol-command">
            {enrolCommand(page, name)}
          </code>
          <label className="enrol__language">
            <span>{t('language')}</span>
            <select
              data-testid="enrol-language"
              value={language}
              onChange={(event) => pickLanguage(event.target.value as Language)}
            >
              {LANGUAGES.map((lng) => (
                <option key={lng} value={lng} lang={lng}>
                  {LANGUAGE_AUTONYMS[lng]}
                </option>
              ))}
            </select>
          </label>
        </section>
        <form className="enrol__form" onSubmit={submit}>
          <label className="enrol__field">
            <span>{t('code')}</span>
            <input
              ref={codeField}
              data-testid="enrol-code"
              value={formatEnrolCode(digits)}
              placeholder="0000-0000"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              maxLength={ENROL_CODE_DIGITS + 1}
              onChange={(event) => type(() => event.target.value)}
            />
          </label>
          {error && (
            <p className="enrol__error" role="alert" data-testid="enrol-error" data-error={error}>
              {t(`error.${error}`)}
            </p>
          )}
          {enrolled && (
            <p className="enrol__done" role="status" data-testid="enrol-done">
              {t('enrolled')}
            </p>
          )}
          <div className="enrol__pad" role="group" aria-label={t('pad')}>
            {PAD_DIGITS.map((digit) => (
              <button
                key={digit}
                type="button"
                data-testid={`enrol-pad-${digit}`}
                onClick={() => type((v) => v + digit)}
              >
                {digit}
              </button>
            ))}
            <button
              type="button"
              className="enrol__pad-word"
              data-testid="enrol-pad-clear"
              onClick={() => type(() => '')}
            >
              {t('clear')}
            </button>
            <button type="button" data-testid="enrol-pad-0" onClick={() => type((v) => v + '0')}>
              0
            </button>
            <button
              type="button"
              data-testid="enrol-pad-back"
              aria-label={t('backspace')}
              onClick={() => type((v) => v.slice(0, -1))}
            >
              ⌫
            </button>
          </div>
          <button type="submit" className="enrol__submit" data-testid="enrol-submit" aria-disabled={busy || enrolled}>
            {busy ? t('submitting') : t('submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
