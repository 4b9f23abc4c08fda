import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { FollowUpMachine } from '../../../flows/index';

export type FollowUpActor = ActorRefFrom<FollowUpMachine>;
type FollowUpSnapshot = SnapshotFrom<FollowUpMachine>;

export type FollowUpScreen = 'entering' | 'looking' | 'showing' | 'notFound' | 'unreachable' | 'finished';

export function selectFollowUpScreen(snapshot: FollowUpSnapshot): FollowUpScreen {
  for (const screen of ['entering', 'looking', 'showing', 'notFound', 'unreachable'] as const) if (snapshot.matches(screen)) return screen;
  return 'finished';
}

export const selectText = (snapshot: FollowUpSnapshot) => snapshot.context.text;
export const selectProblem = (snapshot: FollowUpSnapshot) => snapshot.context.problem;
export const selectResult = (snapshot: FollowUpSnapshot) => snapshot.context.result;
export const selectQuery = (snapshot: FollowUpSnapshot) => snapshot.context.query;
