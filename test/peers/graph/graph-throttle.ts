/**
 * The write quota of an application and tenant pair: 3,000 writes per 2 minutes 30 seconds
 * ("Identity and access service limits", https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits),
 * counted per request inside a $batch too ("Microsoft Graph throttling guidance": requests in
 * a batch are evaluated individually, https://learn.microsoft.com/graph/throttling#throttling-and-batching).
 * Over it, a write is refused 429 with Retry-After (the seconds until the oldest counted
 * write leaves the window) and is not counted itself.
 */
export class WriteWindow {
  private readonly arrivals: number[] = [];

  constructor(
    private readonly limit: { writes: number; perMs: number },
    private readonly now: () => number,
  ) {}

  /** Counts a write, or says how many seconds to wait. */
  take(): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    while (this.arrivals.length > 0 && (this.arrivals[0] as number) <= now - this.limit.perMs) {
      this.arrivals.shift();
    }
    if (this.arrivals.length >= this.limit.writes) {
      const waitMs = (this.arrivals[0] as number) + this.limit.perMs - now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    this.arrivals.push(now);
    return { ok: true };
  }

  /** The most writes counted in any window so far is at most this; for benchmarks. */
  get counted(): number {
    return this.arrivals.length;
  }

  clear(): void {
    this.arrivals.length = 0;
  }
}
