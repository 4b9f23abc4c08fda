import { assign, fromPromise } from 'xstate';
import type { AnalyticsEvent, FilingResult, KioskLocale, RequestDraft } from '@kiosk/shared';
import { requestMachine, type CatalogLoad } from './request.js';
import { resolveAnalyticsNote, sessionMachine, type AnalyticsNote } from './session.js';
import { createFaqFlow, type FaqEffects } from './faq.js';
import { createFollowUpFlow, type FollowUpEffects } from './follow-up.js';
import { createAppointmentsFlow, type AppointmentsEffects } from './appointments.js';

export * from './config.js';
export * from './description.js';
export * from './failure.js';
export * from './request.js';
export * from './session.js';
export * from './journey-step.js';
export * from './faq.js';
export * from './follow-up.js';
export * from './appointments.js';

/** The effects the flows need from the world; the renderer implements them over KioskClient. */
export interface KioskEffects extends FaqEffects, FollowUpEffects, AppointmentsEffects {
  loadCatalog(locale: KioskLocale): Promise<CatalogLoad>;
  fileRequest(draft: RequestDraft): Promise<FilingResult>;
  /** Whether the printer can print a receipt now (asked before the review promises one). */
  receiptAvailable(): Promise<boolean>;
  /** One usage event for the agent (never personal data); fire and forget. */
  recordAnalytics(event: AnalyticsEvent): void;
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
      checkPrinter: fromPromise<boolean>(() => effects.receiptAvailable()),
    },
    actions: {
      // Minted on the first confirmation; "try again" after a failure reuses it.
      mintDraftId: assign({ draftId: ({ context }) => context.draftId ?? effects.newDraftId() }),
    },
  });
  return sessionMachine.provide({
    actors: { requestFlow, faqFlow: createFaqFlow(effects), followUpFlow: createFollowUpFlow(effects), appointmentsFlow: createAppointmentsFlow(effects) },
    actions: {
      sessionStarted: () => effects.sessionChanged(true),
      sessionEnded: () => effects.sessionChanged(false),
      analytics: ({ self }, note: AnalyticsNote) => {
        const event = resolveAnalyticsNote(note, self.getSnapshot().children);
        if (event !== null) effects.recordAnalytics(event);
      },
    },
  });
}
export * from './opening-hours.js';
