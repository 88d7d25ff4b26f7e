import fc from 'fast-check';
import iconv from 'iconv-lite';
import { DecodeStream } from '../../../src/file/decode-stream';
import { decodeBytes, type Chunking } from '../helpers/byte-streams';
import { EXPECTED_DIALECT, encodeText, type FileEncoding } from '../helpers/encode-text';
import { fileErrorFrom } from '../helpers/file-errors';

const SAMPLE = 'Employee ID;First Name;Last Name\r\nE1;Zoë;Müller\r\nE2;José;García-Núñez\r\n';

/** Chunk sizes a file or socket may deliver: whole, tiny, odd, mixed, and Node's file default. */
const CHUNKINGS: Chunking[] = ['whole', 1, 2, 3, 5, 7, [1, 2, 3, 5, 8, 13], 64 * 1024];

/** ASCII text of more than 64 KiB: everything before the first non-ASCII byte. */
const LONG_ASCII = `id;name\n${'E0;plain ascii row\n'.repeat(4000)}`;

describe.each(CHUNKINGS)('DecodeStream fed in chunks of %j bytes', (chunking) => {
  it.each(Object.keys(EXPECTED_DIALECT) as FileEncoding[])(
    'reads %s to the same text and reports its encoding and BOM',
    async (encoding) => {
      const { text, result } = await decodeBytes(encodeText(SAMPLE, encoding), chunking);
      expect(text).toBe(SAMPLE);
      expect(result).toEqual({ ...EXPECTED_DIALECT[encoding], sniffed: true });
    },
  );

  it('sniffs UTF-16LE without a BOM even when its first characters have no zero byte', async () => {
    // Č, ě and ř lie above U+00FF: no zero byte in their UTF-16LE code units.
    const czech = 'Číslo zaměstnance;Jméno;Příjmení\r\nE1;Zoë;Dvořák\r\n';
    const { text, result } = await decodeBytes(encodeText(czech, 'utf-16le'), chunking);
    expect(text).toBe(czech);
    expect(result.encoding).toBe('utf-16le');
  });

  it('reports NUL bytes in the first kilobyte as binary, not as text', async () => {
    const error = await fileErrorFrom(decodeBytes(Buffer.from('id;name\nE1;Zo\0e\n'), chunking));
    expect(error.code).toBe('binary');
  });

  it('reports an xlsx workbook (PK\\x03\\x04) as binary', async () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
    const error = await fileErrorFrom(decodeBytes(xlsx, chunking));
    expect(error.code).toBe('binary');
    expect(error.message).toMatch(/export the sheet as CSV/);
  });

  it('stops Windows-1252 whose first non-ASCII byte comes after 64 KiB of ASCII, and reads it when told', async () => {
    const text = `${LONG_ASCII}E1;Zoë Müller\n`;
    const bytes = iconv.encode(text, 'win1252');
    const error = await fileErrorFrom(decodeBytes(bytes, chunking));
    expect(error.code).toBe('undecodable');
    expect(error.message).toBe(
      "Line 4,002: byte 0xEB (at byte 76,014 of the file) is not valid UTF-8 (the file's first" +
        ' 64 KiB are plain ASCII and were read as UTF-8). Save the export as UTF-8, or set the' +
        ' encoding to windows-1252.',
    );
    const told = await decodeBytes(bytes, chunking, 'windows-1252');
    expect(told.text).toBe(text);
  });

  it('keeps UTF-8 whose first non-ASCII character comes after the first 64 KiB', async () => {
    const text = `${LONG_ASCII}E1;Zoë Müller 😀\n`;
    const decoded = await decodeBytes(Buffer.from(text), chunking);
    expect(decoded.text).toBe(text);
    expect(decoded.result.encoding).toBe('utf-8');
  });

  it('detects Windows-1252 whose only non-ASCII byte is the last byte of the file', async () => {
    const text = 'id;name\nE1;Zoë';
    const decoded = await decodeBytes(iconv.encode(text, 'win1252'), chunking);
    expect(decoded).toEqual({
      text,
      result: { encoding: 'windows-1252', bom: false, sniffed: true },
    });
  });

  it('keeps UTF-8 whose only non-ASCII character ends the file', async () => {
    const decoded = await decodeBytes(Buffer.from('id;name\nE1;Zoë'), chunking);
    expect(decoded.text).toBe('id;name\nE1;Zoë');
    expect(decoded.result.encoding).toBe('utf-8');
  });
});

describe('DecodeStream at chunk boundaries', () => {
  /** Every way of cutting `bytes` in two. */
  const cutsOf = (bytes: Buffer): Chunking[] =>
    Array.from({ length: bytes.length - 1 }, (_, at) => [at + 1, bytes.length]);

  it.each(['é', '€', '😀'])(
    'decodes the multi-byte UTF-8 character %s whole wherever a chunk boundary cuts it',
    async (char) => {
      const text = `id;name\nE1;${char};x\n`;
      const bytes = Buffer.from(text);
      for (const cut of cutsOf(bytes)) {
        await expect(decodeBytes(bytes, cut)).resolves.toEqual({
          text,
          result: { encoding: 'utf-8', bom: false, sniffed: true },
        });
      }
    },
  );

  it('detects Windows-1252 wherever a chunk boundary falls around its first Latin-1 byte', async () => {
    const text = 'id;name\nE1;Zoë;x\nE2;Jürgen;y\n';
    const bytes = iconv.encode(text, 'win1252');
    for (const cut of cutsOf(bytes)) {
      await expect(decodeBytes(bytes, cut)).resolves.toEqual({
        text,
        result: { encoding: 'windows-1252', bom: false, sniffed: true },
      });
    }
  });

  it('decodes a BOM split over several chunks as a BOM', async () => {
    for (const encoding of ['utf-8-bom', 'utf-16le-bom', 'utf-16be-bom'] as const) {
      const bytes = encodeText(SAMPLE, encoding);
      for (const cut of cutsOf(bytes).slice(0, 4)) {
        const { text, result } = await decodeBytes(bytes, cut);
        expect(text).toBe(SAMPLE);
        expect(result).toEqual({ ...EXPECTED_DIALECT[encoding], sniffed: true });
      }
    }
  });
});

describe('DecodeStream with an explicit encoding', () => {
  it('decodes UTF-8 bytes as Windows-1252 when told to, giving the mojibake asked for', async () => {
    const decoded = await decodeBytes(Buffer.from('id;name\nE1;Zoë\n'), 'whole', 'windows-1252');
    expect(decoded).toEqual({
      text: 'id;name\nE1;ZoÃ«\n',
      result: { encoding: 'windows-1252', bom: false, sniffed: false },
    });
  });

  it('accepts latin1 as a name for Windows-1252', async () => {
    const bytes = iconv.encode('id;name\nE1;Zoë €\n', 'win1252');
    const decoded = await decodeBytes(bytes, 3, 'latin1');
    expect(decoded.text).toBe('id;name\nE1;Zoë €\n');
    expect(decoded.result.encoding).toBe('windows-1252');
  });

  it('reads UTF-16BE without a BOM when told to', async () => {
    const bytes = iconv.encode(SAMPLE, 'utf16be');
    const decoded = await decodeBytes(bytes, 7, 'UTF-16BE');
    expect(decoded).toEqual({
      text: SAMPLE,
      result: { encoding: 'utf-16be', bom: false, sniffed: false },
    });
  });

  it('drops the BOM of the encoding it was told, and reports it', async () => {
    const decoded = await decodeBytes(encodeText(SAMPLE, 'utf-8-bom'), 1, 'utf-8');
    expect(decoded).toEqual({
      text: SAMPLE,
      result: { encoding: 'utf-8', bom: true, sniffed: false },
    });
  });

  it('reads the bytes of another encoding’s BOM as text and reports no BOM', async () => {
    const decoded = await decodeBytes(encodeText('id;name\n', 'utf-8-bom'), 'whole', 'cp1252');
    expect(decoded).toEqual({
      text: 'ï»¿id;name\n',
      result: { encoding: 'windows-1252', bom: false, sniffed: false },
    });
  });

  it('does not fall back to Windows-1252 when told the file is UTF-8', async () => {
    const bytes = iconv.encode('id;name\nE1;Zoë\n', 'win1252');
    const error = await fileErrorFrom(decodeBytes(bytes, 'whole', 'utf-8'));
    expect(error.code).toBe('undecodable');
  });

  it('refuses an encoding name it does not know with unknown_encoding', async () => {
    const error = await fileErrorFrom(() => new DecodeStream('klingon-8'));
    expect(error.code).toBe('unknown_encoding');
  });
});

describe('DecodeStream on UTF-8 that turns invalid later', () => {
  // The first 64 KiB decide: valid UTF-8 there commits the file to UTF-8, so an invalid byte
  // after them is an error, not a switch to Windows-1252.
  const head = Buffer.from(`id;name\nE1;Zoë\n${'E0;plain ascii row\n'.repeat(4000)}E2;Zo`);
  const bad = Buffer.concat([head, Buffer.from([0xeb]), Buffer.from('\nE3;x\n')]);
  const badByte = head.length + 1; // 1-based, as a hex editor counts

  it.each([1, 3, 7, 1000, 4096, 64 * 1024] as const)(
    'is undecodable, naming the offset of the invalid byte, in chunks of %i',
    async (chunking) => {
      const error = await fileErrorFrom(decodeBytes(bad, chunking));
      expect(error.code).toBe('undecodable');
      expect(error.message).toContain(
        `Line 4,003: byte 0xEB (at byte ${badByte.toLocaleString('en-US')} of the file) is not valid UTF-8`,
      );
    },
  );

  it('names the byte where a character cut off by the end of the file starts', async () => {
    const cut = Buffer.concat([
      Buffer.from('id;name\nE1;Zoë\nE2;'),
      Buffer.from('€').subarray(0, 2),
    ]);
    for (const chunking of ['whole', 1, 2] as const) {
      const error = await fileErrorFrom(decodeBytes(cut, chunking));
      expect(error.code).toBe('undecodable');
      expect(error.message).toMatch(
        new RegExp(
          `^Line 3: byte 0xE2 \\(at byte ${cut.length - 1} of the file\\) is not valid UTF-8: the file ends inside`,
        ),
      );
    }
  });
});

describe('DecodeStream, whatever the chunk sizes', () => {
  const chunkSizes = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 });
  // Any code point but NUL (binary) and a leading U+FEFF (which is a BOM, by definition).
  const anyText = fc
    .string({ unit: 'binary', maxLength: 60 })
    .filter((text) => !text.includes('\0') && !text.startsWith('\uFEFF'));

  it('decodes UTF-8 and UTF-16 with a BOM to the text that was encoded', async () => {
    const encodings = fc.constantFrom<FileEncoding>(
      'utf-8',
      'utf-8-bom',
      'utf-16le-bom',
      'utf-16be-bom',
    );
    await fc.assert(
      fc.asyncProperty(anyText, encodings, chunkSizes, async (text, encoding, sizes) => {
        const decoded = await decodeBytes(encodeText(text, encoding), sizes);
        expect(decoded.text).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('decodes Windows-1252 letters to the text that was encoded', async () => {
    // Letters from 0xC0 up: bytes 0x80–0xBF could make Windows-1252 text valid UTF-8 by
    // chance (Ä followed by Š is C4 8A, the UTF-8 for Ċ), which no sniff can tell apart.
    const latin = fc.constantFrom(...'ÀÉÈÊËÎÏÔÖÙÛÜÇÑßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ');
    const plain = fc.constantFrom(...'abcXYZ019 ;,"\n\r');
    const text = fc.string({ unit: fc.oneof(latin, plain), maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(text, chunkSizes, async (value, sizes) => {
        const decoded = await decodeBytes(iconv.encode(value, 'win1252'), sizes);
        expect(decoded.text).toBe(value);
        const ascii = [...value].every((char) => char.charCodeAt(0) < 0x80);
        expect(decoded.result.encoding).toBe(ascii ? 'utf-8' : 'windows-1252');
      }),
      { numRuns: 200 },
    );
  });
});
