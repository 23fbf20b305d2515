/**
 * A counting semaphore whose waiters are served by priority (higher first, then by arrival), so
 * the scheduler starts the steps that unblock the most work first.
 */
export class PrioritySemaphore {
  #free: number;
  readonly #waiters: { priority: number; order: number; wake: () => void }[] = [];
  #arrivals = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#free = capacity;
  }

  /** Waits for a slot; call the returned function exactly once to give it back. */
  async acquire(priority = 0): Promise<() => void> {
    if (this.#free > 0 && this.#waiters.length === 0) {
      this.#free--;
    } else {
      await new Promise<void>((wake) => {
        this.#waiters.push({ priority, order: this.#arrivals++, wake });
        this.#waiters.sort((a, b) => b.priority - a.priority || a.order - b.order);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next.wake();
      else this.#free++;
    };
  }
}
