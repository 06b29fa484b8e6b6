import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language, type Ticket } from '../../../main/contract';
import { initI18n } from '../../../renderer/src/i18n';
import { TicketScreen } from '../../../renderer/src/screens/ticket-screen';
import { ticket } from './fixtures';

/**
 * The ticket screen's wait: the people ahead and the estimate, or, for a ticket a kiosk of a hall
 * numbered from its own block while the hall server was away (issuedOffline), that the wait is not
 * known yet and the visitor keeps their place, in the words the paper prints.
 */

interface KioskWait {
  wait: { unknown: string; placeKept: string; noneAhead: string; noDesk: string };
}
interface PrinterTicket {
  ticket: { waitUnknown: string; placeKept: string };
}
const locale = <T,>(language: Language, namespace: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../../locales/${language}/${namespace}.json`), 'utf8')) as T;

/** Three people ahead as the screen says it (kiosk.json wait.ahead_*), written out so a change is noticed. */
const THREE_AHEAD: Record<Language, string> = {
  az: 'Sizdən əvvəl 3 nəfər var',
  ru: 'Перед вами 3 человека',
  en: '3 people ahead of you',
  kk: 'Алдыңызда 3 адам',
  ky: 'Сиздин алдыңызда 3 адам',
  uz: 'Sizdan oldin 3 kishi bor',
};

/** The lines of the wait block (data-testid="ticket-wait") and its data-wait, from the screen's markup. */
function waitBlock(language: Language, shown: Partial<Ticket>): { kind: string | undefined; lines: string[] } {
  const html = renderToStaticMarkup(
    <TicketScreen
      language={language}
      ticket={ticket({ language, ...shown })}
      serviceName="Service"
      kioskId="kiosk-1"
      printerProblem={null}
      reprinting={false}
      onReprint={() => undefined}
      onDone={() => undefined}
    />,
  );
  const block = /<div class="wait-line" data-testid="ticket-wait"([^>]*)>(.*?)<\/div>/.exec(html);
  if (!block) throw new Error(`no wait block in ${html}`);
  const unescape = (text: string) =>
    text
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return {
    kind: /data-wait="([^"]*)"/.exec(block[1] ?? '')?.[1],
    lines: [...(block[2] ?? '').matchAll(/<p[^>]*>(.*?)<\/p>/g)].map((match) => unescape(match[1] ?? '')),
  };
}

beforeAll(() => {
  initI18n('en');
});

describe.each(LANGUAGES)('the ticket screen in %s', (language) => {
  const { wait } = locale<KioskWait>(language, 'kiosk');

  it('says for a ticket issued offline that the wait is not known yet and the place is kept, and no people ahead', () => {
    for (const estimate of [
      { peopleAhead: 0, estimatedWaitMinutes: null },
      { peopleAhead: 3, estimatedWaitMinutes: 12 },
    ]) {
      const shown = waitBlock(language, { issuedOffline: true, ...estimate });
      expect(shown).toEqual({ kind: 'unknown', lines: [wait.unknown, wait.placeKept] });
      expect(shown.lines.join(' ')).not.toContain(THREE_AHEAD[language]);
    }
  });

  it('shows the people ahead and the wait otherwise', () => {
    const ahead = waitBlock(language, { issuedOffline: false, peopleAhead: 3, estimatedWaitMinutes: 12 });
    expect(ahead.kind).toBe('estimated');
    expect(ahead.lines).toHaveLength(2);
    expect(ahead.lines[0]).toBe(THREE_AHEAD[language]);
    expect(ahead.lines[1]).toMatch(/\b12\b/);
    expect(ahead.lines).not.toContain(wait.unknown);

    const nobody = waitBlock(language, { issuedOffline: false, peopleAhead: 0, estimatedWaitMinutes: null });
    expect(nobody).toEqual({ kind: 'estimated', lines: [wait.noneAhead, wait.noDesk] });
  });

  it('says it in the words the paper prints (printer.json ticket.waitUnknown, ticket.placeKept)', () => {
    const printed = locale<PrinterTicket>(language, 'printer').ticket;
    expect([printed.waitUnknown, printed.placeKept]).toEqual([wait.unknown, wait.placeKept]);
    if (language !== 'en') {
      const english = locale<KioskWait>('en', 'kiosk').wait;
      expect(wait.unknown).not.toBe(english.unknown);
      expect(wait.placeKept).not.toBe(english.placeKept);
    }
  });
});
