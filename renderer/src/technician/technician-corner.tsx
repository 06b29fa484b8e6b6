import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskApiError, MIN_NEW_PIN_DIGITS } from '../../../main/contract';
import type { KioskApi } from '../../../main/contract';
import { TechnicianPanel } from './technician-panel';
import './technician.css';

/** Five taps in the top-left corner within three seconds open the PIN pad; visitors never find it by chance. */
export const UNLOCK_TAPS = 5;
export const UNLOCK_WINDOW_MS = 3000;
/** The corner's side, as a share of the screen's shorter side. */
const CORNER_FRACTION = 0.1;
const MAX_PIN_DIGITS = 12;

type View = { kind: 'pin' } | { kind: 'change-pin'; token: string } | { kind: 'panel'; token: string };

/**
 * Technician mode over the kiosk: the hidden unlock, then the technician's session. The PIN is only
 * passed to the main process, which checks it.
 */
export function TechnicianCorner({ api }: { api: KioskApi }) {
  const [open, setOpen] = useState(false);
  const taps = useRef<number[]>([]);

  // Listened to on the whole document, before the screens see the tap, and never stopped: a
  // control a visitor taps in that corner still works.
  useEffect(() => {
    if (open) return;
    const onPointerDown = (event: PointerEvent) => {
      const corner = Math.min(window.innerWidth, window.innerHeight) * CORNER_FRACTION;
      if (event.clientX > corner || event.clientY > corner) return;
      const now = Date.now();
      taps.current = [...taps.current.filter((at) => now - at < UNLOCK_WINDOW_MS), now];
      if (taps.current.length >= UNLOCK_TAPS) {
        taps.current = [];
        setOpen(true);
      }
    };
    document.addEventListener('pointerdown', onPointerDown, { capture: true });
    return () => document.removeEventListener('pointerdown', onPointerDown, { capture: true });
  }, [open]);
  const close = useCallback(() => setOpen(false), []);
  return open ? <TechnicianSession api={api} onEnd={close} /> : null;
}

/**
 * A technician's session: the PIN pad, the forced change of the first-run PIN, then the panel.
 * `onEnd`: the technician cancelled, closed the panel, or the session ended.
 */
export function TechnicianSession({ api, onEnd }: { api: KioskApi; onEnd(): void }) {
  const [view, setView] = useState<View>({ kind: 'pin' });
  if (view.kind === 'pin') {
    return (
      <UnlockPad
        api={api}
        onCancel={onEnd}
        onUnlocked={(token, mustChangePin) => setView({ kind: mustChangePin ? 'change-pin' : 'panel', token })}
      />
    );
  }
  if (view.kind === 'change-pin') {
    return (
      <ChangePinPad
        api={api}
        token={view.token}
        onCancel={onEnd}
        onChanged={() => setView({ ...view, kind: 'panel' })}
      />
    );
  }
  return <TechnicianPanel api={api} token={view.token} onClose={onEnd} />;
}

function UnlockPad(props: {
  api: KioskApi;
  onCancel(): void;
  onUnlocked(token: string, mustChangePin: boolean): void;
}) {
  const { t } = useTranslation('technician');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (pin: string) => {
    try {
      const session = await props.api.technicianUnlock({ pin });
      props.onUnlocked(session.token, session.mustChangePin);
    } catch (error) {
      if (!(error instanceof KioskApiError)) throw error;
      const messages: Partial<Record<KioskApiError['code'], string>> = {
        'technician-locked': t('pinPad.lockedLonger'),
        'wrong-pin': t('pinPad.wrongPin'),
        'technician-not-from-lan': t('pinPad.notFromLan'),
        'pin-attempts-limited': t('pinPad.limited'),
      };
      const message = messages[error.code];
      if (message === undefined) throw error;
      setMessage(message);
    }
  };
  return (
    <PinPad
      purpose="unlock"
      title={t('pinPad.title')}
      prompt={t('pinPad.prompt')}
      submitLabel={t('pinPad.unlock')}
      message={message}
      onSubmit={submit}
      onCancel={props.onCancel}
    />
  );
}

function ChangePinPad(props: { api: KioskApi; token: string; onCancel(): void; onChanged(): void }) {
  const { t } = useTranslation('technician');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (newPin: string) => {
    try {
      await props.api.changeTechnicianPin({ token: props.token, newPin });
      props.onChanged();
    } catch (error) {
      if (!(error instanceof KioskApiError)) throw error;
      setMessage(error.code === 'technician-session-required' ? t('sessionEnded') : t('changePin.explainSix'));
    }
  };
  return (
    <PinPad
      purpose="change-pin"
      title={t('changePin.title')}
      prompt={t('changePin.explainSix')}
      minDigits={MIN_NEW_PIN_DIGITS}
      submitLabel={t('changePin.save')}
      message={message}
      onSubmit={submit}
      onCancel={props.onCancel}
    />
  );
}

interface PinPadProps {
  /** What the PIN is for; tests tell the two pads apart by it. */
  purpose: 'unlock' | 'change-pin';
  title: string;
  prompt: string;
  submitLabel: string;
  message: string | null;
  /** Digits before the PIN can be sent: 4 to unlock (older PINs still open), 6 for a new PIN. */
  minDigits?: number;
  onSubmit(pin: string): Promise<void>;
  onCancel(): void;
}

function PinPad({ purpose, title, prompt, submitLabel, message, minDigits = 4, onSubmit, onCancel }: PinPadProps) {
  const { t } = useTranslation('technician');
  const [digits, setDigits] = useState('');
  const [busy, setBusy] = useState(false);
  const press = (digit: string) =>
    setDigits((current) => (current.length < MAX_PIN_DIGITS ? current + digit : current));
  const submit = () => {
    setBusy(true);
    setDigits('');
    void onSubmit(digits).finally(() => setBusy(false));
  };
  return (
    <div
      className="technician-overlay"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      data-testid="technician-pin-pad"
      data-purpose={purpose}
    >
      <h1 className="technician-title">{title}</h1>
      <p className="technician-prompt">{prompt}</p>
      <output className="technician-pin" data-testid="technician-pin" aria-live="polite">
        {'●'.repeat(digits.length) || '\u00a0'}
      </output>
      <p className="technician-message" role="alert" data-testid="technician-message">
        {message ?? '\u00a0'}
      </p>
      <div className="technician-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => (
          <button key={digit} type="button" className="technician-key" onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" className="technician-key technician-key--word" onClick={() => setDigits('')}>
          {t('pinPad.clear')}
        </button>
        <button type="button" className="technician-key" onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          className="technician-key technician-key--primary"
          disabled={busy || digits.length < minDigits}
          onClick={submit}
        >
          {submitLabel}
        </button>
      </div>
      <button type="button" className="technician-button" onClick={onCancel}>
        {t('pinPad.cancel')}
      </button>
    </div>
  );
}
