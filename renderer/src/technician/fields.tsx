import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveOutcome } from './settings-types';

/** A labelled control, label above, so long labels in any language wrap instead of clipping. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="technician-field">
      <span className="technician-field__label">{label}</span>
      {children}
    </label>
  );
}

export function TextField(props: { label: string; value: string; onChange(value: string): void; testId?: string }) {
  return (
    <Field label={props.label}>
      <input
        className="technician-input"
        value={props.value}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
}

/** Kept as text while typed, so a half-typed number is not replaced; the main process refuses what is not a number. */
export function NumberField(props: { label: string; value: number; onChange(value: number): void; testId?: string }) {
  return (
    <Field label={props.label}>
      <input
        className="technician-input"
        type="number"
        inputMode="numeric"
        value={Number.isFinite(props.value) ? props.value : ''}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.valueAsNumber)}
      />
    </Field>
  );
}

export function SelectField<T extends string | number>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  testId?: string;
}) {
  return (
    <Field label={props.label}>
      <select
        className="technician-input"
        value={String(props.value)}
        data-testid={props.testId}
        onChange={(event) => {
          const chosen = props.options.find((option) => String(option.value) === event.target.value);
          if (chosen) props.onChange(chosen.value);
        }}
      >
        {props.options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A large on/off switch, the whole row tappable. */
export function Toggle(props: { label: string; checked: boolean; onChange(checked: boolean): void; testId?: string }) {
  return (
    <label className="technician-toggle">
      <input
        type="checkbox"
        checked={props.checked}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

/** Says what a save did: applied now, waiting for a restart, or refused with every field's problem. */
export function OutcomeView({ outcome }: { outcome: SaveOutcome | null }) {
  const { t } = useTranslation('technician');
  if (!outcome) return null;
  if (outcome.kind === 'refused') {
    return (
      <div className="technician-outcome technician-outcome--refused" role="alert" data-testid="technician-outcome">
        <strong>{t('save.refused')}</strong>
        <ul>
          {outcome.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </div>
    );
  }
  const now = outcome.changed.filter((path) => !outcome.restartRequired.includes(path));
  return (
    <div className="technician-outcome" role="status" data-testid="technician-outcome">
      {outcome.changed.length === 0 && <strong>{t('save.nothingChanged')}</strong>}
      {now.length > 0 && (
        <p>
          <strong>{t('save.appliedNow')}</strong> {now.join(', ')}
        </p>
      )}
      {outcome.restartRequired.length > 0 && (
        <p>
          <strong>{t('save.restartRequired')}</strong> {outcome.restartRequired.join(', ')}
        </p>
      )}
    </div>
  );
}

/** The section's Save button; the panel shows what the save did under the form. */
export function SaveBar({ save }: { save(): Promise<SaveOutcome> }) {
  const { t } = useTranslation('technician');
  const [busy, setBusy] = useState(false);
  return (
    <div className="technician-savebar">
      <button
        type="button"
        className="technician-button technician-button--primary"
        data-testid="technician-save"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void save().finally(() => setBusy(false));
        }}
      >
        {t('save.button')}
      </button>
    </div>
  );
}
