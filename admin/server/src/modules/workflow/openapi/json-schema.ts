import { z } from 'zod';

/** A route schema part as JSON Schema 2020-12 (OpenAPI 3.1's dialect). */
export type JsonSchema = Record<string, unknown>;

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/**
 * Zod -> JSON Schema. Requests are described by what the client sends (`input`), answers by what
 * the hub sends (`output`); parts JSON Schema cannot express (transforms' results) become `{}`
 * rather than failing the whole document. A plain JSON Schema passes through.
 */
export function toJsonSchema(schema: unknown, io: 'input' | 'output'): JsonSchema | undefined {
  if (schema === undefined || schema === null) return undefined;
  if (!isZodSchema(schema)) return typeof schema === 'object' ? (schema as JsonSchema) : undefined;
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete converted['$schema'];
  return converted;
}

/** Properties of an object schema with their required flags (the query string and path parameters). */
export function objectProperties(schema: JsonSchema | undefined): { name: string; schema: JsonSchema; required: boolean }[] {
  const properties = schema?.['properties'];
  if (typeof properties !== 'object' || properties === null) return [];
  const required = new Set(Array.isArray(schema?.['required']) ? (schema['required'] as string[]) : []);
  return Object.entries(properties as Record<string, JsonSchema>).map(([name, property]) => ({ name, schema: property, required: required.has(name) }));
}
