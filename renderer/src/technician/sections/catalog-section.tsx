import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogImportPreview, Language } from '../../../../main/contract';
import { OutcomeView } from '../fields';
import type { SaveOutcome } from '../settings-types';
import { refusalProblems, sessionEnded, useTechnician } from '../technician-context';

type Format = 'json' | 'csv';

/** A file's format from its name; pasted text from its first character. */
const formatOf = (name: string | null, text: string): Format =>
  name ? (name.toLowerCase().endsWith('.csv') ? 'csv' : 'json') : text.trimStart().startsWith('{') ? 'json' : 'csv';

/** Catalog import: paste or load a file, see its counts and every problem, then apply it. */
export function CatalogSection() {
  const { t, i18n } = useTranslation('technician');
  const { api, token, close } = useTechnician();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<CatalogImportPreview | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const format = formatOf(fileName, text);
  const failed = (error: unknown) => {
    if (sessionEnded(error)) close();
    setOutcome({ kind: 'refused', problems: refusalProblems(error) });
  };
  const check = async () => {
    setOutcome(null);
    try {
      setPreview(await api.previewCatalogImport({ token, text, format }));
    } catch (error) {
      failed(error);
    }
  };
  const apply = async () => {
    try {
      await api.applyCatalogImport({ token, text, format });
      setOutcome({ kind: 'applied', changed: ['catalog'], restartRequired: [] });
    } catch (error) {
      failed(error);
    }
  };
  const language = i18n.language as Language;
  return (
    <>
      {/* The browser's own file button speaks English only: a labelled button of ours opens the chooser. */}
      <label className="technician-button technician-file">
        {t('catalog.file')}
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          data-testid="technician-catalog-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            setFileName(file.name);
            setPreview(null);
            void file.text().then(setText);
          }}
        />
      </label>
      <label className="technician-field">
        <span className="technician-field__label">{t('catalog.paste')}</span>
        <textarea
          className="technician-input technician-textarea"
          value={text}
          data-testid="technician-catalog-text"
          onChange={(event) => {
            setText(event.target.value);
            setFileName(null);
            setPreview(null);
          }}
        />
      </label>
      <div className="technician-savebar">
        <button
          type="button"
          className="technician-button"
          data-testid="technician-catalog-preview"
          disabled={text.trim() === ''}
          onClick={() => void check()}
        >
          {t('catalog.preview', { format: format.toUpperCase() })}
        </button>
        <button
          type="button"
          className="technician-button technician-button--primary"
          data-testid="technician-catalog-apply"
          disabled={!preview || preview.problems.length > 0}
          onClick={() => void apply()}
        >
          {t('catalog.apply')}
        </button>
      </div>
      {preview && preview.problems.length > 0 && (
        <div className="technician-outcome technician-outcome--refused" data-testid="technician-catalog-problems">
          <strong>{t('catalog.problems', { count: preview.problems.length })}</strong>
          <ol>
            {preview.problems.map((problem, index) => (
              <li key={index}>
                {[problem.entry, problem.field].filter(Boolean).join(' → ')}
                {problem.entry || problem.field ? ': ' : ''}
                {problem.message}
              </li>
            ))}
          </ol>
        </div>
      )}
      {preview && preview.problems.length === 0 && (
        <table className="technician-table" data-testid="technician-catalog-counts">
          <thead>
            <tr>
              <th>{t('catalog.provider')}</th>
              <th>{t('catalog.categories')}</th>
              <th>{t('catalog.services')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.providers.map((provider) => (
              <tr key={provider.id}>
                <td>{provider.name[language] ?? provider.id}</td>
                <td>{provider.categories}</td>
                <td>{provider.services}</td>
              </tr>
            ))}
            <tr>
              <th>{t('catalog.total', { count: preview.totals.providers })}</th>
              <th>{preview.totals.categories}</th>
              <th>{preview.totals.services}</th>
            </tr>
          </tbody>
        </table>
      )}
      <OutcomeView outcome={outcome} />
    </>
  );
}
