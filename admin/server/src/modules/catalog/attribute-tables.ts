import type { Flag } from '../../db/schema.js';

/**
 * The tables of migration 0002 that hold service definitions, as Kysely sees them. They live here
 * (not in db/schema.ts) until the lead merges them there; repositories reach them with
 * `db.withTables<AttributeTables>()`.
 */

export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export interface ServiceAttributesTable {
  tenant_id: string;
  service_code: string;
  code: string;
  /** Open311 `order`: a unique positive integer within the definition. */
  position: number;
  /** 0 = informational text only, nothing to answer. */
  variable: Flag;
  datatype: AttributeDatatype;
  required: Flag;
}

export interface ServiceAttributeTextsTable {
  tenant_id: string;
  service_code: string;
  attribute_code: string;
  locale: string;
  description: string;
  datatype_description: string;
}

export interface ServiceAttributeValuesTable {
  tenant_id: string;
  service_code: string;
  attribute_code: string;
  value_key: string;
  position: number;
}

export interface ServiceAttributeValueNamesTable {
  tenant_id: string;
  service_code: string;
  attribute_code: string;
  value_key: string;
  locale: string;
  name: string;
}

// A type alias, not an interface: Kysely's withTables() needs an index-signature-compatible type.
export type AttributeTables = {
  service_attributes: ServiceAttributesTable;
  service_attribute_texts: ServiceAttributeTextsTable;
  service_attribute_values: ServiceAttributeValuesTable;
  service_attribute_value_names: ServiceAttributeValueNamesTable;
};
