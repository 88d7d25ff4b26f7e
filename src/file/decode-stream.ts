import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { FileError } from './file-error';
import {
  detectBom,
  firstNonAscii,
  invalidUtf8Offset,
  isValidUtf8,
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

// As many bytes as sniffWithoutBom looks at: the first chunk of a stream may be tiny, and
// the choice of encoding must not depend on how the bytes happen to be chunked.
const SNIFF_BYTES = 1024;

/**
 * Bytes in, text out, one chunk at a time. With no explicit encoding it honours a BOM,
 * recognises UTF-16 without one, and otherwise decides between UTF-8 and Windows-1252 at the
 * first non-ASCII byte: as long as the bytes are ASCII both read the same, so no text is
 * ever decoded twice or held back.
 */
export class DecodeStream extends Transform {
  readonly result: DecodeResult = { encoding: 'utf-8', bom: false, sniffed: true };
  private decoder: TextDecoder | undefined;
  private pending: Buffer | undefined;
  /** The last bytes decoded, to find an invalid byte in a character cut by a chunk boundary. */
  private tail: Uint8Array = new Uint8Array(0);
  private bytesSeen = 0;
  private atEnd = false;

  constructor(explicitEncoding?: string) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    if (explicitEncoding) {
      const encoding = normalizeEncodingName(explicitEncoding);
      this.result.encoding = encoding;
      this.result.sniffed = false;
      this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      let bytes = chunk;
      if (this.pending) {
        bytes = Buffer.concat([this.pending, chunk]);
        this.pending = undefined;
      }
      if (this.bytesSeen === 0 && bytes.length < SNIFF_BYTES) {
        this.pending = bytes;
        return done();
      }
      const text = this.decodeChunk(bytes);
      const held = this.pending as Buffer | undefined;
      this.bytesSeen += bytes.length - (held?.length ?? 0);
      done(null, text);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      let text = '';
      this.atEnd = true;
      if (this.pending) {
        text += this.decodeChunk(this.pending);
        this.bytesSeen += this.pending.length;
        this.pending = undefined;
      }
      if (this.decoder) text += this.decodeWith(this.decoder, new Uint8Array(0), false);
      done(null, text);
    } catch (error) {
      done(error as Error);
    }
  }

  private decodeChunk(bytes: Buffer): string {
    if (this.bytesSeen === 0 && !this.decoder) this.chooseByBomOrShape(bytes);
    if (this.bytesSeen === 0 && this.result.sniffed === false && this.decoder) {
      // An explicit encoding still drops its own BOM (TextDecoder does so by default); the
      // BOM of another encoding is read as text, as asked.
      this.result.bom = detectBomQuietly(bytes) === this.result.encoding;
    }
    if (this.decoder) return this.decodeWith(this.decoder, bytes, true);

    const nonAscii = firstNonAscii(bytes);
    if (nonAscii === -1) return bytes.toString('latin1');
    if (bytes.length - nonAscii < 4 && !this.atEnd) {
      // Too few bytes to tell UTF-8 from Windows-1252: wait for the next chunk.
      this.pending = bytes.subarray(nonAscii);
      return bytes.subarray(0, nonAscii).toString('latin1');
    }
    // A lone Latin-1 byte ending the file looks like the start of a UTF-8 character that the
    // next chunk would complete; at the end there is no next chunk.
    const cutAtEnd = this.atEnd && unfinishedUtf8Tail(bytes) === bytes.length - nonAscii;
    const encoding = isValidUtf8(bytes, nonAscii) && !cutAtEnd ? 'utf-8' : 'windows-1252';
    this.result.encoding = encoding;
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
    return this.decodeWith(this.decoder, bytes, true);
  }

  private chooseByBomOrShape(bytes: Buffer): void {
    const bom = detectBom(bytes);
    if (bom) {
      this.result.encoding = bom.encoding;
      this.result.bom = true;
      this.decoder = new TextDecoder(bom.encoding, { fatal: bom.encoding === 'utf-8' });
      return;
    }
    const utf16 = sniffWithoutBom(bytes);
    if (utf16) {
      this.result.encoding = utf16;
      this.decoder = new TextDecoder(utf16);
    }
  }

  private decodeWith(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
    try {
      const text = decoder.decode(bytes, { stream });
      this.tail = Buffer.concat([this.tail, bytes.subarray(-3)]).subarray(-3);
      return text;
    } catch {
      // Only the UTF-8 decoder is fatal. 1-based, as editors count.
      const at = this.bytesSeen + invalidUtf8Offset(this.tail, bytes) + 1;
      throw new FileError(
        'undecodable',
        `The file is not valid ${this.result.encoding.toUpperCase()} near byte ${at}` +
          ' (it mixes encodings, or is not text). Save it again as UTF-8, or give its encoding' +
          ' explicitly (for example windows-1252).',
      );
    }
  }
}

function detectBomQuietly(bytes: Uint8Array): string | undefined {
  try {
    return detectBom(bytes)?.encoding;
  } catch {
    return undefined;
  }
}
