/**
 * Child process of the visits crash test: a desk calls and finishes tickets against a real SQLite
 * file as fast as it can, writing "called <number>" and "done <number>" to stdout once each step
 * has resolved, i.e. once the desk's screen could show it. The test kills it with SIGKILL at an
 * arbitrary instant. With "call-once" it calls one ticket and then only waits to be killed.
 * Usage: <db file> <ISO instant> [call-once].
 */
import { ManualClock, makeKiosk } from '../support/kiosk-fixture';
import { hashPin } from '../../main/core/technician/pin';

const [dbFile, instant, mode] = process.argv.slice(2);
if (!dbFile || !instant) throw new Error('usage: visits-desk-until-killed <db file> <ISO instant>');
const { service } = makeKiosk({
  dbFile,
  clock: new ManualClock(new Date(instant)),
  config: { desks: [{ id: '5', serviceIds: ['*'], pinHash: hashPin('2468') }] },
});
const { token } = await service.deskSignIn({ deskId: '5', pin: '2468' });
for (;;) {
  await service.issueTicket({ serviceId: 'notary', language: 'kk' });
  const called = await service.callNext({ token });
  if (!called) throw new Error('a ticket was just issued, yet none waits');
  process.stdout.write(`called ${called.number}\n`);
  if (mode === 'call-once') {
    setInterval(() => {}, 60_000);
    break;
  }
  const done = await service.finishVisit({ token });
  process.stdout.write(`done ${done.number}\n`);
}
