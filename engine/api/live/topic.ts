/**
 * A publish/subscribe topic whose subscribers are registered the moment they subscribe, not when
 * they first pull. (graphql-yoga's createPubSub hands out lazy Repeaters: whatever is published
 * between a subscription's start and the client's first read would be lost.) Each subscriber
 * buffers at most `capacity` payloads; a slow one drops the oldest rather than grow without end.
 */
export class Topic<T> {
  readonly #listeners = new Set<(payload: T) => void>();

  constructor(private readonly capacity = 100) {}

  get subscribers(): number {
    return this.#listeners.size;
  }

  publish(payload: T): void {
    for (const listener of this.#listeners) listener(payload);
  }

  subscribe(): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let waiting: ((result: IteratorResult<T>) => void) | null = null;
    let done = false;
    const listener = (payload: T) => {
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: payload, done: false });
        return;
      }
      queue.push(payload);
      if (queue.length > this.capacity) queue.shift();
    };
    this.#listeners.add(listener);
    const finish = () => {
      done = true;
      this.#listeners.delete(listener);
      queue.length = 0;
      const w = waiting;
      waiting = null;
      w?.({ value: undefined, done: true });
    };
    return {
      next() {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      // Called by yoga when the client goes away: unsubscribes at once, even mid-wait.
      return() {
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(error: unknown) {
        finish();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
