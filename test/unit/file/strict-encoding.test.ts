import iconv from 'iconv-lite';
import { SNIFF_WINDOW_BYTES } from '../../../src/file/decode-stream';
import { decodeBytes, readAllRows } from '../helpers/byte-streams';
import { collectCheck } from '../helpers/check-collect';
import { encodeText } from '../helpers/encode-text';
import { fileErrorFrom } from '../helpers/file-errors';

const HEADER = 'Employee ID;First Name;Last Name;E-mail;Country;Language\r\n';

/** About `bytes` of UTF-8 rows with accented names: every row valid for the check. */
function utf8Export(bytes: number): Buffer {
  let text = HEADER;
  for (let i = 1; Buffer.byteLength(text) < bytes; i++) {
    text += `E${i};Zoë;Müller;zoe.muller.${i}@example.com;DE;de\r\n`;
  }
  return Buffer.from(text);
}

describe('the reviewer’s file: 200 KB of UTF-8 with one Windows-1252 byte at its very end', () => {
  const utf8 = utf8Export(200_000);
  const file = Buffer.concat([utf8, Buffer.from([0xfc])]);
  const lastLine = utf8.toString('latin1').split('\r\n').length;

  it('is not read as Windows-1252 in one chunk, and stops as in 64 KiB chunks', async () => {
    const whole = await fileErrorFrom(decodeBytes(file, 'whole'));
    const chunked = await fileErrorFrom(decodeBytes(file, 64 * 1024));
    expect(whole.code).toBe('undecodable');
    expect(whole.message).toBe(chunked.message);
    expect(whole.message).toBe(
      `Line ${lastLine.toLocaleString('en-US')}: byte 0xFC (at byte ${file.length.toLocaleString('en-US')}` +
        " of the file) is not valid UTF-8 (the file's first 64 KiB were read as UTF-8). Save the" +
        ' export as UTF-8, or set the encoding to windows-1252.',
    );
  });

  it('stops the check before any row is handed on, in one chunk or many', async () => {
    for (const chunking of ['whole', 64 * 1024, 1000] as const) {
      const rows: unknown[] = [];
      const error = await fileErrorFrom(
        collectCheck(file, {}, chunking).then((result) => rows.push(...result.rows)),
      );
      expect(error.code).toBe('undecodable');
      expect(error.message).toMatch(/^Line [\d,]+: byte 0xFC/);
      expect(rows).toEqual([]);
    }
  });

  it('reads the same bytes without the stray byte as UTF-8, Müller as Müller', async () => {
    const { rows, dialect } = await readAllRows(utf8);
    expect(dialect.encoding).toBe('utf-8');
    expect(rows[1]!.fields.slice(1, 3)).toEqual(['Zoë', 'Müller']);
  });
});

describe('the encoding is decided from the first 64 KiB', () => {
  it('reads a file whose window is not UTF-8 as Windows-1252, all of it', async () => {
    const text = `id;name\nE1;Zoë\n${'E2;Jürgen Groß\n'.repeat(10_000)}`;
    const decoded = await decodeBytes(iconv.encode(text, 'win1252'), 4096);
    expect(decoded).toEqual({
      text,
      result: { encoding: 'windows-1252', bom: false, sniffed: true },
    });
  });

  it('counts a character cut by the window’s end as UTF-8 when the file goes on', async () => {
    const before = 'a'.repeat(SNIFF_WINDOW_BYTES - 1);
    const text = `id\n${before.slice(3)}€\nrest\n`;
    const bytes = Buffer.from(text);
    expect(bytes.indexOf(Buffer.from('€'))).toBe(SNIFF_WINDOW_BYTES - 1);
    for (const chunking of ['whole', 7, 64 * 1024] as const) {
      const decoded = await decodeBytes(bytes, chunking);
      expect(decoded.text).toBe(text);
      expect(decoded.result.encoding).toBe('utf-8');
    }
  });

  it('names the line of the bad byte, counting CRLF, LF and a lone CR once each', async () => {
    const head = `id\r\n${'x\n'.repeat(40_000)}é\r\rok\r\n`;
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xe9, 0x0a])]);
    for (const chunking of ['whole', 1, 3, 64 * 1024] as const) {
      const error = await fileErrorFrom(decodeBytes(bytes, chunking));
      expect(error.message).toMatch(/^Line 40,005: byte 0xE9 /);
    }
  });
});

describe('an explicit encoding is strict too', () => {
  it('stops UTF-8 with a Windows-1252 byte, naming the line, even in a small file', async () => {
    const bytes = iconv.encode('id;name\nE1;Zoe\nE2;Zoë\n', 'win1252');
    const error = await fileErrorFrom(decodeBytes(bytes, 'whole', 'utf-8'));
    expect(error.message).toBe(
      'Line 3: byte 0xEB (at byte 21 of the file) is not valid UTF-8 (the encoding was set to' +
        ' UTF-8). Save the export as UTF-8, or set the encoding to windows-1252.',
    );
  });

  it.each(['utf-16le', 'utf-16be'] as const)(
    'stops %s with half a surrogate pair, wherever the chunks are cut',
    async (encoding) => {
      const good = iconv.encode('id;name\nE1;😀\n', encoding);
      const lone = Buffer.from(good); // the high half of 😀 followed by a newline: no low half
      const at = lone.indexOf(iconv.encode('😀', encoding));
      iconv.encode('\n', encoding).copy(lone, at + 2);
      const errors = new Set<string>();
      for (const chunking of ['whole', 1, 3] as const) {
        errors.add((await fileErrorFrom(decodeBytes(lone, chunking, encoding))).message);
        expect((await decodeBytes(good, chunking, encoding)).text).toBe('id;name\nE1;😀\n');
      }
      expect([...errors]).toEqual([
        `Line 2: the ${encoding.toUpperCase()} code unit 0xD83D (at byte ${at + 1} of the file)` +
          ' is half of a character whose other half is missing (the file was read as' +
          ` ${encoding.toUpperCase()}, as set). Save the export again as UTF-8.`,
      ]);
    },
  );

  it('stops UTF-16 with a BOM that ends on an odd byte', async () => {
    const bytes = Buffer.concat([
      encodeText('id;name\nE1;x\n', 'utf-16le-bom'),
      Buffer.from([0x41]),
    ]);
    for (const chunking of ['whole', 1] as const) {
      const error = await fileErrorFrom(decodeBytes(bytes, chunking));
      expect(error.message).toMatch(/^Line 3: the file ends inside a UTF-16LE character/);
    }
  });
});

describe('Windows-1252 bytes without a character', () => {
  // TextDecoder turns 0x81, 0x8D, 0x8F, 0x90 and 0x9D into invisible C1 control characters;
  // a file holding them is in another encoding (DOS code page 850 writes ü as 0x81).
  it.each(['81', '8D', '8F', '90', '9D'])('stops the file at byte 0x%s', async (hex) => {
    const byte = parseInt(hex, 16);
    const bytes = Buffer.concat([
      iconv.encode('id;name\nE1;Zoë\nE2;M', 'win1252'),
      Buffer.from([byte]),
      Buffer.from('ller\n'),
    ]);
    const name = `0x${hex}`;
    for (const encoding of [undefined, 'windows-1252', 'latin1']) {
      const error = await fileErrorFrom(decodeBytes(bytes, 2, encoding));
      expect(error.code).toBe('undecodable');
      expect(error.message).toMatch(
        new RegExp(
          `^Line 3: byte ${name} \\(at byte 20 of the file\\) is not a character in Windows-1252`,
        ),
      );
    }
  });

  it('reads every other byte from 0x80 up as its Windows-1252 character', async () => {
    const bytes = Buffer.from(
      Array.from({ length: 128 }, (_, i) => 0x80 + i).filter(
        (byte) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(byte),
      ),
    );
    const decoded = await decodeBytes(Buffer.concat([Buffer.from('id\n'), bytes]), 5);
    expect(decoded.text).toBe(`id\n${iconv.decode(bytes, 'win1252')}`);
    expect(decoded.text).toContain('€‚ƒ„…†‡ˆ‰Š‹ŒŽ');
  });
});
