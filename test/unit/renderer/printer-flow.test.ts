import { describe, expect, it } from 'vitest';
import { UNKNOWN_PRINTER_STATUS, type PrinterReport, type PrinterProblem } from '../../../main/contract';
import { initialFlowState, kioskFlow, type FlowState } from '../../../renderer/src/kiosk-flow';
import { screenTimeoutMs } from '../../../renderer/src/screen-timeouts';

const timing = { resultScreenSeconds: 12, idle: { seconds: 70, warningSeconds: 20 } };
import { visitorPrinterProblem } from '../../../renderer/src/use-printer-report';
import { ticket } from './fixtures';

const printing: FlowState = {
  ...initialFlowState('ru'),
  screen: { name: 'printing', serviceId: 'passport', from: { name: 'services' } },
};

describe('kiosk flow when the printer fails', () => {
  it('shows a failed ticket, then the same ticket with its new outcome once it is printed again', () => {
    const failed = ticket({ id: 7, printStatus: 'failed', printError: 'paper-out' });
    const shown = kioskFlow(printing, { type: 'ticketIssued', ticket: failed });
    expect(shown.screen).toEqual({ name: 'ticket', ticket: failed });
    const reprinted = kioskFlow(shown, { type: 'ticketReprinted', ticket: { ...failed, printStatus: 'printed' } });
    expect(reprinted.screen).toMatchObject({ name: 'ticket', ticket: { id: 7, printStatus: 'printed' } });
  });

  it('ignores a reprint outcome for a ticket no longer on screen', () => {
    const shown = kioskFlow(printing, { type: 'ticketIssued', ticket: ticket({ id: 7, printStatus: 'failed' }) });
    expect(kioskFlow(shown, { type: 'ticketReprinted', ticket: ticket({ id: 8 }) })).toBe(shown);
    const home = kioskFlow(shown, { type: 'done' });
    expect(kioskFlow(home, { type: 'ticketReprinted', ticket: ticket({ id: 7 }) })).toBe(home);
  });

  it('tells a refusal because of the printer apart from other failures', () => {
    expect(kioskFlow(printing, { type: 'issueFailed', printerUnavailable: true }).screen).toEqual({
      name: 'issue-failed',
      printerUnavailable: true,
    });
    expect(kioskFlow(printing, { type: 'issueFailed', printerUnavailable: false }).screen).toEqual({
      name: 'issue-failed',
    });
  });

  it('keeps a number shown instead of printed on screen as long as an idle visitor, not the short result time', () => {
    expect(screenTimeoutMs({ name: 'ticket', ticket: ticket({ printStatus: 'failed' }) }, timing)).toBe(90_000);
    expect(screenTimeoutMs({ name: 'ticket', ticket: ticket({ printStatus: 'printed' }) }, timing)).toBe(12_000);
  });
});

describe('visitorPrinterProblem', () => {
  const report = (problems: PrinterProblem[]): PrinterReport => ({
    profile: 'epson-tm-t20iii',
    status: UNKNOWN_PRINTER_STATUS,
    problems,
    canPrint: false,
    ticketsSinceRoll: 0,
    rollSince: null,
  });

  it('names the first fault, never paper near end, which is for the crew', () => {
    expect(visitorPrinterProblem(report(['cover-open', 'paper-out']))).toBe('cover-open');
    expect(visitorPrinterProblem(report(['paper-near-end']))).toBeNull();
    expect(visitorPrinterProblem(report(['paper-near-end', 'offline']))).toBe('offline');
    expect(visitorPrinterProblem(null)).toBeNull();
  });
});
