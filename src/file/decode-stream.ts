import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { FileError } from './file-error';
import {
  detectBom,
  invalidUtf8At,
  normalizeEncodingName,
  sniffWithoutBom,
  unfinishedUtf8Tail,
} from './encoding';

export interface DecodeResult {
  /** The encoding the bytes were read as (`utf-8` also for pure ASCII). */
  encoding: string;
  bom: boolean;
  /** True when the encoding was found by sniffing rather than given. */
  sniffed: boolean;
}

/**
 * The bytes the encoding is decided from, once per file: its BOM, UTF-16's zero bytes, and
 * whether these bytes are UTF-8. Everything after them is read strictly in that encoding.
 */
export const SNIFF_WINDOW_BYTES = 64 * 1024;

/** Bytes that Windows-1252 leaves without a character (TextDecoder gives C1 controls). */
const UNDEFINED_IN_WINDOWS_1252 = /[\x81\x8d\x8f\x90\x9d]/;
/** Half a UTF-16 surrogate pair without its other half, in text decoded from UTF-16. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const EMPTY = Buffer.alloc(0);

type Reader = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'other';

/**
 * Bytes in, UTF-8 bytes out. The encoding is decided once, from the file's first
 * SNIFF_WINDOW_BYTES (or given), and then every byte of the file is read strictly in it:
 * a byte the encoding cannot hold stops the file with its line and offset. How the bytes
 * arrive in chunks never changes the text or the error.
 *
 * UTF-8 leaves as it came (validated, the BOM dropped), which csv-parse reads as it is;
 * other encodings are decoded and encoded again as UTF-8. Each chunk pushed ends on a
 * character boundary.
 */
export class DecodeStream extends Transform {
  readonly result: DecodeResult = { encoding: 'utf-8', bom: false, sniffed: true };
  private readonly explicitEncoding: string | undefined;
  private reader: Reader | undefined;
  private other: TextDecoder | undefined;
  /** What came before the decision: the window and one byte more, or the whole file. */
  private head: Buffer[] = [];
  private headBytes = 0;
  /** The window was ASCII only (which reads the same in UTF-8 and Windows-1252). */
  private asciiWindow = false;
  /** The start of a character that the next chunk finishes. */
  private carry: Buffer = EMPTY;
  /** The file offset of `carry`'s first byte (of the next chunk's, when nothing is carried). */
  private offset = 0;
  private readonly lines = new LineTally();

  constructor(explicitEncoding?: string) {
    super({ decodeStrings: true });
    if (explicitEncoding) {
      const encoding = normalizeEncodingName(explicitEncoding);
      this.explicitEncoding = encoding;
      this.result.encoding = encoding;
      this.result.sniffed = false;
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.reader) {
        this.readBytes(chunk);
      } else {
        this.head.push(chunk);
        this.headBytes += chunk.length;
        if (this.headBytes > SNIFF_WINDOW_BYTES) this.decideAndRead(false);
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.reader) {
        if (this.headBytes === 0) return done();
        this.decideAndRead(true);
      }
      if (this.reader === 'other') this.pushText(this.other!.decode());
      if (this.carry.length > 0) this.failAtEnd();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private decideAndRead(atEnd: boolean): void {
    const bytes = Buffer.concat(this.head);
    this.head = [];
    const skip = this.decide(bytes, atEnd);
    this.offset = skip;
    this.readBytes(bytes.subarray(skip));
  }

  /** Chooses the encoding; returns the length of the BOM to drop. */
  private decide(bytes: Buffer, atEnd: boolean): number {
    let bomLength = 0;
    if (this.explicitEncoding) {
      // An explicit encoding still drops its own BOM; the BOM of another encoding is read
      // as text, as asked.
      const bom = detectBomQuietly(bytes);
      if (bom?.encoding === this.explicitEncoding) {
        this.result.bom = true;
        bomLength = bom.length;
      }
    } else {
      const bom = detectBom(bytes);
      if (bom) {
        this.result.encoding = bom.encoding;
        this.result.bom = true;
        bomLength = bom.length;
      } else {
        this.result.encoding = sniffWithoutBom(bytes) ?? this.sniffUtf8(bytes, atEnd);
      }
    }
    const encoding = this.result.encoding;
    if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') {
      this.reader = encoding;
    } else if (encoding === 'windows-1252') {
      this.reader = 'windows-1252';
      this.other = new TextDecoder('windows-1252');
    } else {
      this.reader = 'other';
      this.other = new TextDecoder(encoding);
    }
    return bomLength;
  }

  /**
   * UTF-8 when the window is: a character cut by the window's end counts as UTF-8 if the
   * file goes on (the rest is read strictly anyway), not if the file ends there.
   */
  private sniffUtf8(bytes: Buffer, atEnd: boolean): 'utf-8' | 'windows-1252' {
    const window = bytes.subarray(0, SNIFF_WINDOW_BYTES);
    this.asciiWindow = !window.some((byte) => byte >= 0x80);
    if (this.asciiWindow) return 'utf-8';
    if (invalidUtf8At(window) !== -1) return 'windows-1252';
    const cut = atEnd ? unfinishedUtf8Tail(window) : 0;
    // A file that ends inside a character: UTF-8 cut short if it has whole UTF-8 characters
    // before, else a last Windows-1252 letter (`Zoë` ends in 0xEB, which starts a UTF-8 character).
    return cut === 0 || window.subarray(0, window.length - cut).some((byte) => byte >= 0x80)
      ? 'utf-8'
      : 'windows-1252';
  }

  private readBytes(chunk: Buffer): void {
    if (this.reader === 'utf-8') this.readUtf8(chunk);
    else if (this.reader === 'utf-16le' || this.reader === 'utf-16be') this.readUtf16(chunk);
    else this.readSingleByteOrOther(chunk);
  }

  private readUtf8(chunk: Buffer): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = bytes.length - unfinishedUtf8Tail(bytes);
    const body = bytes.subarray(0, whole);
    if (!isUtf8(body)) {
      const at = invalidUtf8At(body);
      this.fail(body, at === -1 ? 0 : at, body[at === -1 ? 0 : at]!);
    }
    this.lines.addBytes(body, body.length);
    this.offset += whole;
    // A copy: the few bytes carried must not keep the whole chunk alive.
    this.carry = whole === bytes.length ? EMPTY : Buffer.from(bytes.subarray(whole));
    if (body.length > 0) this.push(body);
  }

  private readUtf16(chunk: Buffer): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let whole = bytes.length & ~1;
    // A high surrogate last: its low half comes with the next chunk.
    if (whole >= 2 && isHighSurrogate(this.codeUnit(bytes, whole - 2))) whole -= 2;
    const body = bytes.subarray(0, whole);
    const text =
      this.reader === 'utf-16be'
        ? Buffer.from(body).swap16().toString('utf16le')
        : body.toString('utf16le');
    const at = text.search(LONE_SURROGATE);
    if (at !== -1) {
      this.fail(text, at, text.charCodeAt(at), at * 2);
    }
    this.lines.addText(text, text.length);
    this.offset += whole;
    this.carry = whole === bytes.length ? EMPTY : Buffer.from(bytes.subarray(whole));
    this.pushText(text);
  }

  private readSingleByteOrOther(chunk: Buffer): void {
    const decoder = this.other!;
    // Streaming, also for Windows-1252: Node's one-shot decode of it reads Latin-1 (0x80 as U+0080, not €).
    const text = decoder.decode(chunk, { stream: true });
    if (this.reader === 'windows-1252') {
      const at = text.search(UNDEFINED_IN_WINDOWS_1252);
      if (at !== -1) this.fail(text, at, chunk[at]!, at);
      this.offset += chunk.length;
    }
    this.lines.addText(text, text.length);
    this.pushText(text);
  }

  private pushText(text: string): void {
    if (text.length > 0) this.push(Buffer.from(text, 'utf8'));
  }

  private codeUnit(bytes: Buffer, at: number): number {
    return this.reader === 'utf-16be' ? bytes.readUInt16BE(at) : bytes.readUInt16LE(at);
  }

  /**
   * Stops the file at `data[at]`, the first thing the encoding cannot read. `data` is what
   * this chunk would have pushed (bytes, or text decoded from them); `byteAt` is the bad
   * byte's offset from its start when `data` is text.
   */
  private fail(data: Buffer | string, at: number, value: number, byteAt = at): never {
    const line = this.lines.lineAt(data, at);
    const where = `Line ${fmt(line)}:`;
    const offset = `at byte ${fmt(this.offset + byteAt + 1)} of the file`;
    const name = this.result.encoding.toUpperCase();
    if (this.reader === 'utf-8') {
      const why = this.explicitEncoding
        ? 'the encoding was set to UTF-8'
        : this.asciiWindow
          ? `the file's first ${SNIFF_WINDOW_BYTES / 1024} KiB are plain ASCII and were read as UTF-8`
          : `the file's first ${SNIFF_WINDOW_BYTES / 1024} KiB were read as UTF-8`;
      throw new FileError(
        'undecodable',
        `${where} byte ${hex(value)} (${offset}) is not valid UTF-8 (${why}). Save the export` +
          ' as UTF-8, or set the encoding to windows-1252.',
      );
    }
    if (this.reader === 'windows-1252') {
      throw new FileError(
        'undecodable',
        `${where} byte ${hex(value)} (${offset}) is not a character in Windows-1252 (the file was` +
          ` read as Windows-1252${this.explicitEncoding ? ', as set' : ` because its first ${SNIFF_WINDOW_BYTES / 1024} KiB are not valid UTF-8`}),` +
          ' so the file is in another encoding (DOS code page 850 writes ü as 0x81). Save the' +
          ' export as UTF-8.',
      );
    }
    throw new FileError(
      'undecodable',
      `${where} the ${name} code unit 0x${value.toString(16).toUpperCase().padStart(4, '0')}` +
        ` (${offset}) is half of a character whose other half is missing (the file was read as` +
        ` ${name}${this.explicitEncoding ? ', as set' : ''}). Save the export again as UTF-8.`,
    );
  }

  /** The file ended inside a character: the carried bytes start it. */
  private failAtEnd(): never {
    const line = this.lines.lineAt('', 0);
    const offset = `at byte ${fmt(this.offset + 1)} of the file`;
    const name = this.result.encoding.toUpperCase();
    if (this.reader === 'utf-8') {
      const why = this.explicitEncoding
        ? 'the encoding was set to UTF-8'
        : `the file's first ${SNIFF_WINDOW_BYTES / 1024} KiB were read as UTF-8`;
      throw new FileError(
        'undecodable',
        `Line ${fmt(line)}: byte ${hex(this.carry[0]!)} (${offset}) is not valid UTF-8: the file` +
          ` ends inside the character it starts (${why}). Save the export as UTF-8, or set the` +
          ' encoding to windows-1252.',
      );
    }
    throw new FileError(
      'undecodable',
      `Line ${fmt(line)}: the file ends inside a ${name} character (${offset}; the file was read` +
        ` as ${name}${this.explicitEncoding ? ', as set' : ''}). Save the export again as UTF-8.`,
    );
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function detectBomQuietly(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  try {
    return detectBom(bytes);
  } catch {
    return undefined;
  }
}

const fmt = (value: number) => value.toLocaleString('en-US');
const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Counts the line breaks the decoder has passed (CRLF, LF and a lone CR each end a line, as
 * the row reader counts them), so that an error can name its line.
 */
class LineTally {
  private breaks = 0;
  /** The last character seen was a CR: a break, unless an LF follows. */
  private pendingCr = false;

  addBytes(bytes: Buffer, end: number): void {
    const { breaks, pendingCr } = this.count(bytes, end);
    this.breaks += breaks;
    this.pendingCr = pendingCr;
  }

  addText(text: string, end: number): void {
    this.addBytes(text as unknown as Buffer, end);
  }

  /** The 1-based line of `data[at]`, which is neither CR nor LF. */
  lineAt(data: Buffer | string, at: number): number {
    const { breaks, pendingCr } = this.count(data, at);
    return 1 + this.breaks + breaks + (pendingCr ? 1 : 0);
  }

  private count(data: Buffer | string, end: number): { breaks: number; pendingCr: boolean } {
    // indexOf rather than a loop over every byte: this runs over the whole file.
    const source = data as { indexOf(value: never, from?: number): number };
    const lf = (typeof data === 'string' ? '\n' : 10) as never;
    const cr = (typeof data === 'string' ? '\r' : 13) as never;
    const codeAt = (at: number) =>
      typeof data === 'string' ? data.charCodeAt(at) : (data[at] as number);
    let breaks = 0;
    let pendingCr = this.pendingCr;
    if (pendingCr && end > 0) {
      if (codeAt(0) !== 10) breaks++;
      pendingCr = false;
    }
    for (let at = source.indexOf(lf); at !== -1 && at < end; at = source.indexOf(lf, at + 1)) {
      breaks++;
    }
    for (let at = source.indexOf(cr); at !== -1 && at < end; at = source.indexOf(cr, at + 1)) {
      if (at + 1 === end) pendingCr = true;
      else if (codeAt(at + 1) !== 10) breaks++;
    }
    return { breaks, pendingCr };
  }
}
