import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKioskConfig } from '../../../main/boot/config-file';
import { KioskConfig } from '../../../main/core/config';
import { InvalidFileError } from '../../../main/core/validation-report';
import { tempDir } from '../../support/kiosk-fixture';
import { seededRandom as prng } from '../../support/seeded-random';

/** A file using every section, so mutations reach every kind of field. */
const VALID = {
  $schema: '../config/kiosk-config.schema.json',
  centreName: 'ASAN xidmət — Bakı 1',
  kioskId: 'baku1-kiosk-3',
  timeZone: 'Asia/Baku',
  languages: ['az', 'ru', 'en'],
  defaultLanguage: 'az',
  resultScreenSeconds: 12,
  catalogPath: 'catalog/sample-catalog.json',
  printer: {
    port: '/dev/ttyUSB0',
    baudRate: 9600,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    flowControl: 'rtscts',
    profile: 'clone-58',
    customProfiles: [
      {
        id: 'clone-58',
        description: 'a 58 mm clone',
        printWidthDots: 384,
        columns: 32,
        hasCutter: false,
        nativeQr: false,
        codePages: [{ name: 'PC866', escPosNumber: 17 }, { name: 'WPC1254' }],
        baudRates: [9600, 115200],
        maxRasterBandRows: 24,
        statusQueries: false,
      },
    ],
    whenUnavailable: 'refer-to-staff',
    statusPollSeconds: 15,
  },
  api: { host: '127.0.0.1', port: 8787 },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };
type Slot = { parent: Container; key: string | number };

/** Every place in the document a value sits, so a mutation can pick any of them. */
function slots(value: Json, found: Slot[] = []): Slot[] {
  if (value !== null && typeof value === 'object') {
    for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
      found.push({ parent: value, key });
      slots((value as Record<string | number, Json>)[key] as Json, found);
    }
  }
  return found;
}
const containers = (root: Json): Container[] => [
  root as Container,
  ...slots(root)
    .map(({ parent, key }) => (parent as Record<string | number, Json>)[key] as Json)
    .filter((value): value is Container => value !== null && typeof value === 'object'),
];

const HUGE = 'ə'.repeat(1_000_000);
const nested = (depth: number, open: string, close: string, inner: string): string =>
  open.repeat(depth) + inner + close.repeat(depth);

/** Builds one mutated file's text: 1–3 mutations of the document, or broken JSON, or deep nesting. */
function mutate(random: () => number): { text: string; kinds: string[] } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const doc = structuredClone(VALID) as Json;
  const kinds: string[] = [];
  const set = (slot: Slot, value: Json) => ((slot.parent as Record<string | number, Json>)[slot.key] = value);
  const count = 1 + Math.floor(random() * 3);
  for (let step = 0; step < count; step++) {
    const all = slots(doc);
    const slot = pick(all);
    const kind = pick([
      'delete',
      'type',
      'range',
      'unknown-key',
      'huge-string',
      'empty',
      'nesting',
      'root-type',
    ] as const);
    kinds.push(kind);
    switch (kind) {
      case 'delete':
        if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
        else delete slot.parent[slot.key];
        break;
      case 'type':
        set(slot, pick<Json>(['8', 8, true, null, [], {}, [1, 'a'], { a: 1 }, '', 0]));
        break;
      case 'range':
        set(slot, pick([-1, 0, 0.5, 65536, 1e9, -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2, 255.5, 833]));
        break;
      case 'unknown-key': {
        const target = pick(containers(doc));
        if (Array.isArray(target)) target.push('extra');
        // Defined, not assigned, so "__proto__" becomes an own key as JSON.parse makes it.
        else
          Object.defineProperty(target, pick(['colour', 'printerPort', '__proto__', 'constructor', 'ports', '']), {
            value: 1,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        break;
      }
      case 'huge-string':
        set(slot, HUGE);
        break;
      case 'empty':
        set(slot, pick<Json>(['', ' ', [], {}]));
        break;
      case 'nesting': {
        let value: Json = 1;
        for (let depth = Math.floor(random() * 200); depth > 0; depth--)
          value = random() < 0.5 ? [value] : { a: value };
        set(slot, value);
        break;
      }
      case 'root-type':
        return { text: pick(['[]', '"kiosk"', '42', 'null', 'true', '[{}]']), kinds };
    }
  }
  const text = JSON.stringify(doc, null, 2);
  const textual = random();
  if (textual < 0.1) {
    kinds.push('broken-json');
    const at = Math.floor(random() * text.length);
    return {
      text:
        random() < 0.5 ? text.slice(0, at) : text.slice(0, at) + pick(['}', ',', '"', '\u0000', '//']) + text.slice(at),
      kinds,
    };
  }
  if (textual < 0.13) {
    // Deeper than any object walk should recurse through; built as text so making it cannot overflow.
    kinds.push('deep-nesting');
    const depth = 10_000 + Math.floor(random() * 90_000);
    return {
      text: `{"printer": ${random() < 0.5 ? nested(depth, '[', ']', '1') : nested(depth, '{"a":', '}', '1')}}`,
      kinds,
    };
  }
  return { text, kinds };
}

describe('1,000 generated mutations of a valid configuration file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => (dir = tempDir('kiosk-config-mutations-')));
  afterAll(() => dir.remove());

  it('accepts the unmutated file', () => {
    const file = join(dir.path, 'valid.json');
    writeFileSync(file, JSON.stringify(VALID));
    expect(loadKioskConfig(file).printer.profile).toBe('clone-58');
  });

  it('never crashes: each is accepted as a valid configuration or refused naming the file and a field', () => {
    const random = prng(20261122);
    const outcomes = { accepted: 0, refused: 0 };
    const kindsSeen = new Set<string>();
    const unclear: string[] = [];
    for (let index = 0; index < 1000; index++) {
      const { text, kinds } = mutate(random);
      kinds.forEach((kind) => kindsSeen.add(kind));
      const file = join(dir.path, `mutation-${index}.json`);
      writeFileSync(file, text);
      const label = `mutation ${index} (${kinds.join(', ')})`;
      let config: KioskConfig;
      try {
        config = loadKioskConfig(file);
      } catch (error) {
        // Anything but a refusal (a TypeError, a stack overflow) fails the test here, with the mutation named.
        if (!(error instanceof InvalidFileError))
          throw new Error(`${label} crashed the loader: ${String(error)}`, { cause: error });
        outcomes.refused++;
        if (!error.message.startsWith(`${file} was refused:`) || error.problems.length === 0) unclear.push(label);
        for (const problem of error.problems) {
          const named =
            problem.file === file &&
            (problem.entry !== '' ||
              problem.field !== '' ||
              /^(not valid JSON|must hold one JSON object)/.test(problem.message));
          if (!named || problem.message.length > 500) unclear.push(`${label}: ${JSON.stringify(problem)}`);
        }
        continue;
      }
      outcomes.accepted++;
      // What was accepted is itself a whole, valid configuration.
      if (!KioskConfig.safeParse(config).success) unclear.push(`${label} accepted an invalid configuration`);
    }
    expect(unclear).toEqual([]);
    // The generator reaches both outcomes, so neither check above is vacuous.
    expect(outcomes.accepted).toBeGreaterThan(50);
    expect(outcomes.refused).toBeGreaterThan(500);
    expect([...kindsSeen].sort()).toEqual([
      'broken-json',
      'deep-nesting',
      'delete',
      'empty',
      'huge-string',
      'nesting',
      'range',
      'root-type',
      'type',
      'unknown-key',
    ]);
  }, 60_000);
});
