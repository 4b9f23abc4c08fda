import { assign, fromPromise } from 'xstate';
import type { FilingResult, KioskLocale, RequestDraft } from '@kiosk/shared';
import { requestMachine, type CatalogLoad } from './request.js';
import { sessionMachine } from './session.js';

export * from './config.js';
export * from './description.js';
export * from './failure.js';
export * from './request.js';
export * from './session.js';

/** The effects the flows need from the world; the renderer implements them over KioskClient. */
export interface KioskEffects {
  loadCatalog(locale: KioskLocale): Promise<CatalogLoad>;
  fileRequest(draft: RequestDraft): Promise<FilingResult>;
  /** A fresh, unguessable id for a new draft (crypto.randomUUID in the browser). */
  newDraftId(): string;
  /** Tells the agent a citizen session began (true) or ended (false); fire and forget. */
  sessionChanged(active: boolean): void;
}

/** The session machine with every journey's effects wired to `effects`. */
export function createKioskSessionMachine(effects: KioskEffects) {
  const requestFlow = requestMachine.provide({
    actors: {
      loadCatalog: fromPromise<CatalogLoad, { locale: KioskLocale }>(({ input }) => effects.loadCatalog(input.locale)),
      submitRequest: fromPromise<FilingResult, RequestDraft>(({ input }) => effects.fileRequest(input)),
    },
    actions: {
      // Minted on the first confirmation; "try again" after a failure reuses it.
      mintDraftId: assign({ draftId: ({ context }) => context.draftId ?? effects.newDraftId() }),
    },
  });
  return sessionMachine.provide({
    actors: { requestFlow },
    actions: {
      sessionStarted: () => effects.sessionChanged(true),
      sessionEnded: () => effects.sessionChanged(false),
    },
  });
}
