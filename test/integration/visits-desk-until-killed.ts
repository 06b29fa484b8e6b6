/**
 * Child process of the visits crash test: a desk issues, calls, recalls, starts, finishes and marks
 * no-show tickets against a real SQLite file as fast as it can, writing "<step> <number>" to stdout
 * once each step has resolved, i.e. once the desk's screen could show it. The test kills it with
 * SIGKILL at an arbitrary instant, mostly inside a transaction, and starts it again on the same
 * file: a new run first finishes the visit a killed run left at the desk, as staff would.
 * Its clock moves one second per step, so each step's time tells which step wrote a field.
 * Usage: <db file> <ISO instant>.
 */
import { ManualClock, makeKiosk } from '../support/kiosk-fixture';
import { hashPin } from '../../main/core/auth/pin';

const [dbFile, instant] = process.argv.slice(2);
if (!dbFile || !instant) throw new Error('usage: visits-desk-until-killed <db file> <ISO instant>');
const clock = new ManualClock(new Date(instant));
const tick = () => clock.set(new Date(clock.now().getTime() + 1000));
const { service } = makeKiosk({
  dbFile,
  clock,
  config: { desks: [{ id: '5', serviceIds: ['*'], pinHash: hashPin('2468') }] },
});
const { token } = await service.deskSignIn({ deskId: '5', pin: '2468' });
const report = (step: string, number: string) => process.stdout.write(`${step} ${number}\n`);

const left = (await service.getDeskState({ token })).current;
if (left) {
  tick();
  report('done', (await service.finishVisit({ token })).number);
}
for (let round = 0; ; round++) {
  tick();
  await service.issueTicket({ serviceId: 'notary', language: 'kk' });
  tick();
  const called = await service.callNext({ token });
  if (!called) throw new Error('a ticket was just issued, yet none waits');
  report('called', called.number);
  if (round % 3 === 1) {
    tick();
    report('recalled', (await service.recallTicket({ token })).number);
  }
  if (round % 5 === 2) {
    tick();
    report('no-show', (await service.markNoShow({ token })).number);
    continue;
  }
  tick();
  report('started', (await service.startVisit({ token })).number);
  tick();
  report('done', (await service.finishVisit({ token })).number);
}
