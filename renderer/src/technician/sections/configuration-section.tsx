import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OutcomeView, Toggle } from '../fields';
import type { SaveOutcome } from '../settings-types';
import { refusalProblems, sessionEnded, useTechnician } from '../technician-context';

/** Export of the whole configuration to one file, and import of one made on another kiosk (fleets). */
export function ConfigurationSection() {
  const { t } = useTranslation('technician');
  const { api, token, close } = useTechnician();
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  // PIN hashes and the API token stay out of an export unless the technician asks for them.
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const failed = (error: unknown) => {
    if (sessionEnded(error)) close();
    setOutcome({ kind: 'refused', problems: refusalProblems(error) });
  };
  const exportFile = async () => {
    try {
      const { settings } = await api.exportConfiguration({ token, includeSecrets });
      const url = URL.createObjectURL(
        new Blob([`${JSON.stringify(settings, null, 2)}\n`], { type: 'application/json' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = 'kiosk-config.json';
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      failed(error);
    }
  };
  const importFile = async (file: File) => {
    try {
      const parsed: unknown = JSON.parse(await file.text());
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error(t('configuration.notAnObject'));
      }
      await api.importConfiguration({ token, settings: parsed as Record<string, unknown> });
      setOutcome({ kind: 'applied', changed: [file.name], restartRequired: [file.name] });
    } catch (error) {
      failed(error);
    }
  };
  return (
    <>
      <p>{t('configuration.explain')}</p>
      <Toggle
        label={t('configuration.includeSecrets')}
        checked={includeSecrets}
        onChange={setIncludeSecrets}
        testId="technician-export-secrets"
      />
      <p>{t('configuration.secretsNote')}</p>
      <button
        type="button"
        className="technician-button technician-button--primary"
        data-testid="technician-export"
        onClick={() => void exportFile()}
      >
        {t('configuration.export')}
      </button>
      {/* The browser's own file button speaks English only: a labelled button of ours opens the chooser. */}
      <label className="technician-button technician-file">
        {t('configuration.import')}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="technician-import"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Emptied, so choosing the same file again (after fixing it) imports it again.
            event.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </label>
      <OutcomeView outcome={outcome} />
    </>
  );
}
