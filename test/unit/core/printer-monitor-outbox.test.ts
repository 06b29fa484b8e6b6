import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, makeKiosk, tempDir } from '../../support/kiosk-fixture';
import { readWholeOutbox } from '../../support/outbox';

/**
 * The printer monitor writes a printer-state fact when what the printer says changes (connection,
 * paper, cover, errors), not when it is merely asked again: a kiosk polls its printer every 15 s,
 * and a month offline must not fill the outbox with the same state.
 */
describe("the printer monitor's facts", () => {
  let dir: ReturnType<typeof tempDir>;
  let kiosk: ReturnType<typeof makeKiosk>;
  const clock = new ManualClock(new Date('2026-11-22T09:00:00Z'));
  beforeEach(() => {
    dir = tempDir();
    kiosk = makeKiosk({ dbFile: join(dir.path, 'kiosk.sqlite'), clock });
  });
  afterEach(() => {
    kiosk.store.close();
    dir.remove();
  });

  const states = () =>
    readWholeOutbox(kiosk.store).flatMap(({ at, fact }) =>
      fact.kind === 'printer-state' ? [{ at, ...fact.status }] : [],
    );

  it('writes a state once, ignoring a new time or wording, and again when the paper, cover or connection change', () => {
    const { printer } = kiosk;
    printer.setStatus({ paper: 'near-end', checkedAt: '2026-11-22T09:00:00.000Z', detail: 'DLE EOT 4: 1e' });
    for (let poll = 1; poll <= 10; poll++) {
      printer.setStatus({
        checkedAt: `2026-11-22T09:00:${String(poll).padStart(2, '0')}.000Z`,
        detail: `poll ${poll}`,
      });
    }
    printer.setStatus({ coverOpen: true });
    printer.setStatus({ coverOpen: false });
    printer.setStatus({ connection: 'no-reply' });
    printer.setStatus({ connection: 'no-reply', detail: 'still nothing' });
    expect(states().map(({ paper, coverOpen, connection }) => [paper, coverOpen, connection])).toEqual([
      ['near-end', false, 'online'],
      ['near-end', true, 'online'],
      ['near-end', false, 'online'],
      ['near-end', false, 'no-reply'],
    ]);
    expect(states()[0]).toMatchObject({ at: '2026-11-22T09:00:00.000Z', detail: 'DLE EOT 4: 1e' });
  });

  it('paper out said "offline" by one reply and "online" by the next is one state: the problem is the same', () => {
    const { printer } = kiosk;
    printer.setStatus({ connection: 'online', paper: 'ok' });
    printer.setStatus({ connection: 'offline', paper: 'out' });
    for (let poll = 0; poll < 5; poll++) {
      printer.setStatus({ connection: 'online', paper: 'out' });
      printer.setStatus({ connection: 'offline', paper: 'out' });
    }
    printer.setStatus({ connection: 'online', paper: 'ok' });
    printer.setStatus({ connection: 'offline', paper: 'ok' });
    // The kiosk starts online with paper (not a change); then paper out, back, and truly offline.
    expect(states().map(({ paper, connection }) => [paper, connection])).toEqual([
      ['out', 'offline'],
      ['ok', 'online'],
      ['ok', 'offline'],
    ]);
  });
});
