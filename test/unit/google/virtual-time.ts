/**
 * A clock that moves only when every caller is asleep: `run` lets the work go on until all
 * of it waits, then wakes the earliest sleeper at its time. Parallel sleepers share the
 * clock as they would in real time, and no test waits on the wall clock.
 */
export function virtualTime(start = 0) {
  let now = start;
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleeps: [] as number[],
    sleep(ms: number): Promise<void> {
      this.sleeps.push(ms);
      return new Promise<void>((wake) => sleepers.push({ at: now + ms, wake }));
    },
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const settled = work.finally(() => {
        done = true;
      });
      for (;;) {
        await flush();
        if (done) return settled;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift();
        if (!next) return settled;
        now = Math.max(now, next.at);
        next.wake();
      }
    },
  };
}
