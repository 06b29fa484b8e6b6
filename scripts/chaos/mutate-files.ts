import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../../main/contract';
import { KioskConfig } from '../../main/core/config';
import { InvalidFileError } from '../../main/core/validation-report';
import { loadKioskConfig, loadKioskConfigKeepingLastGood } from '../../main/boot/config-file';
import { info, zero } from './figures';
import type { Figure } from './figures';
import { CallRefused, kiosk } from './kiosk-client';
import { TECHNICIAN_PIN } from './kiosk-setup';
import type { ChaosKioskFolder } from './kiosk-setup';
import { changesBetween, writtenState } from './fuzz';

const random = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(items: readonly T[]): T => items[random(items.length)] as T;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => paths(item, [...prefix, index]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))];
  return here;
}

function parentOf(document: Json, path: (string | number)[]): { parent: Json; key: string | number } {
  let parent = document;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step] as Json;
  return { parent, key: path[path.length - 1] as string | number };
}

const WRONG_VALUES: Json[] = [null, 42, -1, 1.5, 'text', '', true, [], {}, [1, 'a'], { x: 1 }];

/** One random mutation of a document, as text: a changed, removed or added field, or broken text. */
function mutate(text: string): { text: string; field: string } {
  const document = JSON.parse(text) as Json;
  const all = paths(document);
  const operation = random(7);
  if (operation === 0) {
    const cut = random(text.length);
    return { text: pick([text.slice(0, cut), `${text.slice(0, cut)}\u0000${text.slice(cut)}`, `${text}}`]), field: '' };
  }
  const path = pick(all);
  const { parent, key } = parentOf(document, path);
  const container = parent as Record<string | number, Json>;
  const field = String(typeof key === 'number' ? (path[path.length - 2] ?? key) : key);
  if (operation === 1 && !Array.isArray(parent)) delete container[key];
  else if (operation === 2 && parent !== null && typeof parent === 'object' && !Array.isArray(parent))
    container[`unexpected${random(1000)}`] = 1;
  else if (operation === 3) container[key] = 'ə'.repeat(pick([1_000, 100_000, 1_000_000]));
  else if (operation === 4) container[key] = JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`) as Json;
  else container[key] = pick(WRONG_VALUES);
  // Deep nesting is written compactly: indented, 2,000 levels alone make a 12 MB file, which tests
  // the body limit (the fuzz part's 13 MB bodies) rather than the file checks.
  return { text: operation === 4 ? JSON.stringify(document) : JSON.stringify(document, null, 2), field };
}

/** Mutates until the contract's own schema refuses the result: a mutation that stays valid is no bad file. */
function malformed(text: string, schema: { safeParse(value: unknown): { success: boolean } }) {
  for (;;) {
    const mutation = mutate(text);
    let data: unknown;
    try {
      data = JSON.parse(mutation.text);
    } catch {
      return mutation;
    }
    if (!schema.safeParse(data).success) return mutation;
  }
}

const digest = (file: string) =>
  existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : '';

export interface FileMutationOptions {
  count: number;
  url: string;
  folder: ChaosKioskFolder;
  log?: (line: string) => void;
}

/**
 * Half the mutated files go through the configuration loader (as at start, with and without a
 * last good copy), half through the technician's catalog preview and import calls of the running
 * kiosk. Each must be refused with its problems named, and nothing written.
 */
export async function runFileMutations(options: FileMutationOptions) {
  const { url, folder } = options;
  const failures: string[] = [];
  let accepted = 0;
  let unclear = 0;
  let written = 0;
  let crashed = false;
  const work = mkdtempSync(join(tmpdir(), 'kiosk-chaos-config-'));
  const configText = readFileSync(folder.configFile, 'utf8');
  const catalogText = readFileSync(folder.catalogFile, 'utf8');
  let token = (await kiosk.technicianUnlock(url, TECHNICIAN_PIN)).token;
  const before = writtenState(folder);
  const catalogBefore = createHash('sha256')
    .update(JSON.stringify(await kiosk.getCatalog(url)))
    .digest('hex');
  const note = (line: string) => failures.length < 40 && failures.push(line);
  try {
    for (let i = 0; i < options.count; i++) {
      if (i % 2 === 0) {
        const { text, field } = malformed(configText, KioskConfig);
        const file = join(work, 'kiosk-config.json');
        const lastGood = join(work, 'kiosk-config.last-good.json');
        writeFileSync(file, text);
        const keepLastGood = i % 4 === 0;
        if (keepLastGood) copyFileSync(folder.configFile, lastGood);
        else rmSync(lastGood, { force: true });
        const digests = [digest(file), digest(lastGood)];
        try {
          const kept = keepLastGood
            ? loadKioskConfigKeepingLastGood(file, lastGood)
            : { refused: undefined, config: loadKioskConfig(file) };
          if (!kept.refused) {
            accepted++;
            note(`config accepted (${field}): ${text.slice(0, 120)}`);
          } else if (kept.refused.problems.length === 0) unclear++;
        } catch (error) {
          if (!(error instanceof InvalidFileError) || error.problems.length === 0) {
            unclear++;
            note(`config: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        if (digest(file) !== digests[0] || digest(lastGood) !== digests[1]) written++;
      } else {
        const { text, field } = malformed(catalogText, Catalog);
        for (const apply of [false, true]) {
          const answer = await (apply ? kiosk.applyCatalog : kiosk.previewCatalog)(url, token, text).then(
            (preview) => ({ preview, error: undefined }),
            (error: unknown) => ({ preview: undefined, error }),
          );
          if (answer.error instanceof CallRefused && answer.error.code === 'technician-session-required') {
            token = (await kiosk.technicianUnlock(url, TECHNICIAN_PIN)).token;
            i--;
            break;
          }
          if (answer.preview) {
            if (answer.preview.problems.length === 0) {
              accepted++;
              note(`catalog ${apply ? 'applied' : 'previewed without problems'} (${field})`);
            }
          } else if (!(answer.error instanceof CallRefused) || answer.error.status >= 500) {
            unclear++;
            if (!(answer.error instanceof CallRefused)) crashed = true;
            const cause = answer.error instanceof Error ? answer.error.cause : undefined;
            note(`catalog (${text.length} characters): ${String(answer.error)}${cause ? ` (${String(cause)})` : ''}`);
          }
        }
      }
      if ((i + 1) % 200 === 0) options.log?.(`  files: ${i + 1}/${options.count}`);
    }
    const after = writtenState(folder);
    const catalogAfter = createHash('sha256')
      .update(JSON.stringify(await kiosk.getCatalog(url)))
      .digest('hex');
    written += changesBetween(before, after) + (catalogAfter === catalogBefore ? 0 : 1);
  } catch (error) {
    crashed = true;
    note(`file mutations stopped: ${String(error)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const figures: Figure[] = [
    info(
      'files',
      'mutated files (half configuration through the loader, half catalog preview + import)',
      String(options.count),
    ),
    zero('files', 'malformed files accepted', accepted),
    zero('files', 'refused without named problems, or failed otherwise', unclear),
    zero('files', 'files or catalog changed by a refused file', written),
  ];
  return { figures, failures, crashed };
}
