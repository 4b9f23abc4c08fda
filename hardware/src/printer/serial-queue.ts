/**
 * Runs tasks one at a time, in the order they were queued. Many network printers serve one
 * connection at a time, and a status query must never land in the middle of a job.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Refuses new tasks and resolves when the queued ones have finished. */
  close(): Promise<void>;
}

export class QueueClosedError extends Error {
  constructor() {
    super('the printer queue is closed');
    this.name = 'QueueClosedError';
  }
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new QueueClosedError());
      const result = tail.then(task);
      // The next task waits for this one whether it succeeded or not.
      tail = result.catch(() => undefined);
      return result;
    },
    async close(): Promise<void> {
      closed = true;
      await tail;
    },
  };
}
