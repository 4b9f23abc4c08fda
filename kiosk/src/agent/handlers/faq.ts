import {
  FAQ_GENERAL_TOPIC,
  FaqBundleFileSchema,
  SearchIndex,
  summariseForSearch,
  type FaqBundleFile,
  type FaqEntry,
  type FaqEntrySummary,
  type FaqSearchResult,
  type FaqTopic,
  type FaqTopics,
  type IndexedDocument,
  type KioskLocale,
} from '@kiosk/shared';
import { KioskHandlerError } from './dispatch.js';

/**
 * FAQ entries and procedure sheets read from the live content bundle on disk, never from the hub:
 * the journey works offline. Search uses the same index as the hub (@kiosk/shared search/), so a
 * query ranks the same here and there. Parsed files and indexes are kept per language and rebuilt
 * when the bundle version changes.
 */

export interface FaqLibraryDeps {
  /** The live bundle's version; null before the first verified bundle. */
  readonly bundleVersion: () => number | null;
  /** A file of the live bundle by its manifest path, or null when it has none. */
  readonly readFile: (path: string) => Buffer | null;
  /** Service names in `locale` from the cached catalogue, in catalogue order (topic names). */
  readonly serviceNames: (locale: KioskLocale) => ReadonlyMap<string, string>;
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

/** Results shown for one search: a screenful, best first. */
export const FAQ_SEARCH_LIMIT = 8;

interface LoadedLanguage {
  readonly version: number;
  readonly file: FaqBundleFile;
  readonly index: SearchIndex;
}

type BundleEntry = FaqBundleFile['entries'][number];

const titleOf = (entry: BundleEntry) => (entry.kind === 'faq' ? entry.text.question : entry.text.title);

function bodyOf(entry: BundleEntry): string {
  if (entry.kind === 'faq') return [entry.text.answer, entry.text.easyRead ?? ''].join('\n');
  const t = entry.text;
  return [t.summary, ...t.whatToBring, t.cost, t.duration, t.where, t.responsible, t.easyRead].join('\n');
}

function summaryOf(entry: BundleEntry): FaqEntrySummary {
  const lead = entry.kind === 'faq' ? entry.text.answer : entry.text.summary;
  return { id: entry.id, kind: entry.kind, serviceCode: entry.serviceCode, locale: entry.locale, title: titleOf(entry), summary: summariseForSearch(lead) };
}

export class FaqLibrary {
  private readonly loaded = new Map<KioskLocale, LoadedLanguage>();

  constructor(private readonly deps: FaqLibraryDeps) {}

  /** Every entry grouped by service (catalogue order), entries tied to no service last. */
  topics(locale: KioskLocale): FaqTopics {
    const language = this.language(locale);
    if (language === null) return { available: false, topics: [] };
    const names = this.deps.serviceNames(locale);
    const byCode = new Map<string, FaqEntrySummary[]>();
    for (const entry of language.file.entries) {
      const code = entry.serviceCode ?? FAQ_GENERAL_TOPIC;
      const list = byCode.get(code) ?? [];
      list.push(summaryOf(entry));
      byCode.set(code, list);
    }
    const rank = (code: string) => {
      if (code === FAQ_GENERAL_TOPIC) return Number.MAX_SAFE_INTEGER;
      const position = [...names.keys()].indexOf(code);
      return position < 0 ? Number.MAX_SAFE_INTEGER - 1 : position;
    };
    const topics: FaqTopic[] = [...byCode]
      .map(([code, entries]) => ({ code, name: code === FAQ_GENERAL_TOPIC ? null : (names.get(code) ?? null), entries }))
      .sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
    return { available: true, topics };
  }

  /** Accent- and typo-tolerant search in one language; an empty query finds nothing. */
  search(locale: KioskLocale, query: string, limit = FAQ_SEARCH_LIMIT): FaqSearchResult {
    const language = this.language(locale);
    if (language === null) return { results: [] };
    const byId = new Map(language.file.entries.map((entry) => [entry.id, entry]));
    const results: FaqEntrySummary[] = [];
    for (const { document } of language.index.search(query, limit)) {
      const entry = byId.get(document.id);
      if (entry !== undefined) results.push(summaryOf(entry));
    }
    return { results };
  }

  entry(locale: KioskLocale, id: string): FaqEntry {
    const found = this.language(locale)?.file.entries.find((entry) => entry.id === id);
    if (found === undefined) throw new KioskHandlerError('not-found', 'this question is not in the kiosk content any more');
    const { version: _version, ...entry } = found;
    return entry;
  }

  /** The parsed language file and its index for the live bundle; null without a usable bundle. */
  private language(locale: KioskLocale): LoadedLanguage | null {
    const version = this.deps.bundleVersion();
    if (version === null) return null;
    const cached = this.loaded.get(locale);
    if (cached?.version === version) return cached;
    const bytes = this.deps.readFile(`content/${locale}.json`);
    if (bytes === null) return null;
    let file: FaqBundleFile;
    try {
      file = FaqBundleFileSchema.parse(JSON.parse(bytes.toString('utf8')));
    } catch (error) {
      // The bundle was verified (signature, hashes), so this is a format drift between hub and kiosk.
      this.deps.log?.('faq: the content file does not match the expected shape', { locale, version, error: (error as Error).message.slice(0, 200) });
      return null;
    }
    const documents: IndexedDocument[] = file.entries.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      serviceCode: entry.serviceCode,
      locale: entry.locale,
      title: titleOf(entry),
      body: bodyOf(entry),
      summary: '',
    }));
    const loaded: LoadedLanguage = { version, file, index: new SearchIndex(documents) };
    this.loaded.set(locale, loaded);
    return loaded;
  }
}
