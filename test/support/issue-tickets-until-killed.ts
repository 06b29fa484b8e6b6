/**
 * Child process of the crash test: issues tickets against a real SQLite file as fast as it can and
 * writes each number to stdout once issueTicket has resolved, i.e. once a visitor could hold it.
 * The test kills it with SIGKILL at an arbitrary instant. Usage: <db file> <ISO instant>.
 */
import type { Catalog } from '../../main/contract';
import { alwaysOpen, ManualClock, makeKiosk } from './kiosk-fixture';

/** The sample catalog open round the clock and without daily limits, so only a kill stops the loop. */
const unlimited = (sample: Catalog): Catalog =>
  alwaysOpen({ ...sample, services: sample.services.map((service) => ({ ...service, dailyLimit: null })) });

const [dbFile, instant] = process.argv.slice(2);
if (!dbFile || !instant) throw new Error('usage: issue-tickets-until-killed <db file> <ISO instant>');
const { service } = makeKiosk({ dbFile, clock: new ManualClock(new Date(instant)), catalog: unlimited });
const services = ['passport', 'notary', 'passport'];
for (let i = 0; ; i++) {
  const ticket = await service.issueTicket({ serviceId: services[i % services.length] ?? 'passport', language: 'ky' });
  process.stdout.write(`${ticket.number}\n`);
}
