import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { FaqEntrySummary, FaqTopic } from '@kiosk/shared';
import type { FaqMachine } from '../../../flows/index';

export type FaqActor = ActorRefFrom<FaqMachine>;
type FaqSnapshot = SnapshotFrom<FaqMachine>;

export type FaqScreen = 'loading' | 'unavailable' | 'topics' | 'topic' | 'search' | 'answer' | 'finished';

export function selectFaqScreen(snapshot: FaqSnapshot): FaqScreen {
  if (snapshot.matches('loadingTopics')) return 'loading';
  if (snapshot.matches('unavailable')) return 'unavailable';
  if (snapshot.matches('topics')) return 'topics';
  if (snapshot.matches('topic')) return 'topic';
  if (snapshot.matches('searching')) return 'search';
  if (snapshot.matches('finished')) return 'finished';
  return 'answer';
}

const NO_TOPICS: readonly FaqTopic[] = [];
const NO_ENTRIES: readonly FaqEntrySummary[] = [];
export const selectTopics = (snapshot: FaqSnapshot) => snapshot.context.topics ?? NO_TOPICS;
export const selectChosenTopic = (snapshot: FaqSnapshot) => snapshot.context.topics.find((topic) => topic.code === snapshot.context.topicCode) ?? null;
export const selectTopicEntries = (snapshot: FaqSnapshot) => selectChosenTopic(snapshot)?.entries ?? NO_ENTRIES;
export const selectContentMissing = (snapshot: FaqSnapshot) => snapshot.context.contentMissing;
export const selectQuery = (snapshot: FaqSnapshot) => snapshot.context.query;
export const selectResults = (snapshot: FaqSnapshot) => snapshot.context.results;
export const selectSearchFailed = (snapshot: FaqSnapshot) => snapshot.context.searchFailed;
export const selectSearching = (snapshot: FaqSnapshot) => snapshot.matches({ searching: 'running' });
export const selectEntry = (snapshot: FaqSnapshot) => (snapshot.matches('answer') ? snapshot.context.entry : null);
export const selectEntryFailed = (snapshot: FaqSnapshot) => snapshot.matches('entryFailed');
export const selectEasyRead = (snapshot: FaqSnapshot) => snapshot.context.easyRead;
export const selectUseful = (snapshot: FaqSnapshot) => snapshot.context.useful;
