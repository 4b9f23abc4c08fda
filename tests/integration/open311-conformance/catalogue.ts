import { call, jsonArray, json } from './spec-rules.js';
import type { Json } from './spec-rules.js';

/**
 * What a client learns from services.json and each service definition. The suite picks its
 * test subjects from here (a service with a required list attribute, a multivaluelist...) so
 * it checks the rules, not the demo catalogue's names.
 */
export interface Catalogue {
  readonly services: readonly Json[];
  /** service_code -> attributes of its definition (empty when metadata=false). */
  readonly attributes: ReadonlyMap<string, readonly Json[]>;
}

export async function readCatalogue(base: string): Promise<Catalogue> {
  const services = jsonArray(await call(`${base}/services.json`));
  const attributes = new Map<string, Json[]>();
  for (const service of services) {
    const code = String(service['service_code']);
    const definition = service['metadata'] === true ? (json(await call(`${base}/services/${code}.json`), 200) as Json) : { attributes: [] };
    attributes.set(code, definition['attributes'] as Json[]);
  }
  return { services, attributes };
}

function keysOf(attribute: Json): string[] {
  return (attribute['values'] as Json[]).map((v) => String(v['key']));
}

/** A valid answer for every required, variable attribute of a service. */
export function requiredAnswers(catalogue: Catalogue, serviceCode: string): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const attribute of catalogue.attributes.get(serviceCode) ?? []) {
    if (attribute['variable'] !== true || attribute['required'] !== true) continue;
    const code = String(attribute['code']);
    switch (attribute['datatype']) {
      case 'singlevaluelist':
        answers[`attribute[${code}]`] = keysOf(attribute)[0] ?? '';
        break;
      case 'multivaluelist':
        answers[`attribute[${code}][]`] = keysOf(attribute).slice(0, 2);
        break;
      case 'number':
        answers[`attribute[${code}]`] = '1';
        break;
      case 'datetime':
        answers[`attribute[${code}]`] = '2025-03-01T10:00:00+01:00';
        break;
      default:
        answers[`attribute[${code}]`] = 'conformance';
    }
  }
  return answers;
}

/** The first service with an attribute matching `wanted`, and that attribute. */
export function findAttribute(catalogue: Catalogue, wanted: (attribute: Json, service: Json) => boolean): { service: Json; attribute: Json } {
  for (const service of catalogue.services) {
    for (const attribute of catalogue.attributes.get(String(service['service_code'])) ?? []) {
      if (wanted(attribute, service)) return { service, attribute };
    }
  }
  throw new Error('the catalogue has no service with such an attribute');
}
