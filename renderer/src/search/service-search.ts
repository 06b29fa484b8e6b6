import type { Language, LocalizedKeywords, LocalizedText } from '../../../main/contract';

/**
 * Service search for the kiosk's on-screen keyboard. Pure and without Node or DOM imports, so the
 * renderer runs it in its own process: a keystroke then costs no IPC or HTTP round trip.
 *
 * Every text is folded to one Latin skeleton, so scripts and spellings meet: «Паспорт» and
 * "pasport" both become "pasport", "şəxsiyyət" and "sexsiyyet" both "sexsiiet".
 */

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ц: 'ts',
  ч: 'c',
  ш: 's',
  щ: 's',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ә: 'e',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'x',
  і: 'i',
  ё: 'e',
  ў: 'u',
  ə: 'e',
  ı: 'i',
};

/** Folds a text to lowercase Latin letters and digits, with spaces between words. */
export function foldText(text: string): string {
  const bare = text
    .toLowerCase()
    .normalize('NFD')
    // Combining marks (ş → s, ü → u, й → и) and the Uzbek ʻ and apostrophes carry no letter of their own.
    .replace(/[\u0300-\u036f\u02bb\u02bc'‘’`]/g, '');
  let latin = '';
  for (const char of bare) latin += CYRILLIC[char] ?? char;
  return (
    latin
      // Latin spellings of the same sounds: sh, ch, kh, zh as their Cyrillic letters fold.
      .replace(/sh/g, 's')
      .replace(/ch/g, 'c')
      .replace(/kh/g, 'x')
      .replace(/zh/g, 'j')
      .replace(/h/g, 'x')
      .replace(/q/g, 'k')
      .replace(/w/g, 'v')
      .replace(/y/g, 'i')
      .replace(/[^a-z0-9]+/g, ' ')
      // Doubled letters are the commonest spelling slip (kassa/kasa, sexsiyyet/sexsiyet).
      .replace(/([a-z])\1+/g, '$1')
      .trim()
  );
}

export function foldWords(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ');
}

/** What search reads of a service; `extra` holds its provider's and category's names. */
export interface SearchableService {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  keywords: LocalizedKeywords;
  extra?: readonly LocalizedText[];
}

export type MatchField = 'name' | 'keyword' | 'description';

export interface SearchHit {
  serviceId: string;
  score: number;
  /** The best kind of text a word of the query matched. */
  field: MatchField;
}

/** Name matches outrank keyword matches, which outrank description matches, whatever the match quality. */
const FIELD_WEIGHT: Record<MatchField, number> = { name: 100, keyword: 40, description: 10 };
const EXACT = 1;
const PREFIX = 0.8;
const TYPO = 0.6;
/** The visitor's own language's text counts a little more than the same words in another. */
const OWN_LANGUAGE = 1.1;

export interface SearchIndex {
  readonly ids: readonly string[];
  /** The distinct folded words, sorted, so the words a query word begins are one contiguous run. */
  readonly tokens: readonly string[];
  /** Per token: pairs (service index, code) where code = field weight × 8 + language index, best per service. */
  readonly postings: readonly Int32Array[];
  /**
   * Per token: the letters of its first n + 1 characters as a bit set (row n − 5 for a query word of
   * n letters, the last row for longer words), to rule out most typo candidates with one AND.
   */
  readonly letterMasks: readonly Int32Array[];
  /** Per token: its length and first character code, read without touching the string. */
  readonly lengths: Int32Array;
  readonly firstChars: Int32Array;
  /** Per second character code: the tokens with that second character, in token order. */
  readonly bySecondChar: ReadonlyMap<number, Int32Array>;
  /** Buffers reused by every keystroke, so typing allocates nothing per service. */
  readonly scratch: SearchScratch;
}

interface SearchScratch {
  total: Float64Array;
  scores: Float64Array;
  bestField: Int32Array;
  fields: Int32Array;
}

const LANGUAGE_INDEX: Record<Language, number> = { az: 0, ru: 1, en: 2, kk: 3, ky: 4, uz: 5 };

/** Builds the index once per catalog; searching then visits only the folded words a query word can match. */
export function buildSearchIndex(services: readonly SearchableService[]): SearchIndex {
  const tokenIds = new Map<string, number>();
  const lists: number[][] = [];
  services.forEach((service, serviceIndex) => {
    const best = new Map<number, number>();
    const add = (text: string, weight: number, language: Language) => {
      for (const word of foldWords(text)) {
        let id = tokenIds.get(word);
        if (id === undefined) {
          id = lists.length;
          tokenIds.set(word, id);
          lists.push([]);
        }
        const code = weight * 8 + LANGUAGE_INDEX[language];
        const previous = best.get(id);
        if (previous === undefined || Math.floor(previous / 8) < weight) best.set(id, code);
      }
    };
    for (const language of Object.keys(LANGUAGE_INDEX) as Language[]) {
      add(service.name[language], FIELD_WEIGHT.name, language);
      for (const keyword of service.keywords[language]) add(keyword, FIELD_WEIGHT.keyword, language);
      for (const extra of service.extra ?? []) add(extra[language], FIELD_WEIGHT.keyword, language);
      add(service.description[language], FIELD_WEIGHT.description, language);
    }
    for (const [id, code] of best) lists[id]!.push(serviceIndex, code);
  });
  const unsorted = [...tokenIds.keys()];
  const order = unsorted.map((_, id) => id).sort((a, b) => (unsorted[a]! < unsorted[b]! ? -1 : 1));
  const tokens = order.map((id) => unsorted[id]!);
  const secondChar = new Map<number, number[]>();
  tokens.forEach((token, tokenId) => {
    if (token.length < 2) return;
    const code = token.charCodeAt(1);
    let list = secondChar.get(code);
    if (list === undefined) secondChar.set(code, (list = []));
    list.push(tokenId);
  });
  const count = services.length;
  return {
    ids: services.map((service) => service.id),
    tokens,
    postings: order.map((id) => Int32Array.from(lists[id]!)),
    letterMasks: prefixLetterMasks(tokens),
    lengths: Int32Array.from(tokens, (token) => token.length),
    firstChars: Int32Array.from(tokens, (token) => token.charCodeAt(0)),
    bySecondChar: new Map([...secondChar].map(([code, list]) => [code, Int32Array.from(list)])),
    scratch: {
      total: new Float64Array(count),
      scores: new Float64Array(count),
      bestField: new Int32Array(count),
      fields: new Int32Array(count),
    },
  };
}

/** Prefix masks kept for words of 5 to 8 letters; longer words compare with the whole token's letters. */
const MASKED_PREFIXES = 5;

/** Row r holds each token's letters among its first r + 6 characters; the last row, all its letters. */
function prefixLetterMasks(tokens: readonly string[]): Int32Array[] {
  const rows = Array.from({ length: MASKED_PREFIXES }, () => new Int32Array(tokens.length));
  tokens.forEach((token, tokenId) => {
    let mask = 0;
    for (let i = 0; i < token.length; i++) {
      mask |= letterBit(token.charCodeAt(i));
      // After i + 1 characters: the row for words of i letters, whose typos reach i + 1 characters.
      if (i + 1 >= 6 && i + 1 - 6 < MASKED_PREFIXES - 1) rows[i + 1 - 6]![tokenId] = mask;
    }
    // Rows for prefixes longer than the token, and the last row, hold all of its letters.
    for (let row = Math.max(0, token.length - 5); row < MASKED_PREFIXES; row++) rows[row]![tokenId] = mask;
    rows[MASKED_PREFIXES - 1]![tokenId] = mask;
  });
  return rows;
}

function letterBit(code: number): number {
  return 1 << (code >= 97 ? code - 97 : 26 + (code % 6));
}

/** One bit per letter; digits share the high bits, which only makes the filter let more through. */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    mask |= letterBit(word.charCodeAt(i));
  }
  return mask;
}

/** True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) {
    if (short.slice(i + 1) === long.slice(i + 1)) return true;
    return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
  }
  return short.slice(i) === long.slice(i + 1);
}

/** Whether word[from..to) equals token[from + shift..to + shift), without cutting either string. */
function sameRun(word: string, token: string, from: number, to: number, shift: number): boolean {
  for (let k = from; k < to; k++) if (word.charCodeAt(k) !== token.charCodeAt(k + shift)) return false;
  return true;
}

/**
 * Whether one of the token's first n − 1, n or n + 1 letters (n = the word's length) is within one edit
 * of the word: a typo in a whole word, or in the part typed so far. The token must not begin with the
 * word (that is a prefix match) and must have at least n − 1 letters.
 */
function typoOfPrefix(word: string, token: string): boolean {
  const n = word.length;
  const length = token.length;
  let i = 0;
  while (i < n && i < length && word.charCodeAt(i) === token.charCodeAt(i)) i++;
  // One letter of the word left out (the token's first n − 1 letters).
  if (sameRun(word, token, i + 1, n, -1)) return true;
  if (length < n) return false;
  // One letter mistyped, or two neighbours swapped (the token's first n letters).
  if (sameRun(word, token, i + 1, n, 0)) return true;
  if (
    i + 1 < n &&
    word.charCodeAt(i) === token.charCodeAt(i + 1) &&
    word.charCodeAt(i + 1) === token.charCodeAt(i) &&
    sameRun(word, token, i + 2, n, 0)
  )
    return true;
  // One letter too many (the token's first n + 1 letters).
  return length > n && sameRun(word, token, i, n, 1);
}

/** The first token not sorted before `word`. */
function lowerBound(tokens: readonly string[], word: string): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tokens[middle]! < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Calls `visit` with each token the word matches and how well: exact, as the start of the token
 * (typing goes on), or, for words of five letters or more, with one typo. A typo candidate must share
 * the word's first or second letter, and miss at most one of its letters.
 */
function forEachMatch(index: SearchIndex, word: string, visit: (tokenId: number, quality: number) => void): void {
  const { tokens, letterMasks, lengths, firstChars, bySecondChar } = index;
  const n = word.length;
  const prefixStart = lowerBound(tokens, word);
  let prefixEnd = prefixStart;
  while (prefixEnd < tokens.length && tokens[prefixEnd]!.startsWith(word)) {
    visit(prefixEnd, tokens[prefixEnd]!.length === n ? EXACT : PREFIX);
    prefixEnd++;
  }
  if (n < 5) return;
  const mask = letterMask(word);
  const prefixMasks = letterMasks[Math.min(n - 5, MASKED_PREFIXES - 1)]!;
  const isTypo = (tokenId: number) => {
    if (lengths[tokenId]! < n - 1) return false;
    const missing = mask & ~prefixMasks[tokenId]!;
    return (missing & (missing - 1)) === 0 && typoOfPrefix(word, tokens[tokenId]!);
  };
  // Tokens sharing the first letter are one run around the prefix matches.
  const firstCode = word.charCodeAt(0);
  for (let tokenId = lowerBound(tokens, word[0]!); tokenId < prefixStart; tokenId++)
    if (isTypo(tokenId)) visit(tokenId, TYPO);
  for (let tokenId = prefixEnd; tokenId < tokens.length && firstChars[tokenId] === firstCode; tokenId++)
    if (isTypo(tokenId)) visit(tokenId, TYPO);
  const sameSecond = bySecondChar.get(word.charCodeAt(1));
  if (sameSecond === undefined) return;
  for (let k = 0; k < sameSecond.length; k++) {
    const tokenId = sameSecond[k]!;
    if (firstChars[tokenId] !== firstCode && isTypo(tokenId)) visit(tokenId, TYPO);
  }
}

/**
 * Services matching every word of the query (the last one may be unfinished), best first. Ties
 * keep catalog order, so the result does not jump about between keystrokes.
 */
export function searchServices(index: SearchIndex, query: string, language: Language, limit = 30): SearchHit[] {
  const words = [...new Set(foldWords(query))];
  if (words.length === 0) return [];
  const own = LANGUAGE_INDEX[language];
  const serviceCount = index.ids.length;
  const { total, scores, bestField, fields } = index.scratch;
  words.forEach((word, position) => {
    const first = position === 0;
    // The first word writes straight into the totals; later ones into their own row, then combine.
    const wordScores = first ? total : scores;
    const wordFields = first ? bestField : fields;
    wordScores.fill(0);
    wordFields.fill(0);
    forEachMatch(index, word, (tokenId, quality) => {
      const postings = index.postings[tokenId]!;
      for (let p = 0; p < postings.length; p += 2) {
        const serviceIndex = postings[p]!;
        const code = postings[p + 1]!;
        const weight = Math.floor(code / 8);
        const score = weight * quality * (code % 8 === own ? OWN_LANGUAGE : 1);
        if (score > wordScores[serviceIndex]!) wordScores[serviceIndex] = score;
        if (weight > wordFields[serviceIndex]!) wordFields[serviceIndex] = weight;
      }
    });
    if (first) return;
    for (let s = 0; s < serviceCount; s++) {
      // Every word must match somewhere: one that does not rules the service out.
      total[s] = scores[s]! > 0 && total[s]! > 0 ? total[s]! + scores[s]! : 0;
      if (fields[s]! > bestField[s]!) bestField[s] = fields[s]!;
    }
  });
  const best = topServices(total, words.length, limit);
  return best.map((s) => ({
    serviceId: index.ids[s]!,
    score: total[s]! / words.length,
    field: fieldName(bestField[s]!),
  }));
}

/**
 * The `limit` services of highest score, best first, ties in catalog order — what a stable sort of
 * all of them would start with, without sorting the thousands a one-letter query matches.
 */
function topServices(total: Float64Array, wordCount: number, limit: number): number[] {
  const best: number[] = [];
  if (!Number.isInteger(limit) || limit <= 0) {
    // An odd limit: take the slow road, with exactly the meaning of slice(0, limit).
    for (let s = 0; s < total.length; s++) if (total[s]! > 0) best.push(s);
    return best.sort((a, b) => total[b]! / wordCount - total[a]! / wordCount).slice(0, limit);
  }
  let worst = 0;
  for (let s = 0; s < total.length; s++) {
    if (!(total[s]! > 0)) continue;
    const score = total[s]! / wordCount;
    if (best.length === limit && score <= worst) continue;
    // Insert after every kept service scoring the same or more, as a stable sort would place it.
    let at = best.length;
    while (at > 0 && total[best[at - 1]!]! / wordCount < score) at--;
    best.splice(at, 0, s);
    if (best.length > limit) best.pop();
    worst = total[best[best.length - 1]!]! / wordCount;
  }
  return best;
}

function fieldName(weight: number): MatchField {
  if (weight >= FIELD_WEIGHT.name) return 'name';
  return weight >= FIELD_WEIGHT.keyword ? 'keyword' : 'description';
}
