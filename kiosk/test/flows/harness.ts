import { expect } from 'vitest';
import type { AnyActorRef, AnyEventObject, Snapshot } from 'xstate';

/** A promise the test settles by hand: stands in for an effect (agent call) in flight. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves with the actor's next emitted snapshot: how a test awaits an async transition. */
export function nextSnapshot(actor: AnyActorRef): Promise<void> {
  return new Promise((resolve) => {
    const subscription = actor.subscribe(() => {
      subscription.unsubscribe();
      resolve();
    });
  });
}

interface ModelSnapshot {
  readonly value: unknown;
  readonly context: unknown;
}

/**
 * Replays one model path on a real actor: `perform` makes the step's event happen in the system
 * under test (send it, settle an effect, or advance the clock); after each step the real
 * snapshot must equal the model's.
 */
export async function replayPath(
  steps: ReadonlyArray<{ event: AnyEventObject; state: ModelSnapshot }>,
  actor: AnyActorRef,
  perform: (event: AnyEventObject) => Promise<void> | void,
): Promise<void> {
  const trail: string[] = [];
  for (const step of steps) {
    if (step.event.type !== 'xstate.init') await perform(step.event);
    trail.push(step.event.type);
    const real = actor.getSnapshot() as Snapshot<unknown> & ModelSnapshot;
    expect({ value: real.value, context: real.context }, `after ${trail.join(' > ')}`).toEqual({
      value: step.state.value,
      context: step.state.context,
    });
  }
}

/** `xstate.after.<delay>.<state id>` -> the delay's name, or null for any other event. */
export function delayNameOf(eventType: string): string | null {
  const match = /^xstate\.after\.([^.]+)\./.exec(eventType);
  return match?.[1] ?? null;
}
