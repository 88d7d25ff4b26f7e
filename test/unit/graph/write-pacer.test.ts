import { ENTRA_WRITE_LIMIT, WritePacer } from '../../../src/graph/write-pacer';
import { VirtualClock } from './virtual-clock';

/** The most events that fall in any window [t, t + perMs). */
function busiestWindow(times: number[], perMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] as number) - (sorted[start] as number) >= perMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('WritePacer', () => {
  it('defaults to the documented Entra write quota: 3,000 per 150 seconds', () => {
    expect(ENTRA_WRITE_LIMIT).toEqual({ writes: 3000, perMs: 150_000 });
    expect(new WritePacer().limit).toEqual(ENTRA_WRITE_LIMIT);
  });

  it('keeps concurrent writes within the limit in every window, and near the limit overall', async () => {
    const clock = new VirtualClock();
    const limit = { writes: 100, perMs: 1000 };
    const pacer = new WritePacer(limit, clock.now, clock.sleep);
    const sent: number[] = [];
    const answered: number[] = [];
    const total = 1000;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < total) {
        next += 1;
        const release = await pacer.acquire(1);
        sent.push(clock.now());
        await clock.sleep(15); // the request's round trip
        answered.push(clock.now());
        release();
      }
    };
    const start = clock.now();
    await clock.run(Promise.all(Array.from({ length: 16 }, worker)));
    expect(sent).toHaveLength(total);
    // The server counts each write at its arrival, somewhere between these two.
    expect(busiestWindow(sent, limit.perMs)).toBeLessThanOrEqual(limit.writes);
    expect(busiestWindow(answered, limit.perMs)).toBeLessThanOrEqual(limit.writes);
    // 1,000 writes at 100 a second: the tenth hundred cannot start before 9 windows passed,
    // and pacing from the answers costs a round trip or so per window, no more.
    const elapsed = clock.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(9 * limit.perMs);
    expect(elapsed).toBeLessThanOrEqual(9 * limit.perMs + 9 * 30 + 100);
  });

  it('takes a batch of writes as one acquisition of several slots, served in order', async () => {
    const clock = new VirtualClock();
    const pacer = new WritePacer({ writes: 20, perMs: 1000 }, clock.now, clock.sleep);
    const order: string[] = [];
    const take = async (name: string, count: number) => {
      const release = await pacer.acquire(count);
      order.push(`${name}@${clock.now() - 1_000_000}`);
      release();
    };
    await clock.run(Promise.all([take('a', 15), take('b', 10), take('c', 1)]));
    // b must wait for a's slots to expire; c, although it would fit, does not overtake b.
    expect(order).toEqual(['a@0', 'b@1000', 'c@1000']);
    await expect(pacer.acquire(21)).rejects.toThrow(/exceed the limit of 20/);
  });

  it('waits out a Retry-After the server gave before the next write', async () => {
    const clock = new VirtualClock();
    const pacer = new WritePacer({ writes: 100, perMs: 1000 }, clock.now, clock.sleep);
    pacer.holdUntil(clock.now() + 7000);
    const started = clock.now();
    await clock.run(pacer.acquire(1));
    expect(clock.now() - started).toBe(7000);
  });

  it('counts an unanswered write until its answer comes', async () => {
    const clock = new VirtualClock();
    const pacer = new WritePacer({ writes: 2, perMs: 100 }, clock.now, clock.sleep);
    const first = await pacer.acquire(1);
    await pacer.acquire(1);
    let third = false;
    const waiting = pacer.acquire(1).then(() => {
      third = true;
    });
    // Long past a window, but both writes are still out: no slot is free.
    await clock.run(clock.sleep(5000));
    expect(third).toBe(false);
    first();
    await clock.run(waiting);
    expect(clock.now() - 1_000_000).toBeGreaterThanOrEqual(5100);
  });
});
