import { Readable } from 'node:stream';
import fc from 'fast-check';
import { DecodeStream, SNIFF_WINDOW_BYTES } from '../../../src/file/decode-stream';
import { readCsvRows, type CsvDialect } from '../../../src/file/csv-rows';
import { FileError } from '../../../src/file/file-error';
import { isValidUtf8 } from '../../../src/file/encoding';
import { encodeText, type FileEncoding } from '../helpers/encode-text';

// Hundreds of generated files each; on a loaded 2-core machine that outlasts jest's 5 s default.
jest.setTimeout(120_000);

/**
 * However a file's bytes arrive (one chunk, single bytes, or cuts anywhere: inside a BOM, a
 * multi-byte UTF-8 character, a UTF-16 code unit or surrogate pair), the reader gives the
 * same text and encoding, or the same error.
 */

type Outcome = { text: string; encoding: string; bom: boolean } | { error: string; code: string };

/** Cuts `bytes` at the given offsets (any order, repeats and out-of-range ones ignored). */
function cutAt(bytes: Buffer, offsets: number[]): Buffer[] {
  const cuts = [...new Set(offsets.filter((at) => at > 0 && at < bytes.length))].sort(
    (a, b) => a - b,
  );
  const chunks: Buffer[] = [];
  let start = 0;
  for (const at of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(start, at));
    start = at;
  }
  return chunks;
}

function everyBytes(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

async function decode(chunks: Buffer[], encoding?: string): Promise<Outcome> {
  try {
    const decoder = new DecodeStream(encoding);
    const parts: Buffer[] = [];
    for await (const part of Readable.from(chunks).pipe(decoder)) parts.push(part as Buffer);
    const { encoding: found, bom } = decoder.result;
    return { text: Buffer.concat(parts).toString('utf8'), encoding: found, bom };
  } catch (error) {
    if (error instanceof FileError) return { error: error.message, code: error.code };
    throw error;
  }
}

async function rows(chunks: Buffer[]): Promise<unknown> {
  const dialect: Partial<CsvDialect> = {};
  const found: unknown[] = [];
  try {
    for await (const row of readCsvRows(Readable.from(chunks), {}, dialect)) found.push(row);
    return { rows: found, dialect };
  } catch (error) {
    if (error instanceof FileError) return { error: error.message, code: error.code };
    throw error;
  }
}

const ascii = fc.constantFrom(...'abcXYZ019 ;,"|\t\n\r');
const latin = fc.constantFrom(...'ÀÉÈÊËÎÏÔÖÙÛÜÇÑßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ€Šœ');
const wide = fc.constantFrom('ʤ', 'Ł', '€', '中', '文', '😀', '🇳🇱', 'e\u0301');
const anyText = fc.string({ unit: fc.oneof(ascii, ascii, latin, wide), maxLength: 80 });
const latinText = fc.string({ unit: fc.oneof(ascii, ascii, latin), maxLength: 80 });

/** Something done to the bytes: nothing, a byte put in or replaced, the last byte dropped. */
const damage = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0x80, max: 0xff }),
  }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0x80, max: 0xff }),
  }),
  fc.constant({ kind: 'truncate' as const }),
);
type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

function damaged(bytes: Buffer, change: Damage): Buffer {
  if (change.kind === 'none' || bytes.length === 0) return bytes;
  if (change.kind === 'truncate') return bytes.subarray(0, -1);
  const at = change.at % bytes.length;
  const out = Buffer.from(bytes);
  if (change.kind === 'replace') {
    out[at] = change.byte;
    return out;
  }
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([change.byte]), bytes.subarray(at)]);
}

const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 12 });
const sizes = fc.integer({ min: 1, max: 9 });

describe('the reader does not depend on chunk boundaries', () => {
  it('small files in every encoding, whole or damaged: same text or same error', async () => {
    const file = fc.oneof(
      fc.record({
        encoding: fc.constantFrom<FileEncoding>(
          'utf-8',
          'utf-8-bom',
          'utf-16le-bom',
          'utf-16be-bom',
          'utf-16le',
        ),
        text: anyText,
      }),
      fc.record({ encoding: fc.constant<FileEncoding>('windows-1252'), text: latinText }),
    );
    const explicit = fc.constantFrom(undefined, 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252');
    await fc.assert(
      fc.asyncProperty(file, damage, explicit, cuts, sizes, async (f, change, told, at, size) => {
        const text = `id;name\n${f.text.replace(/\0/g, '')}`;
        const bytes = damaged(encodeText(text, f.encoding), change);
        const whole = await decode([bytes], told);
        expect(await decode(everyBytes(bytes, 1), told)).toEqual(whole);
        expect(await decode(everyBytes(bytes, size), told)).toEqual(whole);
        expect(await decode(cutAt(bytes, at), told)).toEqual(whole);
        // Windows-1252 bytes that happen to be well-formed UTF-8 ("Ê€" is CA 80, U+0280) are
        // read as UTF-8, as documented: no reader can tell them apart.
        const ambiguous = f.encoding === 'windows-1252' && isValidUtf8(bytes);
        if (change.kind === 'none' && told === undefined && !ambiguous) {
          expect(whole).toMatchObject({ text });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('parsed rows too: the same records and lines, or the same error', async () => {
    const text = fc.string({ unit: fc.oneof(ascii, latin, wide), maxLength: 120 });
    const encoding = fc.constantFrom<FileEncoding>('utf-8', 'utf-8-bom', 'utf-16le-bom');
    await fc.assert(
      fc.asyncProperty(text, encoding, damage, cuts, async (body, enc, change, at) => {
        const bytes = damaged(encodeText(`sep=;\nid;name\n${body}`, enc), change);
        const whole = await rows([bytes]);
        expect(await rows(everyBytes(bytes, 1))).toEqual(whole);
        expect(await rows(cutAt(bytes, at))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('files past the window whose only non-UTF-8 byte is at the very end: the same error', async () => {
    const row = fc.string({ unit: fc.oneof(ascii, latin, wide), minLength: 1, maxLength: 40 });
    const bigCuts = fc.array(fc.nat({ max: 3 * SNIFF_WINDOW_BYTES }), { maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(
        row,
        fc.integer({ min: 0x80, max: 0xff }),
        fc.integer({ min: 1, max: 2 * SNIFF_WINDOW_BYTES }),
        bigCuts,
        fc.integer({ min: 1, max: 70_000 }),
        async (line, byte, extra, at, size) => {
          let text = 'id;name\n';
          const minimum = SNIFF_WINDOW_BYTES + extra;
          const unit = `E;${line.replace(/\0/g, '')}\n`;
          text += unit.repeat(Math.ceil(minimum / Buffer.byteLength(unit)));
          const bytes = Buffer.concat([Buffer.from(text), Buffer.from([byte])]);
          const whole = await decode([bytes]);
          // Never read as Windows-1252: the window is UTF-8, the last byte cannot finish anything.
          expect(whole).toMatchObject({ code: 'undecodable' });
          expect((whole as { error: string }).error).toMatch(
            new RegExp(`^Line [\\d,]+: byte 0x${byte.toString(16).toUpperCase()} `),
          );
          expect(await decode(cutAt(bytes, at))).toEqual(whole);
          expect(await decode(everyBytes(bytes, size))).toEqual(whole);
          expect(await decode(everyBytes(bytes, 64 * 1024))).toEqual(whole);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('one-byte chunks of a file past the window give what one chunk gives', async () => {
    const body = `id;name\nE1;Zoë 😀\n${'E2;Jürgen Groß\r\n'.repeat(5000)}`;
    for (const encoding of ['utf-8-bom', 'utf-16be-bom'] as const) {
      const bytes = Buffer.concat([encodeText(body, encoding), Buffer.from([0xd8, 0x3d, 0x00])]);
      const whole = await decode([bytes]);
      expect(whole).toMatchObject({ code: 'undecodable' });
      expect(await decode(everyBytes(bytes, 1))).toEqual(whole);
    }
  });
});
