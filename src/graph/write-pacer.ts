import { realSleep, type Sleep } from '../apply/retry';

export interface WriteLimit {
  writes: number;
  perMs: number;
}

/**
 * Microsoft Entra's write quota for an application and tenant pair: 3,000 requests per
 * 2 minutes 30 seconds ("Identity and access service limits",
 * https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits).
 */
export const ENTRA_WRITE_LIMIT: WriteLimit = { writes: 3000, perMs: 150_000 };

/**
 * Keeps writes within a sliding window: a write takes a slot when it is sent and holds it,
 * counted, until its answer came; from then it counts for `perMs` more. Counting from the
 * answer rather than the sending means that however long a request travelled, the server
 * (which counts from arrival, which lies between the two) never sees more than `writes` in
 * any window. When the window is full the caller waits instead of being refused.
 * Acquisitions are served in order, so a batch of 20 is not starved by single writes.
 */
export class WritePacer {
  /** When each settled slot was released, oldest first. */
  private readonly released: number[] = [];
  private inFlight = 0;
  private heldUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly onRelease: Array<() => void> = [];

  constructor(
    readonly limit: WriteLimit = ENTRA_WRITE_LIMIT,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = realSleep,
  ) {
    if (!(limit.writes >= 1 && limit.perMs > 0)) {
      throw new Error(`A write limit needs writes >= 1 and perMs > 0`);
    }
  }

  /** Waits for `count` slots, takes them, and returns the function that releases them. */
  async acquire(count = 1): Promise<() => void> {
    if (count <= 0) return () => undefined;
    if (count > this.limit.writes) {
      throw new Error(`${count} writes at once exceed the limit of ${this.limit.writes}`);
    }
    const turn = this.queue.then(() => this.waitForRoom(count));
    // The next caller waits for this one's turn, whether it succeeded or not.
    this.queue = turn.catch(() => undefined);
    await turn;
    this.inFlight += count;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= count;
      const at = this.now();
      for (let i = 0; i < count; i += 1) this.released.push(at);
      for (const wake of this.onRelease.splice(0)) wake();
    };
  }

  /** The server said to wait (a 429 with Retry-After): no write goes out before then. */
  holdUntil(time: number): void {
    this.heldUntil = Math.max(this.heldUntil, time);
  }

  private async waitForRoom(count: number): Promise<void> {
    for (;;) {
      const now = this.now();
      this.forgetBefore(now - this.limit.perMs);
      if (now < this.heldUntil) {
        await this.sleep(this.heldUntil - now);
        continue;
      }
      const used = this.inFlight + this.released.length;
      if (used + count <= this.limit.writes) return;
      const mustExpire = used + count - this.limit.writes;
      const oldest = this.released[mustExpire - 1];
      if (oldest === undefined) {
        // Not enough settled slots to wait for: in-flight writes must answer first.
        await new Promise<void>((resolve) => this.onRelease.push(resolve));
      } else {
        await this.sleep(Math.max(1, oldest + this.limit.perMs - now));
      }
    }
  }

  private forgetBefore(time: number): void {
    let expired = 0;
    while (expired < this.released.length && (this.released[expired] as number) <= time) {
      expired += 1;
    }
    if (expired > 0) this.released.splice(0, expired);
  }
}
