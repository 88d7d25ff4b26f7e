import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RowSpool } from '../../../src/check/row-spool';

let parent: string;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'row-spool-test-'));
});

afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

/** A spool that keeps 3 characters in memory and then writes batches of 3 rows to disk. */
const smallSpool = <T>() =>
  new RowSpool<T>({ memoryBudgetChars: 3, parentDirectory: parent, batchRows: 3 });

async function drainAll<T>(spool: RowSpool<T>): Promise<T[]> {
  const rows: T[] = [];
  for await (const row of spool.drain()) rows.push(row);
  return rows;
}

describe('RowSpool', () => {
  it('keeps rows within the budget in memory and writes nothing to disk', async () => {
    const spool = smallSpool<number>();
    for (const row of [1, 2, 3]) await spool.push(row, 1);
    expect(await readdir(parent)).toEqual([]);
    expect(await drainAll(spool)).toEqual([1, 2, 3]);
  });

  it('spills rows past the budget to a temporary directory', async () => {
    const spool = smallSpool<number>();
    for (let row = 0; row < 10; row++) await spool.push(row, 1);
    const entries = await readdir(parent);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^hr-sync-/);
    expect(await readdir(join(parent, entries[0]!))).toEqual(['rows.jsonl']);
    await spool.dispose();
  });

  it('gives spilled and in-memory rows back in the order they were pushed', async () => {
    const spool = smallSpool<{ line: number }>();
    const rows = Array.from({ length: 11 }, (_, i) => ({ line: i + 2 }));
    for (const row of rows) await spool.push(row, 1);
    expect(await drainAll(spool)).toEqual(rows);
  });

  it('passes only the rows that go to disk through the codec, and gives every row back in order', async () => {
    const encoded: number[] = [];
    const spool = new RowSpool<{ line: number }, number>({
      memoryBudgetChars: 3,
      parentDirectory: parent,
      batchRows: 3,
      codec: {
        encode: (row) => {
          encoded.push(row.line);
          return row.line;
        },
        decode: (line) => ({ line }),
      },
    });
    const rows = Array.from({ length: 8 }, (_, i) => ({ line: i + 2 }));
    for (const row of rows) await spool.push(row, 1);
    const back: Array<{ line: number }> = [];
    for await (const row of spool.drain()) back.push(row);
    expect(back).toEqual(rows);
    // The last row was still in memory at the end: handed back as the very object pushed.
    expect(encoded).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(back.at(-1)).toBe(rows.at(-1));
  });

  it('brings text back unchanged through the file', async () => {
    const spool = smallSpool<string[]>();
    const rows = [
      ['multi\nline', 'with "quotes"', 'tab\there'],
      ['line\u2028separator', 'para\u2029graph', 'cr\r'],
      ['Zoë', '🙂', '\\backslash'],
      ['', ' padded ', "'=1+1"],
    ];
    for (const row of rows) await spool.push(row, 10);
    expect(await drainAll(spool)).toEqual(rows);
  });

  it('removes its temporary directory once drained', async () => {
    const spool = smallSpool<number>();
    for (let row = 0; row < 10; row++) await spool.push(row, 1);
    await drainAll(spool);
    expect(await readdir(parent)).toEqual([]);
  });

  it('removes its temporary directory on dispose, without draining', async () => {
    const spool = smallSpool<number>();
    for (let row = 0; row < 10; row++) await spool.push(row, 1);
    await spool.dispose();
    expect(await readdir(parent)).toEqual([]);
  });

  it('can be disposed while a batch is still being written', async () => {
    const spool = smallSpool<number>();
    for (let row = 0; row < 10; row++) await spool.push(row, 1);
    // Give the file time to open, so that its first write is under way when it is destroyed.
    const [directory] = await readdir(parent);
    await readdir(join(parent, directory!));
    await spool.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await readdir(parent)).toEqual([]);
  });

  it('removes its temporary directory when the reader stops early', async () => {
    const spool = smallSpool<number>();
    for (let row = 0; row < 10; row++) await spool.push(row, 1);
    for await (const row of spool.drain()) if (row === 1) break;
    expect(await readdir(parent)).toEqual([]);
  });

  it('spills by text size, not by row count', async () => {
    const spool = new RowSpool<string>({
      memoryBudgetChars: 100,
      parentDirectory: parent,
      batchRows: 2,
    });
    await spool.push('a', 60);
    await spool.push('b', 30);
    expect(await readdir(parent)).toEqual([]);
    await spool.push('c', 20);
    expect(await readdir(parent)).toHaveLength(1);
    expect(await drainAll(spool)).toEqual(['a', 'b', 'c']);
  });
});
