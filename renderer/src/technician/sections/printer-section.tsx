import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterReport, SerialPortChoice } from '../../../../main/contract';
import { OutcomeView, SaveBar, SelectField, TextField } from '../fields';
import type { EffectiveSettings, SaveOutcome } from '../settings-types';
import { refusalProblems, sessionEnded, useTechnician } from '../technician-context';
import type { SettingsSectionProps } from './section-props';

type PrinterSettings = EffectiveSettings['printer'];

const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
const DATA_BITS: readonly PrinterSettings['dataBits'][] = [8, 7, 6, 5];
const PARITIES: readonly PrinterSettings['parity'][] = ['none', 'even', 'odd', 'mark', 'space'];
const STOP_BITS: readonly PrinterSettings['stopBits'][] = [1, 1.5, 2];
const FLOW_CONTROLS: readonly PrinterSettings['flowControl'][] = ['none', 'rtscts', 'xonxoff'];
const VIRTUAL = '';

const plain = <T extends string | number>(values: readonly T[]) =>
  values.map((value) => ({ value, label: String(value) }));

/** The printer: model, port and line settings, a test page, and what it says now. */
export function PrinterSection({
  effective,
  save,
  printerProfiles,
}: SettingsSectionProps & { printerProfiles: string[] }) {
  const { t } = useTranslation('technician');
  const { api, token, close } = useTechnician();
  const [draft, setDraft] = useState<PrinterSettings>(effective.printer);
  const [ports, setPorts] = useState<SerialPortChoice[]>([]);
  const [report, setReport] = useState<PrinterReport | null>(null);
  const [testOutcome, setTestOutcome] = useState<SaveOutcome | null>(null);
  const [testPrinted, setTestPrinted] = useState(false);
  const set = (patch: Partial<PrinterSettings>) => setDraft((current) => ({ ...current, ...patch }));

  useEffect(() => {
    api.listSerialPorts({ token }).then(setPorts, (error: unknown) => sessionEnded(error) && close());
    void api.getPrinterStatus({}).then(setReport);
    return api.on('printerStatusChanged', setReport);
  }, [api, token, close]);

  const portChoices = [
    { value: VIRTUAL, label: t('printer.virtual') },
    ...ports.map((port) => ({
      value: port.path,
      label: `${port.path}${port.manufacturer ? ` (${port.manufacturer})` : ''}`,
    })),
    ...(draft.port && !ports.some((port) => port.path === draft.port)
      ? [{ value: draft.port, label: draft.port }]
      : []),
  ];
  const testPrint = async () => {
    try {
      const answer = await api.testPrint({ token });
      setReport(answer.printer);
      setTestOutcome(null);
      setTestPrinted(true);
    } catch (error) {
      if (sessionEnded(error)) close();
      setTestPrinted(false);
      setTestOutcome({ kind: 'refused', problems: refusalProblems(error) });
    }
  };
  return (
    <>
      <PrinterStatusLine report={report} />
      <SelectField
        label={t('printer.profile')}
        value={draft.profile}
        options={plain(printerProfiles)}
        onChange={(profile) => set({ profile })}
      />
      <SelectField
        label={t('printer.port')}
        testId="technician-printer-port"
        value={draft.port ?? VIRTUAL}
        options={portChoices}
        onChange={(port) => set({ port: port === VIRTUAL ? null : port })}
      />
      <TextField
        label={t('printer.manualPort')}
        testId="technician-printer-manual-port"
        value={draft.port ?? ''}
        onChange={(port) => set({ port: port.trim() === '' ? null : port.trim() })}
      />
      <div className="technician-columns">
        <SelectField
          label={t('printer.baud')}
          value={draft.baudRate}
          options={plain(BAUD_RATES)}
          onChange={(baudRate) => set({ baudRate })}
        />
        <SelectField
          label={t('printer.dataBits')}
          value={draft.dataBits}
          options={plain(DATA_BITS)}
          onChange={(dataBits) => set({ dataBits })}
        />
        <SelectField
          label={t('printer.parity')}
          value={draft.parity}
          options={PARITIES.map((value) => ({ value, label: t(`printer.parities.${value}`) }))}
          onChange={(parity) => set({ parity })}
        />
        <SelectField
          label={t('printer.stopBits')}
          value={draft.stopBits}
          options={plain(STOP_BITS)}
          onChange={(stopBits) => set({ stopBits })}
        />
        <SelectField
          label={t('printer.flowControl')}
          value={draft.flowControl}
          options={FLOW_CONTROLS.map((value) => ({ value, label: t(`printer.flowControls.${value}`) }))}
          onChange={(flowControl) => set({ flowControl })}
        />
      </div>
      <SaveBar save={() => save({ printer: draft })} />
      <div className="technician-savebar">
        <button
          type="button"
          className="technician-button"
          data-testid="technician-test-print"
          onClick={() => void testPrint()}
        >
          {t('printer.testPrint')}
        </button>
        {testPrinted && (
          <p className="technician-outcome" role="status">
            {t('printer.testPrinted')}
          </p>
        )}
        <OutcomeView outcome={testOutcome} />
      </div>
    </>
  );
}

function PrinterStatusLine({ report }: { report: PrinterReport | null }) {
  const { t } = useTranslation('technician');
  const { t: printerT } = useTranslation('printer');
  if (!report) return null;
  return (
    <p className="technician-status" data-testid="technician-printer-status" data-can-print={report.canPrint}>
      <strong>{report.canPrint ? t('printer.ready') : t('printer.notReady')}</strong>{' '}
      {report.problems
        .map((problem) => (problem === 'paper-near-end' ? t('printer.paperNearEnd') : printerT(`problem.${problem}`)))
        .join(' ')}{' '}
      {t('printer.sinceRoll', { count: report.ticketsSinceRoll })}
    </p>
  );
}
