import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { CatalogAttribute, CatalogService, FilingResult, Landmark } from '@kiosk/shared';
import { currentQuestion, questionsOf, type RequestMachine, type SessionMachine } from '../../flows/index';

type SessionSnapshot = SnapshotFrom<SessionMachine>;
type RequestSnapshot = SnapshotFrom<RequestMachine>;
export type RequestActor = ActorRefFrom<RequestMachine>;

export type SessionScreen = 'attract' | 'language' | 'home' | 'filing' | 'faq' | 'followUp' | 'appointments' | 'satisfaction' | 'goodbye';

export function selectScreen(snapshot: SessionSnapshot): SessionScreen {
  if (snapshot.matches('attract')) return 'attract';
  if (snapshot.matches({ active: { screen: 'language' } })) return 'language';
  if (snapshot.matches({ active: { screen: 'home' } })) return 'home';
  if (snapshot.matches({ active: { screen: 'filing' } })) return 'filing';
  if (snapshot.matches({ active: { screen: 'faq' } })) return 'faq';
  if (snapshot.matches({ active: { screen: 'followUp' } })) return 'followUp';
  if (snapshot.matches({ active: { screen: 'appointments' } })) return 'appointments';
  if (snapshot.matches({ active: { screen: 'satisfaction' } })) return 'satisfaction';
  return 'goodbye';
}

export const selectLocale = (snapshot: SessionSnapshot) => snapshot.context.locale;
export const selectIsWarning = (snapshot: SessionSnapshot) => snapshot.matches({ active: { idle: 'warning' } });
export const selectWarningMs = (snapshot: SessionSnapshot) => snapshot.context.timers.warningMs;
export const selectCanExtend = (snapshot: SessionSnapshot) => snapshot.can({ type: 'idle.extended' });
export const selectCanRestart = (snapshot: SessionSnapshot) => snapshot.can({ type: 'session.restarted' });
export const selectRequestActor = (snapshot: SessionSnapshot): RequestActor | undefined => snapshot.children.request;
export const selectFaqActor = (snapshot: SessionSnapshot) => snapshot.children.faq;
export const selectFollowUpActor = (snapshot: SessionSnapshot) => snapshot.children.followUp;
export const selectAppointmentsActor = (snapshot: SessionSnapshot) => snapshot.children.appointments;

const REQUEST_STEPS = [
  'choosingService', 'answering', 'locating', 'describing', 'choosingContact', 'enteringContact',
  'consenting', 'checkingPrinter', 'reviewing', 'submitting', 'done', 'failed',
] as const;
export type RequestStep = (typeof REQUEST_STEPS)[number] | 'finished';

export function selectStep(snapshot: RequestSnapshot): RequestStep {
  if (snapshot.matches('finished')) return 'finished';
  return REQUEST_STEPS.find((step) => snapshot.matches({ active: { steps: step } })) ?? 'choosingService';
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

const NO_LANDMARKS: readonly Landmark[] = [];
export const selectLandmarks = (snapshot: RequestSnapshot) => snapshot.context.catalog?.landmarks ?? NO_LANDMARKS;
export const selectQuestion = (snapshot: RequestSnapshot): CatalogAttribute | null => currentQuestion(snapshot.context);
export const selectQuestionPosition = (snapshot: RequestSnapshot) => ({ index: snapshot.context.questionIndex, count: questionsOf(snapshot.context).length });
export const selectAnswers = (snapshot: RequestSnapshot) => snapshot.context.answers;
export const selectAnswerProblem = (snapshot: RequestSnapshot) => snapshot.context.answerProblem;
export const selectLocation = (snapshot: RequestSnapshot) => snapshot.context.location;
export const selectLocationText = (snapshot: RequestSnapshot) => snapshot.context.locationText;
export const selectLocationProblem = (snapshot: RequestSnapshot) => snapshot.context.locationProblem;
export const selectContactChannel = (snapshot: RequestSnapshot) => snapshot.context.contactChannel;
export const selectContactValue = (snapshot: RequestSnapshot) => snapshot.context.contactValue;
export const selectContactProblem = (snapshot: RequestSnapshot) => snapshot.context.contactProblem;
export const selectConsent = (snapshot: RequestSnapshot) => snapshot.context.consent;
export const selectReceiptAvailable = (snapshot: RequestSnapshot) => snapshot.context.receiptAvailable;
