/**
 * Virtual time for code that takes `now` and `sleep`: a sleep resolves only when `run` moves
 * the clock to its deadline, which it does once every task is waiting. Concurrent sleepers
 * therefore share one timeline, as they would on a real clock, and no test waits for real.
 */
export class VirtualClock {
  time: number;
  private timers: Array<{ at: number; resolve: () => void }> = [];

  constructor(start = 1_000_000) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), resolve });
    });

  /** Runs `work` to its end, advancing the clock whenever nothing else can happen. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => {
      done = true;
    });
    result.catch(() => undefined);
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) continue;
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
    return result;
  }
}
