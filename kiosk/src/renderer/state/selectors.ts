import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { CatalogService, FilingResult } from '@kiosk/shared';
import type { RequestMachine, SessionMachine } from '../../flows/index';

type SessionSnapshot = SnapshotFrom<SessionMachine>;
type RequestSnapshot = SnapshotFrom<RequestMachine>;
export type RequestActor = ActorRefFrom<RequestMachine>;

export type SessionScreen = 'attract' | 'language' | 'home' | 'filing' | 'goodbye';

export function selectScreen(snapshot: SessionSnapshot): SessionScreen {
  if (snapshot.matches('attract')) return 'attract';
  if (snapshot.matches({ active: { screen: 'language' } })) return 'language';
  if (snapshot.matches({ active: { screen: 'home' } })) return 'home';
  if (snapshot.matches({ active: { screen: 'filing' } })) return 'filing';
  return 'goodbye';
}

export const selectLocale = (snapshot: SessionSnapshot) => snapshot.context.locale;
export const selectIsWarning = (snapshot: SessionSnapshot) => snapshot.matches({ active: { idle: 'warning' } });
export const selectWarningMs = (snapshot: SessionSnapshot) => snapshot.context.timers.warningMs;
export const selectCanExtend = (snapshot: SessionSnapshot) => snapshot.can({ type: 'idle.extended' });
export const selectCanRestart = (snapshot: SessionSnapshot) => snapshot.can({ type: 'session.restarted' });
export const selectRequestActor = (snapshot: SessionSnapshot): RequestActor | undefined => snapshot.children.request;

export type RequestStep = 'choosingService' | 'describing' | 'reviewing' | 'submitting' | 'done' | 'failed' | 'finished';

export function selectStep(snapshot: RequestSnapshot): RequestStep {
  if (snapshot.matches('finished')) return 'finished';
  const steps = ['choosingService', 'describing', 'reviewing', 'submitting', 'done', 'failed'] as const;
  return steps.find((step) => snapshot.matches({ active: { steps: step } })) ?? 'choosingService';
}

export type CatalogStatus = 'loading' | 'ready' | 'unavailable';

export function selectCatalogStatus(snapshot: RequestSnapshot): CatalogStatus {
  if (snapshot.matches({ active: { catalog: 'ready' } })) return 'ready';
  if (snapshot.matches({ active: { catalog: 'unavailable' } })) return 'unavailable';
  return 'loading';
}

const NO_SERVICES: readonly CatalogService[] = [];
export const selectServices = (snapshot: RequestSnapshot) => snapshot.context.catalog?.services ?? NO_SERVICES;
export const selectCatalogStale = (snapshot: RequestSnapshot) => snapshot.context.catalog?.stale ?? false;
export const selectDescription = (snapshot: RequestSnapshot) => snapshot.context.description;
export const selectDescriptionProblem = (snapshot: RequestSnapshot) => snapshot.context.descriptionProblem;
export const selectFailure = (snapshot: RequestSnapshot) => snapshot.context.failure;
export const selectFiling = (snapshot: RequestSnapshot): FilingResult | null => snapshot.context.filing;

export function selectChosenService(snapshot: RequestSnapshot): CatalogService | null {
  const code = snapshot.context.serviceCode;
  return snapshot.context.catalog?.services.find((service) => service.serviceCode === code) ?? null;
}
