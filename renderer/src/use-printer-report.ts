import { useEffect, useState } from 'react';
import type { KioskApi, PrinterProblem, PrinterReport } from '../../main/contract';

/** The printer as the kiosk last heard it: asked once, then kept current by events. */
export function usePrinterReport(api: KioskApi): PrinterReport | null {
  const [report, setReport] = useState<PrinterReport | null>(null);
  useEffect(() => {
    let current = true;
    api.getPrinterStatus({}).then(
      (answer) => {
        if (current) setReport((seen) => seen ?? answer);
      },
      (error: unknown) => console.error('kiosk: getPrinterStatus failed', error),
    );
    const stop = api.on('printerStatusChanged', setReport);
    return () => {
      current = false;
      stop();
    };
  }, [api]);
  return report;
}

/** Problems a visitor is told about; paper near its end is the crew's business. */
export type VisitorPrinterProblem = Exclude<PrinterProblem, 'paper-near-end'>;

export function visitorPrinterProblem(report: PrinterReport | null): VisitorPrinterProblem | null {
  return report?.problems.find((candidate) => candidate !== 'paper-near-end') ?? null;
}
