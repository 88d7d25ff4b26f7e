import { realSleep, type Sleep } from '../apply/retry';
import type { Clock } from './token-source';

/** Something every request waits on before it goes out. */
export interface Pacer {
  acquire(): Promise<void>;
}

/**
 * At most `limit` requests in any `windowMs` (a sliding window, as Google counts "queries
 * per minute per user": https://developers.google.com/workspace/admin/directory/v1/limits).
 * A request that would be one too many waits until the oldest in the window has aged out.
 * Clock and sleep are injected, so tests run in no time.
 */
export class SlidingWindowPacer implements Pacer {
  private readonly sent: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly now: Clock = Date.now,
    private readonly sleep: Sleep = realSleep,
  ) {
    if (!Number.isFinite(limit) || limit < 1) {
      throw new Error(`A quota needs at least 1 request per window, got ${limit}`);
    }
  }

  async acquire(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (
        this.head < this.sent.length &&
        (this.sent[this.head] as number) <= now - this.windowMs
      ) {
        this.head += 1;
      }
      if (this.head > 1024) {
        this.sent.splice(0, this.head);
        this.head = 0;
      }
      if (this.sent.length - this.head < this.limit) {
        this.sent.push(now);
        return;
      }
      await this.sleep(Math.max(1, (this.sent[this.head] as number) + this.windowMs - now));
    }
  }

  /** Requests counted in the window that ends now. */
  inWindow(): number {
    const now = this.now();
    return this.sent.slice(this.head).filter((at) => at > now - this.windowMs).length;
  }
}

/** No pacing at all. */
export const UNPACED: Pacer = { acquire: () => Promise.resolve() };
