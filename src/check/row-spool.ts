import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * Holds rows between the two passes of a check: in memory up to a budget (most HR files fit,
 * and are then never serialised), past it on a temporary file as JSON lines in batches, so
 * memory stays flat however long the file. Rows come back in the order they went in.
 */
export class RowSpool<T> {
  private memory: T[] = [];
  private memoryChars = 0;
  private spilling = false;
  private file: WriteStream | undefined;
  private directory: string | undefined;

  /**
   * @param memoryBudgetChars rows stay in memory until their text adds up to this many
   *   characters (the caller says how big a row is); after that, every row goes to disk.
   * @param batchRows rows written to disk per batch once spilling.
   */
  constructor(
    private readonly memoryBudgetChars = 4 * 2 ** 20,
    private readonly parentDirectory = tmpdir(),
    private readonly batchRows = 1_000,
  ) {}

  async push(row: T, chars: number): Promise<void> {
    this.memory.push(row);
    this.memoryChars += chars;
    if (!this.spilling && this.memoryChars > this.memoryBudgetChars) this.spilling = true;
    if (this.spilling && this.memory.length >= this.batchRows) await this.spill();
  }

  async *drain(): AsyncGenerator<T> {
    try {
      if (this.file && this.directory) {
        this.file.end();
        await once(this.file, 'finish');
        const lines = createInterface({
          input: createReadStream(join(this.directory, 'rows.jsonl')),
        });
        for await (const line of lines) yield JSON.parse(line) as T;
      }
      const rest = this.memory;
      this.memory = [];
      yield* rest;
    } finally {
      await this.dispose();
    }
  }

  async dispose(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    if (file && !file.closed) {
      // The rows are being thrown away: a batch still being written fails once the stream
      // is destroyed, which must not surface as an uncaught error; and the file must be
      // closed before its directory is removed.
      file.on('error', () => undefined);
      await new Promise<void>((resolve) => file.destroy().once('close', () => resolve()));
    }
    if (this.directory) await rm(this.directory, { recursive: true, force: true });
    this.directory = undefined;
  }

  /** Writes what is in memory to disk, a batch at a time so no huge string is ever built. */
  private async spill(): Promise<void> {
    if (!this.file) {
      this.directory = await mkdtemp(join(this.parentDirectory, 'hr-sync-'));
      this.file = createWriteStream(join(this.directory, 'rows.jsonl'));
    }
    const rows = this.memory;
    this.memory = [];
    this.memoryChars = 0;
    for (let start = 0; start < rows.length; start += this.batchRows) {
      let text = '';
      for (const row of rows.slice(start, start + this.batchRows))
        text += `${JSON.stringify(row)}\n`;
      if (!this.file.write(text)) await once(this.file, 'drain');
    }
  }
}
