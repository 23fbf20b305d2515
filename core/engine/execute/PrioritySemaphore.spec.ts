import { describe, expect, it } from 'vitest';
import { PrioritySemaphore } from './PrioritySemaphore.js';

describe('PrioritySemaphore', () => {
  it('lets `capacity` holders in and serves waiters by priority, then arrival', async () => {
    const semaphore = new PrioritySemaphore(1);
    const order: string[] = [];
    const release = await semaphore.acquire();
    // Each waiter notes when it gets the slot and gives it back at once.
    const wait = (priority: number, name: string) => semaphore.acquire(priority).then((done) => (order.push(name), done()));
    const waiters = [wait(1, 'low'), wait(5, 'high'), wait(5, 'high, later')];
    expect(order).toEqual([]);
    release();
    await Promise.all(waiters);
    expect(order).toEqual(['high', 'high, later', 'low']);
  });

  it('ignores a second release of the same slot', async () => {
    const semaphore = new PrioritySemaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    await semaphore.acquire();
    let third = false;
    void semaphore.acquire().then(() => (third = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(third).toBe(false);
  });
});
