import type { IsoText } from '../../db/schema.js';

/**
 * Migration 0004's tables as Kysely sees them; repositories reach them with
 * `db.withTables<ContentTables>()` until db/schema.ts takes them.
 */

export type ContentKind = 'faq' | 'procedure';

export interface ContentEntriesTable {
  tenant_id: string;
  id: string;
  kind: ContentKind;
  service_code: string | null;
  latest_version: number;
  published_version: number | null;
  published_at: IsoText | null;
  published_by: string | null;
  created_at: IsoText;
  updated_at: IsoText;
}

export interface ContentVersionsTable {
  tenant_id: string;
  entry_id: string;
  version: number;
  /** JSON: locale -> texts. */
  texts: string;
  created_at: IsoText;
  created_by: string;
}

export interface ContentStateTable {
  tenant_id: string;
  revision: number;
}

export interface ContentBundlesTable {
  tenant_id: string;
  version: number;
  revision: number;
  created_at: IsoText;
  expires_at: IsoText;
  manifest: string;
  signature: string;
  key_id: string;
}

export interface ContentFilesTable {
  tenant_id: string;
  sha256: string;
  body: string;
  size: number;
  created_at: IsoText;
}

export interface ContentSigningKeysTable {
  tenant_id: string;
  key_id: string;
  public_key: string;
  private_key: string;
  created_at: IsoText;
}

// A type alias, not an interface: Kysely's withTables() needs an index-signature-compatible type.
export type ContentTables = {
  content_entries: ContentEntriesTable;
  content_versions: ContentVersionsTable;
  content_state: ContentStateTable;
  content_bundles: ContentBundlesTable;
  content_files: ContentFilesTable;
  content_signing_keys: ContentSigningKeysTable;
};

