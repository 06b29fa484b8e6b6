import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  type DayFigures,
  type DayReport,
  type Language,
  type RatingReason,
  type Ticket,
} from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { parseCsv } from '../../main/shared/csv';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { callApi } from '../support/api-call';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { deskWithPin, signInAtConsole } from '../support/console-page';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/day');
const VISITORS = 30;
const SERVICES = ['passport', 'identity-card', 'lost-document'] as const;
const PINS = { '1': '1111', '2': '2222' } as const;
type DeskId = keyof typeof PINS;

/** What happens to the i-th visitor of the day (in the order they took their tickets). */
interface Visitor {
  language: Language;
  serviceId: (typeof SERVICES)[number];
  priority: 'elderly' | null;
  /** Null: called and never came. */
  rating: { score: number; reasons: RatingReason[] } | null;
}

const SCORE_CYCLE = [5, 4, 5, 3, 1, 5, 2, 4] as const;
const REASON_FOR_LOW: Record<number, RatingReason[]> = { 1: ['waiting-time', 'staff'], 2: ['premises'] };

function planVisitor(index: number): Visitor {
  const score = SCORE_CYCLE[index % SCORE_CYCLE.length]!;
  return {
    language: LANGUAGES[index % LANGUAGES.length]!,
    serviceId: SERVICES[index % SERVICES.length]!,
    priority: index % 5 === 2 ? 'elderly' : null,
    rating: index % 6 === 5 ? null : { score, reasons: REASON_FOR_LOW[score] ?? [] },
  };
}

const PLAN = Array.from({ length: VISITORS }, (_, index) => planVisitor(index));

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

describe('a day at a bus: 30 visitors in six languages, two desks, ratings on the kiosk, figures to the visit', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let kiosk: Page;
  const desks = new Map<DeskId, Page>();
  /** Ticket number → plan index, as the kiosk gave them out. */
  const byNumber = new Map<string, number>();
  /** What each desk did, for the per-desk figures. */
  const deskOf = new Map<number, DeskId>();

  const call = <T>(name: string, input: object): Promise<T> => callApi<T>(shell.url, name, input);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-day-');
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
    const configFile = join(dir.path, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        timeZone: 'Asia/Baku',
        role: 'bus',
        defaultLanguage: 'az',
        resultScreenSeconds: 60,
        catalogPath: catalogFile,
        desks: [deskWithPin('1', PINS['1']), deskWithPin('2', PINS['2'])],
        // Ratings follow each other within a second here; a real visitor's double tap is not what is tested.
        rating: { repeatTapSeconds: 0 },
        queue: { longWaitMinutes: 24 * 60 },
      }),
    );
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    kiosk = await browser.newPage({ viewport: PORTRAIT });
    await kiosk.goto(shell.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  it('30 visitors take their tickets on the kiosk, each in their language, some with priority', async () => {
    // Every screen ignores touches for its first 350 ms (a guard against double taps), so a visitor
    // takes seconds; two kiosk screens of the same device share the queue to keep the day short.
    const second = await browser.newPage({ viewport: PORTRAIT });
    await second.goto(shell.url);
    const takeTickets = async (screen: Page, indices: number[]) => {
      for (const index of indices) {
        const visitor = PLAN[index]!;
        await screen.getByTestId('screen-attract').click();
        await screen.getByTestId(`language-${visitor.language}`).click();
        await screen.getByTestId('provider-internal-affairs').click();
        await screen.getByTestId('category-ia-documents').click();
        await screen.getByTestId(`service-${visitor.serviceId}`).click();
        await screen.getByTestId(visitor.priority ? `take-priority-${visitor.priority}` : 'take-ticket').click();
        await screen.getByTestId('screen-ticket').waitFor();
        byNumber.set(await screen.getByTestId('ticket-number').innerText(), index);
        await screen.getByTestId('ticket-done').click();
        await screen.getByTestId('screen-attract').waitFor();
      }
    };
    const indices = PLAN.map((_, index) => index);
    await Promise.all([
      takeTickets(
        kiosk,
        indices.filter((index) => index % 2 === 0),
      ),
      takeTickets(
        second,
        indices.filter((index) => index % 2 === 1),
      ),
    ]);
    // From here on one kiosk screen asks for the ratings.
    await second.close();
    expect(byNumber.size).toBe(VISITORS);
    const stored = await call<Ticket[]>('listTodayTickets', {});
    expect(stored).toHaveLength(VISITORS);
    for (const ticket of stored) {
      const visitor = PLAN[byNumber.get(ticket.number)!]!;
      expect(ticket, ticket.number).toMatchObject({
        language: visitor.language,
        serviceId: visitor.serviceId,
        priority: visitor.priority,
        state: 'waiting',
      });
    }
  }, 120_000);

  it('two desks call, serve, finish or mark no-show; the kiosk asks each served visitor for a rating in their language', async () => {
    for (const id of ['1', '2'] as const) {
      const page = await browser.newPage({ viewport: LANDSCAPE });
      await signInAtConsole(page, shell.url, id, PINS[id], 'en');
      desks.set(id, page);
    }
    await expect.poll(() => desks.get('1')!.getByTestId('waiting-count').getAttribute('data-count')).toBe('30');

    for (let turn = 0; turn < VISITORS; turn++) {
      const id: DeskId = turn % 2 === 0 ? '1' : '2';
      const desk = desks.get(id)!;
      await desk.getByTestId('action-callNext').click();
      await expect.poll(() => desk.getByTestId('current-state').getAttribute('data-state')).toBe('called');
      const number = await desk.getByTestId('current-number').innerText();
      const index = byNumber.get(number)!;
      const visitor = PLAN[index]!;
      deskOf.set(index, id);
      if (visitor.rating === null) {
        await desk.getByTestId('action-noShow').click();
        await expect.poll(() => desk.getByTestId('current-visit').getAttribute('data-state')).toBe('free');
        continue;
      }
      await desk.getByTestId('action-start').click();
      await expect.poll(() => desk.getByTestId('current-state').getAttribute('data-state')).toBe('serving');
      await desk.getByTestId('action-finish').click();
      await expect.poll(() => desk.getByTestId('current-visit').getAttribute('data-state')).toBe('free');

      // The kiosk interrupts its start screen (or the last thanks) for this visitor's rating.
      await expect
        .poll(() =>
          kiosk
            .getByTestId('rating-ticket-number')
            .innerText()
            .catch(() => ''),
        )
        .toContain(number);
      expect(await kiosk.locator('html').getAttribute('lang')).toBe(visitor.language);
      await kiosk.getByTestId(`rating-face-${visitor.rating.score}`).click();
      await kiosk.getByTestId('rating-saved').waitFor();
      for (const reason of visitor.rating.reasons) await kiosk.getByTestId(`rating-reason-${reason}`).click();
      await kiosk.getByTestId('rating-done').click();
      await kiosk.getByTestId('screen-thanks').waitFor();
    }
    const nothingLeft = await call<Ticket | null>('callNext', {
      token: (await call<{ token: string }>('deskSignIn', { deskId: '1', pin: PINS['1'] })).token,
    });
    expect(nothingLeft).toBeNull();
  }, 180_000);

  it('the figures match what happened, exactly: over the API, on the console and in the CSV', async () => {
    const token = (await call<{ token: string }>('deskSignIn', { deskId: '2', pin: PINS['2'] })).token;
    const report = await call<DayReport>('getDayReport', { token });
    const tickets = await call<Ticket[]>('listTodayTickets', {});

    const expected = (indices: number[]): Omit<DayFigures, 'averageWaitMinutes' | 'averageServiceMinutes'> => {
      const rated = indices.map((i) => PLAN[i]!.rating).filter((r) => r !== null);
      const distribution = [1, 2, 3, 4, 5].map((s) => rated.filter((r) => r.score === s).length);
      return {
        tickets: indices.length,
        served: rated.length,
        noShows: indices.length - rated.length,
        open: 0,
        // Each visit here lasts seconds against standards of minutes.
        withinStandardShare: rated.length ? 1 : null,
        // Every ticket of this day printed: none is left without a confirmed print.
        printNotConfirmed: 0,
        ratings: {
          count: rated.length,
          average: mean(rated.map((r) => r.score)),
          distribution: distribution as DayFigures['ratings']['distribution'],
          // Every served visitor here was shown the rating screen and answered.
          offered: rated.length,
          responseRate: rated.length ? 1 : null,
        },
      };
    };
    const all = PLAN.map((_, i) => i);
    expect(report.totals).toMatchObject(expected(all));
    const served = tickets.filter((t) => t.state === 'done');
    const called = tickets.filter((t) => t.calledAt !== null);
    expect(report.totals.averageWaitMinutes).toBeCloseTo(mean(called.map((t) => minutes(t.issuedAt, t.calledAt!)))!, 9);
    expect(report.totals.averageServiceMinutes).toBeCloseTo(
      mean(served.map((t) => minutes(t.servingStartedAt!, t.visitEndedAt!)))!,
      9,
    );
    for (const serviceId of SERVICES) {
      const figures = report.byService.find((s) => s.serviceId === serviceId);
      expect(figures, serviceId).toMatchObject(expected(all.filter((i) => PLAN[i]!.serviceId === serviceId)));
    }
    for (const deskId of ['1', '2'] as const) {
      const figures = report.byDesk.find((d) => d.deskId === deskId);
      expect(figures, `desk ${deskId}`).toMatchObject(expected(all.filter((i) => deskOf.get(i) === deskId)));
    }
    expect(report.hours.reduce((sum, hour) => sum + hour.issued, 0)).toBe(VISITORS);
    expect(report.hours.reduce((sum, hour) => sum + hour.served, 0)).toBe(served.length);

    // The console's "Day figures" tab shows the same totals.
    const desk = desks.get('1')!;
    await desk.getByTestId('tab-figures').click();
    await desk.getByTestId('figures-panel').waitFor();
    await expect.poll(() => desk.getByTestId('figure-tickets-value').innerText()).toBe(String(VISITORS));
    expect(await desk.getByTestId('figure-served-value').innerText()).toBe(String(report.totals.served));
    expect(await desk.getByTestId('figure-noShows-value').innerText()).toBe(String(report.totals.noShows));
    expect(await desk.getByTestId('figure-open-value').innerText()).toBe('0');
    for (const score of [1, 2, 3, 4, 5]) {
      expect(await desk.getByTestId(`figure-score-${score}`).innerText(), `score ${score}`).toContain(
        String(report.totals.ratings.distribution[score - 1]),
      );
    }
    await desk.screenshot({ path: join(SCREENSHOTS, 'console-figures-en-landscape.png') });
    await desk.setViewportSize(PORTRAIT);
    await desk.screenshot({ path: join(SCREENSHOTS, 'console-figures-en-portrait.png') });

    // The CSV: one row per visit, with its state, score and reasons.
    const { csv } = await call<{ fileName: string; csv: string }>('exportDayCsv', { token });
    writeFileSync(join(SCREENSHOTS, 'day.csv'), csv);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(VISITORS);
    const column = (name: string) => header!.indexOf(name);
    for (const row of rows) {
      const number = row[column('number')]!;
      const visitor = PLAN[byNumber.get(number)!]!;
      expect(
        {
          state: row[column('state')],
          score: row[column('score')],
          reasons: row[column('reasons')],
          language: row[column('language')],
          desk: row[column('desk')],
        },
        number,
      ).toEqual({
        state: visitor.rating ? 'done' : 'no-show',
        score: visitor.rating ? String(visitor.rating.score) : '',
        reasons: visitor.rating ? visitor.rating.reasons.join(';') : '',
        language: visitor.language,
        desk: deskOf.get(byNumber.get(number)!),
      });
    }
  }, 60_000);
});
