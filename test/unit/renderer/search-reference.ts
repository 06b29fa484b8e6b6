// The search as it stood before its token index (round 2): a brute-force scan of every folded word of the
// catalog. Kept verbatim as the reference the indexed search must agree with, hit for hit.
import type { Language, LocalizedKeywords, LocalizedText } from '../../../main/contract';
import { foldWords } from '../../../renderer/src/search/service-search';

/** What search reads of a service; `extra` holds its provider's and category's names. */
interface SearchableService {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  keywords: LocalizedKeywords;
  extra?: readonly LocalizedText[];
}

type MatchField = 'name' | 'keyword' | 'description';

interface SearchHit {
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

interface SearchIndex {
  readonly ids: readonly string[];
  readonly tokens: readonly string[];
  /** Per token: pairs (service index, code) where code = field weight × 8 + language index, best per service. */
  readonly postings: readonly Int32Array[];
}

const LANGUAGE_INDEX: Record<Language, number> = { az: 0, ru: 1, en: 2, kk: 3, ky: 4, uz: 5 };

/** Builds the index once per catalog; searching then scans only the distinct folded words. */
export function buildReferenceIndex(services: readonly SearchableService[]): SearchIndex {
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
  return {
    ids: services.map((service) => service.id),
    tokens: [...tokenIds.keys()],
    postings: lists.map((list) => Int32Array.from(list)),
  };
}

/** True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours. */
function withinOneEdit(a: string, b: string): boolean {
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

/** How well a query word matches a token: exact, as the start of the token (typing goes on), or with one typo. */
function matchQuality(word: string, token: string): number {
  if (token.length >= word.length && token.startsWith(word)) return token.length === word.length ? EXACT : PREFIX;
  if (word.length < 5 || token.length < word.length - 1) return 0;
  if (token[0] !== word[0] && token[1] !== word[1]) return 0;
  if (withinOneEdit(word, token)) return TYPO;
  // The visitor is still typing: a typo in the part typed so far.
  for (const length of [word.length - 1, word.length, word.length + 1]) {
    if (length < token.length && withinOneEdit(word, token.slice(0, length))) return TYPO;
  }
  return 0;
}

/**
 * Services matching every word of the query (the last one may be unfinished), best first. Ties
 * keep catalog order, so the result does not jump about between keystrokes.
 */
export function referenceSearch(index: SearchIndex, query: string, language: Language, limit = 30): SearchHit[] {
  const words = [...new Set(foldWords(query))];
  if (words.length === 0) return [];
  const own = LANGUAGE_INDEX[language];
  const serviceCount = index.ids.length;
  let total: Float64Array | null = null;
  let bestField: Int32Array | null = null;
  for (const word of words) {
    const scores = new Float64Array(serviceCount);
    const fields = new Int32Array(serviceCount);
    index.tokens.forEach((token, tokenId) => {
      const quality = matchQuality(word, token);
      if (quality === 0) return;
      const postings = index.postings[tokenId]!;
      for (let p = 0; p < postings.length; p += 2) {
        const serviceIndex = postings[p]!;
        const code = postings[p + 1]!;
        const weight = Math.floor(code / 8);
        const score = weight * quality * (code % 8 === own ? OWN_LANGUAGE : 1);
        if (score > scores[serviceIndex]!) scores[serviceIndex] = score;
        if (weight > fields[serviceIndex]!) fields[serviceIndex] = weight;
      }
    });
    if (total === null || bestField === null) {
      total = scores;
      bestField = fields;
      continue;
    }
    for (let s = 0; s < serviceCount; s++) {
      // Every word must match somewhere: one that does not rules the service out.
      total[s] = scores[s]! > 0 && total[s]! > 0 ? total[s]! + scores[s]! : 0;
      if (fields[s]! > bestField[s]!) bestField[s] = fields[s]!;
    }
  }
  const hits: SearchHit[] = [];
  for (let s = 0; s < serviceCount; s++) {
    const score = total![s]!;
    if (score > 0)
      hits.push({ serviceId: index.ids[s]!, score: score / words.length, field: fieldName(bestField![s]!) });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

function fieldName(weight: number): MatchField {
  if (weight >= FIELD_WEIGHT.name) return 'name';
  return weight >= FIELD_WEIGHT.keyword ? 'keyword' : 'description';
}
