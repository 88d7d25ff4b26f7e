import { Readable } from 'node:stream';
import { DecodeStream, type DecodeResult } from '../../../src/file/decode-stream';
import { readCsvRows, type CsvDialect, type CsvReadOptions } from '../../../src/file/csv-rows';
import type { SourceRow } from '../../../src/file/csv-rows';

/** How a test hands bytes over: all at once, in chunks of one size, or in a list of sizes (repeated). */
export type Chunking = 'whole' | number | readonly number[];

/** Splits `bytes` into chunks; a list of sizes is cycled through until the bytes run out. */
export function splitBytes(bytes: Buffer, chunking: Chunking): Buffer[] {
  if (chunking === 'whole') return [bytes];
  const sizes = typeof chunking === 'number' ? [chunking] : chunking;
  const chunks: Buffer[] = [];
  for (let offset = 0, turn = 0; offset < bytes.length; turn++) {
    const size = Math.max(1, sizes[turn % sizes.length]!);
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

/** A byte stream that delivers exactly these chunks, as a file or socket would. */
export function chunkedReadable(bytes: Buffer, chunking: Chunking = 'whole'): Readable {
  // Object mode keeps every chunk boundary as given; the DecodeStream still receives Buffers.
  return Readable.from(splitBytes(bytes, chunking));
}

export interface Decoded {
  text: string;
  result: DecodeResult;
}

/** Runs bytes through a DecodeStream; rejects with whatever the stream fails with. */
export async function decodeBytes(
  bytes: Buffer,
  chunking: Chunking = 'whole',
  encoding?: string,
): Promise<Decoded> {
  const decoder = new DecodeStream(encoding);
  const text = chunkedReadable(bytes, chunking).pipe(decoder);
  let all = '';
  for await (const chunk of text) all += chunk as string;
  return { text: all, result: { ...decoder.result } };
}

export interface ReadRows {
  rows: SourceRow[];
  dialect: Partial<CsvDialect>;
}

/** Every record readCsvRows yields, and the dialect it found. */
export async function readAllRows(
  bytes: Buffer | string,
  options: CsvReadOptions = {},
  chunking: Chunking = 'whole',
): Promise<ReadRows> {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const dialect: Partial<CsvDialect> = {};
  const rows: SourceRow[] = [];
  for await (const row of readCsvRows(chunkedReadable(buffer, chunking), options, dialect)) {
    rows.push(row);
  }
  return { rows, dialect };
}
