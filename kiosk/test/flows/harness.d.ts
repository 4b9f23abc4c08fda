import type { AnyActorRef, AnyEventObject } from 'xstate';
/** A promise the test settles by hand: stands in for an effect (agent call) in flight. */
export interface Deferred<T> {
    readonly promise: Promise<T>;
    resolve(value: T): void;
    reject(error: unknown): void;
}
export declare function deferred<T>(): Deferred<T>;
/** Resolves with the actor's next emitted snapshot: how a test awaits an async transition. */
export declare function nextSnapshot(actor: AnyActorRef): Promise<void>;
interface ModelSnapshot {
    readonly value: unknown;
    readonly context: unknown;
}
/**
 * Replays one model path on a real actor: `perform` makes the step's event happen in the system
 * under test (send it, settle an effect, or advance the clock); after each step the real
 * snapshot must equal the model's.
 */
export declare function replayPath(steps: ReadonlyArray<{
    event: AnyEventObject;
    state: ModelSnapshot;
}>, actor: AnyActorRef, perform: (event: AnyEventObject) => Promise<void> | void): Promise<void>;
/** `xstate.after.<delay>.<state id>` -> the delay's name, or null for any other event. */
export declare function delayNameOf(eventType: string): string | null;
export {};
