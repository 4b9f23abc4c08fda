/** Every number of the content module that matters, with its default, in one place. */
export interface ContentSettings {
  /** How long a signed bundle manifest is valid; kiosks refuse an expired one. */
  readonly bundleLifetimeMs: number;
  /** Re-sign (a new version, same content) once less than this remains, so kiosks never hold an expired one. */
  readonly bundleRenewBeforeMs: number;
  /** Search answers at most this many results unless asked for fewer. */
  readonly searchDefaultLimit: number;
  readonly searchMaxLimit: number;
  /** Longest search query accepted (characters). */
  readonly searchMaxQueryLength: number;
}

export const DEFAULT_CONTENT_SETTINGS: ContentSettings = {
  bundleLifetimeMs: 30 * 24 * 60 * 60 * 1000,
  bundleRenewBeforeMs: 15 * 24 * 60 * 60 * 1000,
  searchDefaultLimit: 10,
  searchMaxLimit: 50,
  searchMaxQueryLength: 200,
};
