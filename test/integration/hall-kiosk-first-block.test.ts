import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HallOnThisMachine, until } from '../support/hall-processes';

/*
 * A kiosk of the hall without its offline block yet (just enrolled, its hall-link.json lost) starts
 * while its server is down: it cannot serve through a server outage until it has the block, so it
 * asks again within seconds, not at the next minute's setup. Real processes of the built shell.
 */
describe('a kiosk of the hall without its block asks again soon (hall server and kiosk processes)', () => {
  const hall = new HallOnThisMachine();
  afterAll(() => hall.close());

  it('has its block within seconds of the server coming up, after a first ask that failed', async () => {
    await hall.reserveServerPort();
    await hall.startServer();
    const kiosk = await hall.startKiosk('kiosk-1', hall.serverUrl());
    await until(() => hall.knowsItsBlock('kiosk-1'), 'kiosk-1 has its block');
    await kiosk.kill();
    await hall.server!.kill();
    rmSync(join(hall.kioskDir('kiosk-1'), 'hall-link.json'));

    // Started with the server away: its first ask fails.
    await hall.startKiosk('kiosk-1', `http://127.0.0.1:${hall.serverPort}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(hall.knowsItsBlock('kiosk-1')).toBe(false);
    await hall.startServer();
    const back = Date.now();
    // The minute-long setup interval would miss this by far.
    await until(() => hall.knowsItsBlock('kiosk-1'), 'kiosk-1 has its block after the server came back', 25_000);
    expect(Date.now() - back).toBeLessThan(25_000);
  }, 60_000);
});
