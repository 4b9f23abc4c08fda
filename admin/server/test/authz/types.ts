import type { TestHub } from '../helpers/hub.js';
import type { Seeded } from './principals.js';

/** Who calls: nobody, the demo kiosk's credential, or a signed-in staff member of each role. */
export type Principal = 'anonymous' | 'kiosk' | 'admin' | 'caseworker' | 'editor' | 'operator' | 'viewer';

export const PRINCIPALS: readonly Principal[] = ['anonymous', 'kiosk', 'admin', 'caseworker', 'editor', 'operator', 'viewer'];

export interface AuthzRule {
  /** As in the route table: GET, POST, PUT, PATCH, DELETE (HEAD follows its GET rule unless given). */
  readonly method: string;
  /** Exactly as in the route table, parameters included: `/api/content/:id`. */
  readonly url: string;
  /** Who gets past authorisation. 'anonymous' here makes the route public. [] = nobody with a plain session. */
  readonly allow: readonly Principal[];
  /**
   * A valid body: required for every POST, PUT and PATCH rule, so that a refused role meets the
   * role check rather than body validation (a route validates before its handler checks the
   * role), and an allowed role's call really does what the route is for.
   */
  readonly body?: unknown | ((context: BodyContext) => unknown);
  /** Headers the route needs besides the principal's credential (e.g. an Idempotency-Key). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * For POST/PUT/PATCH: what an allowed role gets besides 2xx, documented per rule (e.g. 404 for
   * the made-up id in the URL, 409 when the seeded state makes the change a conflict).
   */
  readonly expect?: readonly number[];
  /** A query string (with its `?`) the route needs. */
  readonly query?: string;
}

/** What a body example may be built from: the hub (a kiosk reference needs its issuer) and the seeded ids. */
export interface BodyContext {
  readonly hub: TestHub;
  readonly seeded: Seeded;
}
