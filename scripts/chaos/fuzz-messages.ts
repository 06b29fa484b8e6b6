import { z } from 'zod';
import { KIOSK_CALL_NAMES, kioskCalls } from '../../main/contract';
import type { KioskCallName } from '../../main/contract';

/**
 * Malformed API messages, generated from the contract's zod schemas (through their JSON Schema):
 * every message is built so the contract refuses it, whatever the kiosk's state.
 */
export type MessageKind =
  | 'wrong-type'
  | 'out-of-range'
  | 'unknown-key'
  | 'not-an-object'
  | 'huge-string'
  | 'broken-json'
  | 'deep-nesting'
  | 'slow-body'
  | 'unknown-call'
  | 'wrong-method';

export interface MalformedMessage {
  kind: MessageKind;
  call: string;
  method: 'POST' | 'GET' | 'PUT' | 'DELETE';
  body: Buffer;
  /** A field the refusal must name (the one made wrong, or the unknown key). */
  field?: string;
}

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
}

interface CallShape {
  name: KioskCallName;
  properties: Record<string, PropertySchema>;
  required: string[];
}

const SHAPES: CallShape[] = KIOSK_CALL_NAMES.map((name) => {
  const schema = z.toJSONSchema(kioskCalls[name].input, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, PropertySchema>;
    required?: string[];
  };
  return { name, properties: schema.properties ?? {}, required: schema.required ?? [] };
});

const random = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(items: readonly T[]): T => items[random(items.length)] as T;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A value the property's schema cannot accept. */
function wrongValue(property: PropertySchema): unknown {
  const types = [property.type ?? []].flat();
  if (types.includes('string')) return pick([12345, true, [], { nested: 'x' }, -0.5]);
  if (types.includes('integer') || types.includes('number')) return pick(['12', true, [1], { n: 1 }, 'NaN']);
  if (types.includes('boolean')) return pick(['yes', 1, [], {}]);
  if (types.includes('array')) return pick(['list', 42, { 0: 'a' }, true]);
  if (types.includes('object')) return pick(['settings', 42, [1, 2], true]);
  return undefined;
}

/** A value of the right type that breaks the property's enum, pattern or range. */
function outOfRange(property: PropertySchema): unknown {
  if (property.enum) return `not-${String(pick(property.enum))}-${random(1000)}`;
  if (property.pattern) return pick(['', ' ', '<script>', '../../etc/passwd', 'ééé', '\u0000', '1'.repeat(300)]);
  if (property.type === 'integer' || property.type === 'number') {
    const candidates = [
      ...(property.minimum !== undefined ? [property.minimum - 1] : []),
      ...(property.exclusiveMinimum !== undefined ? [property.exclusiveMinimum] : []),
      ...(property.maximum !== undefined && property.maximum < 1e15 ? [property.maximum + 1] : []),
      ...(property.type === 'integer' ? [1.5] : []),
    ];
    return candidates.length > 0 ? pick(candidates) : undefined;
  }
  if (property.maxLength !== undefined) return 'x'.repeat(property.maxLength + 1 + random(100));
  return undefined;
}

const BROKEN_JSON = [
  (valid: string) => valid.slice(0, Math.max(1, random(valid.length))),
  (valid: string) => `${valid},`,
  (valid: string) => (valid.includes('"') ? valid.replace(/"/g, "'") : "{'a':1}"),
  (valid: string) => `${valid}}`,
  () => '{"a":}',
  () => '{"a":1,}',
  () => 'NaN',
  () => '{"a": undefined}',
  () => '\uFEFF{}x',
  () => '{"a": 0x10}',
  () => '[1, 2',
];

function sampleObject(shape: CallShape): Record<string, unknown> {
  return Object.fromEntries(
    shape.required.map((key) => {
      const property = shape.properties[key] ?? {};
      return [key, property.type === 'integer' || property.type === 'number' ? 1 : (property.enum?.[0] ?? 'x')];
    }),
  );
}

function nested(depth: number, asArray: boolean): string {
  return asArray ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** One malformed message of the given kind (a random one if none is given). */
export function malformedMessage(kind: MessageKind): MalformedMessage {
  const shape = pick(SHAPES);
  const base = { call: shape.name, method: 'POST' as const };
  const properties = Object.entries(shape.properties);
  switch (kind) {
    case 'wrong-type':
    case 'out-of-range': {
      const candidates = properties
        .map(([key, property]) => [key, kind === 'wrong-type' ? wrongValue(property) : outOfRange(property)] as const)
        .filter(([, value]) => value !== undefined);
      if (candidates.length === 0) return malformedMessage('unknown-key');
      const [field, value] = pick(candidates);
      return { ...base, kind, body: json({ ...sampleObject(shape), [field]: value }), field };
    }
    case 'unknown-key': {
      const field = pick(['__proto__x', 'constructor2', 'extra', 'isAdmin', `k${random(1e6)}`, 'ünïcødé']);
      return {
        ...base,
        kind,
        body: Buffer.from(
          `{${[...Object.entries(sampleObject(shape)), [field, pick([1, 'x', null, {}])]].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`,
        ),
        field,
      };
    }
    case 'not-an-object':
      // `null` is left out: the transport reads an absent or null body as {} (a call without input).
      return { ...base, kind, body: json(pick([[], [sampleObject(shape)], 42, 'text', true, -1])) };
    case 'huge-string': {
      const stringFields = properties.filter(([, property]) => property.type === 'string').map(([key]) => key);
      const field = stringFields.length > 0 ? pick(stringFields) : `huge${random(100)}`;
      // Below and above the 64 KB body limit of ordinary calls (far larger bodies: oversizedBody).
      const size = pick([5_000, 60_000, 70_000, 300_000]);
      const body = { ...sampleObject(shape), [field]: pick(['x', 'ə', '\u{1F600}']).repeat(size / 2) };
      return { ...base, kind, body: json(body) };
    }
    case 'broken-json':
      return { ...base, kind, body: Buffer.from(pick(BROKEN_JSON)(JSON.stringify(sampleObject(shape)))) };
    case 'deep-nesting': {
      const depth = pick([100, 1_000, 10_000, 30_000]);
      const field = properties.length > 0 ? pick(properties)[0] : 'deep';
      const text = `{${JSON.stringify(field)}:${nested(depth, Math.random() < 0.5)}}`;
      return { ...base, kind, body: Buffer.from(text) };
    }
    case 'slow-body': {
      // What a slow or stalling client sends: a short body, a few bytes at a time. (A multi-megabyte
      // body at that pace meets Node's own request timeout, 408 after five minutes, by design.)
      for (;;) {
        const inner = malformedMessage(pick(['wrong-type', 'unknown-key', 'broken-json', 'out-of-range'] as const));
        if (inner.body.length <= 2048) return { ...inner, kind };
      }
    }
    case 'unknown-call':
      return {
        ...base,
        kind,
        call: pick([
          '',
          'issueTickets',
          'constructor',
          '__proto__',
          'toString',
          '..%2F..%2Fetc',
          'ISSUETICKET',
          `x${random(1e6)}`,
        ]),
        body: json({}),
      };
    case 'wrong-method':
      return { ...base, kind, method: pick(['GET', 'PUT', 'DELETE'] as const), body: Buffer.alloc(0) };
  }
}

/** How often each kind comes up: mostly schema-level mistakes, some transport-level ones. */
const KINDS: [MessageKind, number][] = [
  ['wrong-type', 25],
  ['out-of-range', 15],
  ['unknown-key', 15],
  ['not-an-object', 5],
  ['huge-string', 10],
  ['broken-json', 15],
  ['deep-nesting', 7],
  ['slow-body', 2],
  ['unknown-call', 3],
  ['wrong-method', 3],
];

export function randomKind(): MessageKind {
  let roll = random(KINDS.reduce((sum, [, weight]) => sum + weight, 0));
  for (const [kind, weight] of KINDS) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return 'wrong-type';
}

/** A body far past every limit (the 12 MB of imports too): the kiosk must answer 413, not cut the connection. */
export function oversizedBody(): MalformedMessage {
  return {
    kind: 'huge-string',
    call: pick(['issueTicket', 'deskSignIn', 'applyCatalogImport']),
    method: 'POST',
    body: Buffer.from(JSON.stringify({ text: 'x'.repeat(13 * 1024 * 1024) })),
  };
}
