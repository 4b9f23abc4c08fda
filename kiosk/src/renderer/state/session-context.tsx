import { createContext, useContext, type ReactNode } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { SessionMachine } from '../../flows/index';

export type SessionActor = ActorRefFrom<SessionMachine>;

const SessionActorContext = createContext<SessionActor | null>(null);

export function SessionProvider({ session, children }: { session: SessionActor; children: ReactNode }) {
  return <SessionActorContext.Provider value={session}>{children}</SessionActorContext.Provider>;
}

export function useSession(): SessionActor {
  const session = useContext(SessionActorContext);
  if (session === null) throw new Error('useSession: no SessionProvider above this component');
  return session;
}
