import type { ServiceDefinition } from '../modules/catalog/definition.js';
import type { Open311Format, Open311Value } from './render.js';

/** A list inside a resource: the bare array in JSON, a container of `item` elements in XML (pitfall 4). */
export function nestedList(format: Open311Format, item: string, items: readonly Open311Value[]): Open311Value {
  return format === 'xml' ? { [item]: [...items] } : [...items];
}

/** GET services/{code}: `{ service_code, attributes[] }`, `values[]` of `{ key, name }` with string keys. */
export function toOpen311Definition(definition: ServiceDefinition, format: Open311Format): Record<string, Open311Value> {
  const attributes = definition.attributes.map((a) => ({
    variable: a.variable,
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    datatype_description: a.datatypeDescription,
    order: a.order,
    description: a.description,
    values: nestedList(format, 'value', a.values.map((v) => ({ key: v.key, name: v.name }))),
  }));
  return { service_code: definition.serviceCode, attributes: nestedList(format, 'attribute', attributes) };
}
