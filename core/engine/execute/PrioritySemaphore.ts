/**
 * A counting semaphore whose waiters are served by priority (higher first, then by arrival), so
 * the scheduler starts the steps on the longest remaining path first. Slots are handed out one
 * event-loop turn after a request (setImmediate), so that steps becoming ready together — every
 * root step at the start of a run — compete by priority instead of by who asked first.
 */
export class PrioritySemaphore {
  #free: number;
  readonly #waiters: { priority: number; order: number; wake: () => void }[] = [];
  #arrivals = 0;
  #dispatchScheduled = false;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#free = capacity;
  }

  /** Waits for a slot; call the returned function exactly once to give it back. */
  async acquire(priority = 0): Promise<() => void> {
    await new Promise<void>((wake) => {
      this.#waiters.push({ priority, order: this.#arrivals++, wake });
      this.#scheduleDispatch();
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#free++;
      this.#scheduleDispatch();
    };
  }

  #scheduleDispatch(): void {
    if (this.#dispatchScheduled) return;
    this.#dispatchScheduled = true;
    setImmediate(() => {
      this.#dispatchScheduled = false;
      this.#waiters.sort((a, b) => b.priority - a.priority || a.order - b.order);
      while (this.#free > 0 && this.#waiters.length > 0) {
        this.#free--;
        this.#waiters.shift()!.wake();
      }
    });
  }
}
