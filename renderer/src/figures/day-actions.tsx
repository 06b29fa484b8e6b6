import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../main/contract';

type Outcome = { kind: 'busy' | 'done' | 'failed'; text: string } | null;

const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

/** Saves a CSV string as a file: the browser's own download, so the kiosk needs no file dialog of ours. */
function saveFile(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; a moment later the URL can go.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "Download CSV" and "Print day summary", each telling how it went. */
export function DayActions({ api, token }: { api: KioskApi; token: string }) {
  const { t } = useTranslation('figures');
  const [download, setDownload] = useState<Outcome>(null);
  const [print, setPrint] = useState<Outcome>(null);

  const downloadCsv = () => {
    if (download?.kind === 'busy') return;
    setDownload({ kind: 'busy', text: '' });
    api.exportDayCsv({ token }).then(
      ({ fileName, csv }) => {
        saveFile(fileName, csv);
        setDownload({ kind: 'done', text: t('downloaded', { fileName }) });
      },
      (failure: unknown) => setDownload({ kind: 'failed', text: t('downloadFailed', { message: messageOf(failure) }) }),
    );
  };

  const printSummary = () => {
    if (print?.kind === 'busy') return;
    setPrint({ kind: 'busy', text: t('printing') });
    api.printDaySummary({ token }).then(
      () => setPrint({ kind: 'done', text: t('printed') }),
      (failure: unknown) => setPrint({ kind: 'failed', text: t('printFailed', { message: messageOf(failure) }) }),
    );
  };

  return (
    <section className="figures__actions">
      <div className="figures__action">
        <button
          type="button"
          data-testid="figures-download"
          aria-disabled={download?.kind === 'busy'}
          onClick={downloadCsv}
        >
          {t('download')}
        </button>
        <Outcome outcome={download} testId="figures-download-outcome" />
      </div>
      <div className="figures__action">
        <button type="button" data-testid="figures-print" aria-disabled={print?.kind === 'busy'} onClick={printSummary}>
          {t('print')}
        </button>
        <Outcome outcome={print} testId="figures-print-outcome" />
      </div>
    </section>
  );
}

function Outcome({ outcome, testId }: { outcome: Outcome; testId: string }) {
  if (!outcome || outcome.text === '') return null;
  return (
    <p
      className={`figures__outcome figures__outcome--${outcome.kind}`}
      role={outcome.kind === 'failed' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {outcome.text}
    </p>
  );
}
