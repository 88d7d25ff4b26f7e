import { Readable, pipeline } from 'node:stream';
import { CsvError, Parser, type Options as ParserOptions } from 'csv-parse';
import { DecodeStream, type DecodeResult } from './decode-stream';
import { sniffDelimiter } from './dialect';
import { FileError } from './file-error';

export interface CsvReadOptions {
  /** Overrides the encoding sniff (utf-8, utf-16le, utf-16be, windows-1252, latin1, …). */
  encoding?: string;
  /** Overrides the delimiter sniff. */
  delimiter?: string;
}

/** One record of the file, its fields as written, and the line it starts on (1-based). */
export interface SourceRow {
  line: number;
  fields: string[];
}

export interface CsvDialect extends DecodeResult {
  delimiter: string;
}

/**
 * csv-parse's parser, pushing each record with the line it starts on. Lines are counted as
 * each record is pushed, not as it is read, so an error later in the same chunk still knows
 * where the last good record ended. The count comes from the fields: csv-parse's `raw`
 * option would give each record's text, but copies every byte of the file to build it (it
 * cost 40% of the parse), and its `on_record` hook builds an info object for every record.
 * Blank lines arrive as records of one empty field, to be counted and dropped.
 */
class LineNumberingParser extends Parser {
  constructor(
    options: ParserOptions,
    private readonly lines: LineCounter,
  ) {
    super({ ...options, skip_empty_lines: false });
  }

  override push(record: string[] | null): boolean {
    if (record === null) return super.push(null);
    const line = this.lines.next;
    this.lines.next += 1 + lineBreaksIn(record);
    if (record.length === 1 && record[0] === '') return true; // a blank line
    const row: SourceRow = { line, fields: record };
    return super.push(row);
  }
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Streams the records of a CSV byte stream through csv-parse: decoding, delimiter sniffing
 * and the line each record starts on. `dialect` is filled in before the first row is yielded.
 */
export async function* readCsvRows(
  bytes: Readable,
  options: CsvReadOptions,
  dialect: Partial<CsvDialect> = {},
): AsyncGenerator<SourceRow> {
  for await (const rows of readCsvRowBatches(bytes, options, dialect)) yield* rows;
}

/**
 * readCsvRows, a batch of rows at a time: every record parsed so far, as a chunk of the file
 * has been parsed. A row at a time, the promises of async iteration cost more than the
 * checks of a row do.
 */
export async function* readCsvRowBatches(
  bytes: Readable,
  options: CsvReadOptions,
  dialect: Partial<CsvDialect> = {},
): AsyncGenerator<SourceRow[]> {
  const decoder = new DecodeStream(options.encoding);
  const text = bytes.pipe(decoder);
  bytes.on('error', (error) => decoder.destroy(error));

  // UTF-8 bytes, each chunk ending on a character boundary: csv-parse reads Buffers as they
  // are, where text would be turned back into bytes.
  const chunks = text[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const headChunks: Buffer[] = [];
  let headBytes = 0;
  while (headBytes < SNIFF_BYTES) {
    const next = await nextChunk(chunks);
    if (next.done) break;
    headChunks.push(next.value);
    headBytes += next.value.length;
  }
  Object.assign(dialect, decoder.result);
  let head = Buffer.concat(headChunks);
  // A character cut by the end of the head is in its last line, which the sniffer drops.
  let headText = head.toString('utf8');
  const lines = new LineCounter();
  const sep = readSepLine(headText);
  if (sep) {
    // Excel's `sep=;` first line names the delimiter and is not the header; it is ASCII, so
    // its characters are its bytes.
    head = head.subarray(sep.length);
    headText = headText.slice(sep.length);
    lines.next += sep.lineBreaks;
  }
  if (headText.trim() === '') {
    throw new FileError('empty', 'The file is empty: it has no header and no rows.');
  }
  const delimiter = options.delimiter ?? sep?.delimiter ?? sniffDelimiter(headText);
  dialect.delimiter = delimiter;

  const parser = new LineNumberingParser(
    {
      delimiter,
      relax_column_count: true,
      // A stray quote inside a field ("6" pallet") is kept as text, as spreadsheets write it;
      // a field that opens a quote and never closes it is still an error.
      relax_quotes: true,
      // Every line end, not only the kind csv-parse sees first: files pasted together from two
      // tools mix CRLF and LF, and rows must not run into each other.
      record_delimiter: ['\r\n', '\n', '\r'],
      // Blank lines are skipped (and counted) as they are pushed: see LineNumberingParser.
    },
    lines,
  );
  pipeline(Readable.from(rest(head, chunks)), parser, () => undefined);

  try {
    for await (const first of parser as AsyncIterable<SourceRow>) yield takeParsed(parser, first);
  } catch (error) {
    // Every record before the one it stopped in has been pushed, blank lines too.
    throw toFileError(error, lines.next);
  }
}

/**
 * `first` and the rows the parser already holds: what its async iterator would hand out one
 * by one, and, as it does, nothing more once the parser has failed.
 */
function takeParsed(parser: Readable, first: SourceRow): SourceRow[] {
  const rows = [first];
  while (!parser.destroyed) {
    const row = parser.read() as SourceRow | null;
    if (row === null) break;
    rows.push(row);
  }
  return rows;
}

async function nextChunk(chunks: AsyncIterator<Buffer>): Promise<IteratorResult<Buffer>> {
  try {
    return await chunks.next();
  } catch (error) {
    throw toFileError(error, 1);
  }
}

async function* rest(head: Buffer, chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (;;) {
    const next = await chunks.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Excel's first line `sep=;` (also quoted, and with `,` tab `|`; `\\t` spelled out too): the
 * delimiter it names, its length with its line break, and whether it has one.
 */
function readSepLine(
  text: string,
): { delimiter: string; length: number; lineBreaks: number } | undefined {
  const match = /^("?)sep=(\\t|[,;\t|])\1[ \t,;|]*(\r\n|\n|\r|$)/i.exec(text);
  if (!match) return undefined;
  const delimiter = match[2] === '\\t' ? '\t' : match[2]!;
  return { delimiter, length: match[0].length, lineBreaks: match[3] ? 1 : 0 };
}

/**
 * The line the next record starts on. csv-parse's own line counter counts a CRLF inside
 * quotes twice, so lines are counted here: CRLF, LF and a lone CR each end one line.
 */
class LineCounter {
  next = 1;
}

/** The line breaks inside a record's fields (quoted ones), not counting the one ending it. */
function lineBreaksIn(fields: string[]): number {
  let count = 0;
  for (const field of fields) {
    if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) continue;
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) count++;
    for (let at = field.indexOf('\r'); at !== -1; at = field.indexOf('\r', at + 1)) {
      if (field.charCodeAt(at + 1) !== 10) count++;
    }
  }
  return count;
}

function toFileError(error: unknown, line: number): Error {
  if (error instanceof FileError) return error;
  if (error instanceof CsvError) {
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      return new FileError(
        'unbalanced_quote',
        `Unbalanced quote from line ${line}: a field opens a double quote (") that is never` +
          ' closed, so the rest of the file would be read as one field. Close the quote, or' +
          ' double a quote that belongs to the text ("").',
      );
    }
    return new FileError(
      'malformed_csv',
      `The file is not valid CSV near line ${line}: ${error.message}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FileError('unreadable', `The file could not be read: ${message}`);
}
