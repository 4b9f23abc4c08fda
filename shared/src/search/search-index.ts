import { searchWordMatch, tokeniseSearchText } from './text.js';

/** Characters of an answer shown beside a search hit. */
export const SEARCH_SUMMARY_LENGTH = 160;

/**
 * An in-memory inverted index over one language's published texts, ranked in code (not SQL), so
 * SQLite, PostgreSQL and a kiosk's offline copy of the content bundle answer identically. Score = sum over query words of the best match
 * quality x field weight x rarity (idf), times the share of query words found.
 */

export interface IndexedDocument {
  readonly id: string;
  readonly kind: 'faq' | 'procedure';
  readonly serviceCode: string | null;
  readonly locale: string;
  readonly title: string;
  /** Everything else worth finding: answer, what to bring, easy-read text... */
  readonly body: string;
  readonly summary: string;
}

export interface RankedDocument {
  readonly document: IndexedDocument;
  readonly score: number;
}

/** A word in the title counts this much more than one in the body. */
export const SEARCH_TITLE_WEIGHT = 2;
const BODY_WEIGHT = 1;

interface Posting {
  readonly doc: number;
  readonly weight: number;
}

export class SearchIndex {
  private readonly postings = new Map<string, Posting[]>();

  constructor(readonly documents: readonly IndexedDocument[]) {
    documents.forEach((document, doc) => {
      const weights = new Map<string, number>();
      for (const word of tokeniseSearchText(document.body)) weights.set(word, Math.max(weights.get(word) ?? 0, BODY_WEIGHT));
      for (const word of tokeniseSearchText(document.title)) weights.set(word, SEARCH_TITLE_WEIGHT);
      for (const [word, weight] of weights) {
        let list = this.postings.get(word);
        if (list === undefined) this.postings.set(word, (list = []));
        list.push({ doc, weight });
      }
    });
  }

  search(query: string, limit: number): RankedDocument[] {
    const words = [...new Set(tokeniseSearchText(query))];
    if (words.length === 0 || this.documents.length === 0) return [];
    const scores = new Map<number, number>();
    const found = new Map<number, number>();
    for (const queryWord of words) {
      const best = new Map<number, number>();
      for (const [word, list] of this.postings) {
        const quality = searchWordMatch(queryWord, word);
        if (quality === 0) continue;
        // Rare words tell more: "empadronamiento" outweighs "de".
        const rarity = Math.log(1 + this.documents.length / list.length);
        for (const { doc, weight } of list) {
          const value = quality * weight * rarity;
          if (value > (best.get(doc) ?? 0)) best.set(doc, value);
        }
      }
      for (const [doc, value] of best) {
        scores.set(doc, (scores.get(doc) ?? 0) + value);
        found.set(doc, (found.get(doc) ?? 0) + 1);
      }
    }
    return [...scores]
      .map(([doc, score]) => ({ doc, score: score * ((found.get(doc) ?? 0) / words.length) }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, limit)
      .map(({ doc, score }) => ({ document: this.documents[doc] as IndexedDocument, score: Math.round(score * 1000) / 1000 }));
  }
}

/** The first words of a text, cut at a word boundary. */
export function summariseForSearch(text: string, length = SEARCH_SUMMARY_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
