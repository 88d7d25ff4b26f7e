import { SlidingWindowPacer } from '../../../src/google/pacer';
import { virtualTime } from './virtual-time';

/** A clock that only moves when the pacer sleeps. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('SlidingWindowPacer', () => {
  it('lets `limit` requests through at once, then waits for the oldest to leave the window', async () => {
    const time = fakeTime();
    const pacer = new SlidingWindowPacer(3, 60_000, time.now, time.sleep);
    const at: number[] = [];
    for (let request = 0; request < 7; request += 1) {
      await pacer.acquire();
      at.push(time.now());
    }
    expect(at).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000]);
  });

  it('never has more than `limit` in any window, whatever the spacing', async () => {
    const time = fakeTime();
    const pacer = new SlidingWindowPacer(5, 1000, time.now, time.sleep);
    const at: number[] = [];
    for (let request = 0; request < 40; request += 1) {
      time.advance((request * 37) % 250);
      await pacer.acquire();
      at.push(time.now());
    }
    for (const start of at) {
      expect(at.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
    }
  });

  it('spreads parallel callers over the windows', async () => {
    const time = virtualTime();
    const pacer = new SlidingWindowPacer(2, 100, time.now, (ms) => time.sleep(ms));
    const at: number[] = [];
    await time.run(
      Promise.all(Array.from({ length: 6 }, () => pacer.acquire().then(() => at.push(time.now())))),
    );
    expect(at.sort((a, b) => a - b)).toEqual([0, 0, 100, 100, 200, 200]);
  });

  it('refuses a quota below one', () => {
    expect(() => new SlidingWindowPacer(0)).toThrow(/at least 1/);
  });
});
