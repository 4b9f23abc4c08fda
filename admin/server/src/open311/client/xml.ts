import { XMLParser } from 'fast-xml-parser';

/**
 * Every GeoReport v2 list container, by path. Parsed "always an array" so a one-element list
 * stays a list (open311.md pitfall 4).
 */
const LIST_PATHS: ReadonlySet<string> = new Set([
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
  'services.service',
  'service_definition.attributes.attribute',
  'service_definition.attributes.attribute.values.value',
  'service_requests.request',
  'service_requests.request.notes.note',
  'service_requests.request.attributes.attribute',
  'service_requests.request.attributes.attribute.values.value',
  'errors.error',
]);

// Values stay text (a `006` service code must not become 6); entities are decoded.
const parser = new XMLParser({ parseTagValue: false, trimValues: true, ignoreDeclaration: true, isArray: (_name, jpath) => LIST_PATHS.has(String(jpath)) });

/** A list container's items; an empty container (`<values />`, `<values></values>`) is an empty list. */
export function itemsOf(container: unknown, item: string): unknown[] {
  if (container === undefined || container === null || container === '') return [];
  if (typeof container !== 'object') return [];
  const items = (container as Record<string, unknown>)[item];
  return Array.isArray(items) ? items : [];
}

/** The document's root element content, checked by name. */
export function parseXmlRoot(body: string, root: string): unknown {
  const parsed = parser.parse(body) as Record<string, unknown>;
  if (!(root in parsed)) {
    const found = Object.keys(parsed).join(', ') || 'nothing';
    throw new Open311ParseError(`expected an XML <${root}> document, found ${found}`);
  }
  return parsed[root] ?? '';
}

export class Open311ParseError extends Error {
  override name = 'Open311ParseError';
}
