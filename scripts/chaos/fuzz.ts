import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { info, zero } from './figures';
import type { Figure } from './figures';
import { kiosk } from './kiosk-client';
import { spawnKiosk } from './kiosk-process';
import type { KioskProcess } from './kiosk-process';
import { chaosKioskFolder, LANGUAGES, SERVICES } from './kiosk-setup';
import type { ChaosKioskFolder } from './kiosk-setup';
import { malformedMessage, oversizedBody, randomKind } from './fuzz-messages';
import type { MalformedMessage } from './fuzz-messages';
import { runFileMutations } from './mutate-files';

export interface FuzzOptions {
  messages: number;
  /** Mutated configuration and catalog files. */
  files: number;
  concurrency?: number;
  /** 13 MB bodies sent one at a time (default one per 500 messages, at least 5). */
  oversized?: number;
  log?: (line: string) => void;
}

interface Answer {
  status: number;
  text: string;
}

/** Sends one message over HTTP; a slow body trickles a few bytes at a time. */
function send(url: string, message: MalformedMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(`/api/call/${message.call}`, url);
    const request = httpRequest(
      target,
      {
        method: message.method,
        headers: { 'Content-Type': 'application/json', 'Content-Length': message.body.length },
        timeout: 30_000,
        // A connection of its own per message, as separate clients would make them.
        agent: false,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer within 30 s')));
    request.on('error', reject);
    if (message.kind !== 'slow-body') {
      request.end(message.body);
      return;
    }
    // A few bytes every 20–60 ms: a second or two for the short bodies slow clients send.
    let offset = 0;
    const trickle = () => {
      if (request.destroyed) return;
      const size = 1 + Math.floor(Math.random() * 4);
      request.write(message.body.subarray(offset, offset + size));
      offset += size;
      if (offset < message.body.length) setTimeout(trickle, 20 + Math.random() * 40);
      else request.end();
    };
    trickle();
  });
}

/** A clear refusal: 4xx and the envelope `{ ok: false, error: { code, message } }`. */
function clearRefusal(answer: Answer): { clear: boolean; message: string } {
  if (answer.status < 400 || answer.status > 499) return { clear: false, message: '' };
  try {
    const body = JSON.parse(answer.text) as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
    const clear =
      body.ok === false &&
      typeof body.error?.code === 'string' &&
      body.error.code.length > 0 &&
      typeof body.error.message === 'string' &&
      body.error.message.length > 0;
    return { clear, message: clear ? String(body.error?.message) : '' };
  } catch {
    return { clear: false, message: '' };
  }
}

export interface WrittenState {
  tickets: number;
  ratings: number;
  files: Record<string, string>;
}

/** What must not change: the rows visitors and desks make, and the technician's files. */
export function writtenState(folder: ChaosKioskFolder): WrittenState {
  const db = new Database(folder.database, { readonly: true, fileMustExist: true });
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const state = { tickets: count('tickets'), ratings: count('ratings') };
  db.close();
  const files = Object.fromEntries(
    [
      folder.configFile,
      folder.catalogFile,
      join(folder.dataDir, 'catalog.last-good.json'),
      join(folder.dataDir, 'kiosk-config.last-good.json'),
    ].map((file) => [
      file,
      existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent',
    ]),
  );
  return { ...state, files };
}

export function changesBetween(before: WrittenState, after: WrittenState): number {
  return (
    Math.abs(after.tickets - before.tickets) +
    Math.abs(after.ratings - before.ratings) +
    Object.keys(before.files).filter((file) => before.files[file] !== after.files[file]).length
  );
}

/**
 * Part 3: malformed messages against one running kiosk (and, on the same kiosk, mutated catalog
 * imports; mutated configuration files go through the configuration loader).
 */
export async function runFuzz(options: FuzzOptions): Promise<{ figures: Figure[]; failures: string[] }> {
  const log = options.log ?? (() => {});
  const folder = chaosKioskFolder('fuzz');
  let running: KioskProcess | undefined;
  const failures: string[] = [];
  try {
    running = await spawnKiosk({ dataDir: folder.dataDir, args: ['--config', folder.configFile] });
    const url = running.url;
    let exitedByItself = false;
    void running.exited.then(() => (exitedByItself = true));
    // A few real tickets first, so "nothing written" is checked against a kiosk in use.
    for (let i = 0; i < 3; i++) await kiosk.issue(url, SERVICES[i] ?? 'passport', LANGUAGES[i] ?? 'az');
    const before = writtenState(folder);

    let unclear = 0;
    let fieldNotNamed = 0;
    let serverErrors = 0;
    const byKind = new Map<string, number>();
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < options.messages && !exitedByItself) {
        next++;
        const message = malformedMessage(randomKind());
        byKind.set(message.kind, (byKind.get(message.kind) ?? 0) + 1);
        const answer = await send(url, message).catch((error: unknown) => ({ status: 0, text: String(error) }));
        if (answer.status >= 500) serverErrors++;
        const { clear, message: said } = clearRefusal(answer);
        if (!clear) {
          unclear++;
          if (failures.length < 20)
            failures.push(`${message.kind} ${message.call}: ${answer.status} ${answer.text.slice(0, 200)}`);
        } else if (message.field !== undefined && !said.includes(message.field)) {
          fieldNotNamed++;
          if (failures.length < 20)
            failures.push(`${message.kind} ${message.call}: "${message.field}" not named in "${said}"`);
        }
        done++;
        if (done % 1000 === 0) log(`  messages: ${done}/${options.messages}`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    // Bodies far past the limits, one at a time: each must get its 413 answer, not a cut connection.
    let oversizedCut = 0;
    const oversized = options.oversized ?? Math.max(5, Math.round(options.messages / 500));
    for (let i = 0; i < oversized; i++) {
      const answer = await send(url, oversizedBody()).catch((error: unknown) => ({ status: 0, text: String(error) }));
      if (!clearRefusal(answer).clear) oversizedCut++;
    }
    const stillAnswers = await kiosk.info(url).then(
      () => true,
      () => false,
    );
    const afterMessages = writtenState(folder);
    const written = changesBetween(before, afterMessages);

    const files = await runFileMutations({ count: options.files, url, folder, log });
    failures.push(...files.failures);
    const crashed = exitedByItself || !stillAnswers ? 1 : 0;
    const figures: Figure[] = [
      info(
        'fuzz',
        'malformed API messages sent',
        `${options.messages} (${[...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ')})`,
      ),
      zero('fuzz', 'kiosk crashed or stopped answering', crashed + (files.crashed ? 1 : 0)),
      zero('fuzz', 'messages not answered 4xx {ok:false,error:{code,message}}', unclear),
      zero('fuzz', 'of which 5xx', serverErrors),
      zero('fuzz', `13 MB bodies cut off instead of answered 413 (of ${oversized})`, oversizedCut),
      zero('fuzz', 'refusals not naming the wrong field or unknown key', fieldNotNamed),
      zero('fuzz', 'rows or files written by malformed messages', written),
      ...files.figures,
    ];
    return { figures, failures };
  } finally {
    await running?.kill();
    folder.remove();
  }
}
