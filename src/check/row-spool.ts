import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * Holds rows between the two passes of a check: in memory while there are few, then on a
 * temporary file as JSON lines, so memory stays flat however long the file. Rows come back
 * in the order they went in.
 */
export class RowSpool<T> {
  private memory: T[] = [];
  private file: WriteStream | undefined;
  private directory: string | undefined;

  constructor(
    private readonly memoryLimit = 20_000,
    private readonly parentDirectory = tmpdir(),
  ) {}

  async push(row: T): Promise<void> {
    this.memory.push(row);
    if (this.memory.length >= this.memoryLimit) await this.spill();
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
    this.file?.destroy();
    this.file = undefined;
    if (this.directory) await rm(this.directory, { recursive: true, force: true });
    this.directory = undefined;
  }

  private async spill(): Promise<void> {
    if (!this.file) {
      this.directory = await mkdtemp(join(this.parentDirectory, 'hr-sync-'));
      this.file = createWriteStream(join(this.directory, 'rows.jsonl'));
    }
    let text = '';
    for (const row of this.memory) text += `${JSON.stringify(row)}\n`;
    this.memory = [];
    if (!this.file.write(text)) await once(this.file, 'drain');
  }
}
