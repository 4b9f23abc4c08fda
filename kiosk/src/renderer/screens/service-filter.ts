import { searchWordMatch, tokeniseSearchText, type CatalogService } from '@kiosk/shared';

/**
 * Which services the list shows: those of the chosen group (all when none) whose name, keywords,
 * description or group match every word typed, accents and case ignored, a short word as a prefix
 * and one typo forgiven ("farola", "Farolas", "alumbrado", "empadronamineto"). Sorted by group,
 * then name, so the list can carry a heading per group.
 */
export function filterServices(services: readonly CatalogService[], group: string | null, query: string): CatalogService[] {
  const words = tokeniseSearchText(query);
  return services
    .filter((service) => group === null || service.group === group)
    .filter((service) => {
      if (words.length === 0) return true;
      const text = tokeniseSearchText([service.name, service.group, service.description, ...service.keywords].join(' '));
      return words.every((word) => text.some((candidate) => searchWordMatch(word, candidate) > 0));
    })
    .sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
}

/** The catalogue's groups, in list order, each once. */
export function groupsOf(services: readonly CatalogService[]): string[] {
  return [...new Set(services.map((service) => service.group))].sort((a, b) => a.localeCompare(b));
}
