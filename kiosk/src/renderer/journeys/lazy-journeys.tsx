import { lazy } from 'react';

/**
 * The journeys' screens load on demand: the attract, language and home screens (the first thing
 * anyone sees) never wait for them. `prefetchJourneys` starts every download as soon as a session
 * begins, while the citizen picks a language, so a journey opens without a visible wait.
 * Each import() is one chunk; the browser caches it, so a second call costs nothing.
 */
const loadFaq = () => import('./faq/FaqJourney');
const loadFollowUp = () => import('./follow-up/FollowUpJourney');
const loadAppointments = () => import('./appointments/AppointmentsJourney');
const loadRequest = () => import('../screens/RequestJourney');

export const FaqJourney = lazy(() => loadFaq().then((module) => ({ default: module.FaqJourney })));
export const FollowUpJourney = lazy(() => loadFollowUp().then((module) => ({ default: module.FollowUpJourney })));
export const AppointmentsJourney = lazy(() => loadAppointments().then((module) => ({ default: module.AppointmentsJourney })));
export const RequestJourney = lazy(() => loadRequest().then((module) => ({ default: module.RequestJourney })));

export function prefetchJourneys(): void {
  // A failed prefetch is retried by React.lazy when the journey is opened; nothing to do here.
  for (const load of [loadRequest, loadFaq, loadFollowUp, loadAppointments]) void load().catch(() => undefined);
}
