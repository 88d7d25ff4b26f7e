import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

/**
 * Small batches, read in small chunks: the rows of a batch stay alive until the last of them
 * is handed on, long enough to be copied into the old generation, whose garbage then grows
 * the heap. Batches of 1,000 rows cost some 40 MB more at a million rows, and no less time.
 */
const BATCH_ROWS = 200;
const READ_CHUNK = 128 * 1024;

/** How a row is written to disk and read back: a smaller form for the file than in memory. */
export interface SpoolCodec<T, S> {
  encode(row: T): S;
  decode(stored: S): T;
}

export interface SpoolOptions<T, S> {
  /**
   * Rows stay in memory until their text adds up to this many characters (the caller says
   * how big a row is); after that, every row goes to disk. Default 4 Mi.
   */
  memoryBudgetChars?: number | undefined;
  /** Where the temporary directory is made (default: the OS temp dir). */
  parentDirectory?: string | undefined;
  /** Rows written to disk per batch once spilling. */
  batchRows?: number;
  /** The rows' form on disk (default: as they are). */
  codec?: SpoolCodec<T, S>;
}

/**
 * Holds rows between the two passes of a check: in memory up to a budget (most HR files fit,
 * and are then never serialised), past it on a temporary file, a batch of rows to a line of
 * JSON, so memory stays flat however long the file. Rows come back in the order they went in.
 * Only rows that go to disk pass through the codec: a file that fits costs nothing more.
 */
export class RowSpool<T, S = T> {
  private memory: T[] = [];
  private memoryChars = 0;
  private spilling = false;
  private file: WriteStream | undefined;
  private directory: string | undefined;

  private readonly memoryBudgetChars: number;
  private readonly parentDirectory: string;
  private readonly batchRows: number;
  private readonly codec: SpoolCodec<T, S> | undefined;

  constructor(options: SpoolOptions<T, S> = {}) {
    this.memoryBudgetChars = options.memoryBudgetChars ?? 4 * 2 ** 20;
    this.parentDirectory = options.parentDirectory ?? tmpdir();
    this.batchRows = options.batchRows ?? BATCH_ROWS;
    this.codec = options.codec;
  }

  /** Takes a row; returns a promise only when a batch is being written to disk. */
  push(row: T, chars: number): Promise<void> | undefined {
    this.memory.push(row);
    this.memoryChars += chars;
    if (!this.spilling && this.memoryChars > this.memoryBudgetChars) this.spilling = true;
    return this.spilling && this.memory.length >= this.batchRows ? this.spill() : undefined;
  }

  async *drain(): AsyncGenerator<T> {
    try {
      if (this.file && this.directory) {
        this.file.end();
        await once(this.file, 'finish');
        const text = createReadStream(join(this.directory, 'rows.jsonl'), {
          encoding: 'utf8',
          highWaterMark: READ_CHUNK,
        });
        // JSON never holds a raw line break, so each one ends a batch.
        let pending = '';
        for await (const chunk of text as AsyncIterable<string>) {
          pending += chunk;
          let start = 0;
          for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
            const stored = JSON.parse(pending.slice(start, end)) as S[];
            const codec = this.codec;
            if (codec) for (const row of stored) yield codec.decode(row);
            else yield* stored as unknown as T[];
            start = end + 1;
          }
          pending = pending.slice(start);
        }
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
      // The file opens asynchronously: wait for it, so a failure to create it surfaces here
      // and the file exists once the first batch has been handed over.
      await once(this.file, 'open');
    }
    const rows = this.memory;
    this.memory = [];
    this.memoryChars = 0;
    for (let start = 0; start < rows.length; start += this.batchRows) {
      const batch = rows.slice(start, start + this.batchRows);
      const stored = this.codec ? batch.map((row) => this.codec!.encode(row)) : batch;
      const text = `${JSON.stringify(stored)}\n`;
      if (!this.file.write(text)) await once(this.file, 'drain');
    }
  }
}
