import type { RouteObject } from 'react-router';
import type { StaffRole } from '@kiosk/shared';
import type { Namespace } from '../i18n';

/**
 * One section of the console (fleet, cases, appointments, content, figures, users). The shell
 * shows its navigation link only to `roles`, and guards every route under `path` the same way;
 * the hub enforces the same limits on its API, the console only avoids showing dead ends.
 */
export interface ConsoleArea {
  readonly id: Namespace;
  /** First path segment under /console, e.g. 'fleet'. */
  readonly path: string;
  readonly roles: readonly StaffRole[];
  /** `routes` are relative to `path` ('' or index for the area's landing page). */
  readonly routes: RouteObject[];
}
