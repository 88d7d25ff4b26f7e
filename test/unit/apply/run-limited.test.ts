import { runLimited } from '../../../src/apply/run-limited';

/** A promise the test settles by hand. */
interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runLimited', () => {
  it('keeps the order of the items whatever order the tasks finish in', async () => {
    const items = [50, 10, 30, 0, 20];
    const results = await runLimited(items, 3, async (ms, index) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:50', '1:10', '2:30', '3:0', '4:20']);
  });

  it('never has more than `limit` tasks in flight, and uses all of them', async () => {
    const gates = Array.from({ length: 9 }, () => deferred<true>());
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const run = runLimited(gates, 3, async (gate, index) => {
      started.push(index);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await gate.promise;
      inFlight -= 1;
      return index;
    });
    await flush();
    expect(started).toEqual([0, 1, 2]);
    // Finishing one task starts exactly one more.
    gates[1]!.resolve(true);
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const gate of gates) gate.resolve(true);
    await expect(run).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(most).toBe(3);
  });

  it('runs one at a time with limit 1', async () => {
    let inFlight = 0;
    let most = 0;
    await runLimited([1, 2, 3, 4], 1, async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await flush();
      inFlight -= 1;
    });
    expect(most).toBe(1);
  });

  it('treats a limit below 1 as 1', async () => {
    const seen: number[] = [];
    await expect(
      runLimited([1, 2, 3], 0, async (item) => {
        seen.push(item);
        return item * 2;
      }),
    ).resolves.toEqual([2, 4, 6]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('starts no more workers than there are items', async () => {
    let calls = 0;
    await expect(
      runLimited(['a', 'b'], 10, async (item) => {
        calls += 1;
        return item.toUpperCase();
      }),
    ).resolves.toEqual(['A', 'B']);
    expect(calls).toBe(2);
  });

  it('resolves with an empty list for no items and never calls the task', async () => {
    const task = jest.fn(async () => 'x');
    await expect(runLimited([], 4, task)).resolves.toEqual([]);
    expect(task).not.toHaveBeenCalled();
  });

  it('rejects with the error of a failing task', async () => {
    await expect(
      runLimited([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('task 2 failed');
        return item;
      }),
    ).rejects.toThrow('task 2 failed');
  });
});
