import {
  detectBom,
  invalidUtf8At,
  isValidUtf8,
  normalizeEncodingName,
  sniffWithoutBom,
  unfinishedUtf8Tail,
} from '../../../src/file/encoding';
import { encodeText } from '../helpers/encode-text';
import { fileErrorFrom } from '../helpers/file-errors';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('normalizeEncodingName', () => {
  it.each([
    ['UTF8', 'utf-8'],
    ['utf-8', 'utf-8'],
    [' UTF_8 ', 'utf-8'],
    ['utf16', 'utf-16le'],
    ['UTF-16LE', 'utf-16le'],
    ['ucs2', 'utf-16le'],
    ['utf16be', 'utf-16be'],
    ['UTF-16BE', 'utf-16be'],
    ['latin1', 'windows-1252'],
    ['Latin-1', 'windows-1252'],
    ['ISO-8859-1', 'windows-1252'],
    ['cp1252', 'windows-1252'],
    ['ANSI', 'windows-1252'],
    ['windows_1252', 'windows-1252'],
  ])('accepts the spelling %j as %s', (spelling, canonical) => {
    expect(normalizeEncodingName(spelling)).toBe(canonical);
  });

  it('accepts any other encoding TextDecoder knows, under its canonical name', () => {
    expect(normalizeEncodingName('ISO-8859-15')).toBe('iso-8859-15');
    expect(normalizeEncodingName('Shift_JIS')).toBe('shift_jis');
  });

  it('rejects an unknown name with the unknown_encoding code and names it in the message', async () => {
    const error = await fileErrorFrom(() => normalizeEncodingName('klingon-8'));
    expect(error.code).toBe('unknown_encoding');
    expect(error.message).toContain('"klingon-8"');
  });
});

describe('detectBom', () => {
  it('recognises the UTF-8, UTF-16LE and UTF-16BE byte order marks and their lengths', () => {
    expect(detectBom(encodeText('id', 'utf-8-bom'))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(detectBom(encodeText('id', 'utf-16le-bom'))).toEqual({
      encoding: 'utf-16le',
      length: 2,
    });
    expect(detectBom(encodeText('id', 'utf-16be-bom'))).toEqual({
      encoding: 'utf-16be',
      length: 2,
    });
  });

  it('finds no BOM in plain text, in UTF-16 without one, or in too few bytes', () => {
    expect(detectBom(encodeText('id,name', 'utf-8'))).toBeUndefined();
    expect(detectBom(encodeText('id,name', 'utf-16le'))).toBeUndefined();
    expect(detectBom(bytes(0xef, 0xbb))).toBeUndefined();
    expect(detectBom(bytes())).toBeUndefined();
  });

  it('refuses UTF-32 (its BOM starts like UTF-16LE) as undecodable', async () => {
    const error = await fileErrorFrom(() => detectBom(bytes(0xff, 0xfe, 0, 0, 0x69, 0, 0, 0)));
    expect(error.code).toBe('undecodable');
    expect(error.message).toMatch(/UTF-32/);
  });
});

describe('sniffWithoutBom', () => {
  // A counterexample the chunking property test found: zeros in fewer than 70% of the units.
  it('takes a short UTF-16 file of mostly non-ASCII characters for UTF-16, not binary', () => {
    const le = encodeText('id;name\nʤ😀€', 'utf-16le');
    expect(sniffWithoutBom(le)).toBe('utf-16le');
    expect(sniffWithoutBom(Buffer.from(le).swap16())).toBe('utf-16be');
  });

  it("recognises a short UTF-16 file whose emoji puts one zero on the other side (U+DE00's low byte)", () => {
    // The property test's counterexample: 8 ASCII characters and one emoji, 10 pairs.
    expect(sniffWithoutBom(encodeText('id;name\n😀', 'utf-16le'))).toBe('utf-16le');
  });

  it('recognises UTF-16LE and UTF-16BE without a BOM by their zero bytes', () => {
    expect(sniffWithoutBom(encodeText('id;name\n1;Zoë\n', 'utf-16le'))).toBe('utf-16le');
    const bigEndian = Buffer.from(encodeText('id;name\n1;Zoë\n', 'utf-16be-bom').subarray(2));
    expect(sniffWithoutBom(bigEndian)).toBe('utf-16be');
  });

  it('recognises UTF-16 without a BOM that holds characters with a zero low byte', () => {
    // The combining grave (U+0300) of decomposed text and the low half of 😀 (U+DE00).
    const text = `Employee ID;First Name;Note\nE1;Zoe\u0300;😀\n${'E2;Ana;ok\n'.repeat(5)}`;
    expect(sniffWithoutBom(encodeText(text, 'utf-16le'))).toBe('utf-16le');
    const bigEndian = Buffer.from(encodeText(text, 'utf-16be-bom').subarray(2));
    expect(sniffWithoutBom(bigEndian)).toBe('utf-16be');
  });

  it('leaves ordinary text, UTF-8 or Windows-1252, to the UTF-8 check', () => {
    expect(sniffWithoutBom(encodeText('id;name\n1;Zoë\n', 'utf-8'))).toBeUndefined();
    expect(sniffWithoutBom(encodeText('id;name\n1;Zoë\n', 'windows-1252'))).toBeUndefined();
  });

  it('reports an xlsx workbook (a zip: PK\\x03\\x04) as binary, telling to export as CSV', async () => {
    const error = await fileErrorFrom(() =>
      sniffWithoutBom(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0)),
    );
    expect(error.code).toBe('binary');
    expect(error.message).toMatch(/Excel workbook or zip/);
  });

  it('reports an old xls workbook as binary', async () => {
    const error = await fileErrorFrom(() =>
      sniffWithoutBom(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1)),
    );
    expect(error.code).toBe('binary');
    expect(error.message).toMatch(/\.xls/);
  });

  it('reports NUL bytes that do not follow the UTF-16 pattern as binary', async () => {
    const error = await fileErrorFrom(() =>
      sniffWithoutBom(Buffer.from('id,name\n1,a\0b\n', 'latin1')),
    );
    expect(error.code).toBe('binary');
    expect(error.message).toMatch(/NUL/);
  });
});

describe('isValidUtf8', () => {
  it('accepts ASCII and well-formed two-, three- and four-byte sequences', () => {
    expect(isValidUtf8(Buffer.from('plain ascii'))).toBe(true);
    expect(isValidUtf8(Buffer.from('Zoë € 😀 ʤ'))).toBe(true);
  });

  it('counts a sequence cut off by the end of the buffer as well-formed, for the next chunk', () => {
    const euro = Buffer.from('€');
    expect(isValidUtf8(euro.subarray(0, 1))).toBe(true);
    expect(isValidUtf8(euro.subarray(0, 2))).toBe(true);
  });

  it.each([
    ['a Windows-1252 ë followed by ASCII', [0x5a, 0x6f, 0xeb, 0x0a]],
    ['a stray continuation byte', [0x61, 0x80, 0x61]],
    ['an overlong two-byte encoding of "/"', [0xc0, 0xaf]],
    ['an overlong three-byte encoding', [0xe0, 0x80, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a byte that never starts a sequence', [0xff, 0x61]],
  ])('rejects %s', (_, values) => {
    expect(isValidUtf8(bytes(...values))).toBe(false);
  });

  it('checks only from the given start', () => {
    const text = bytes(0xff, 0x61, 0xc3, 0xa9);
    expect(isValidUtf8(text, 0)).toBe(false);
    expect(isValidUtf8(text, 1)).toBe(true);
  });
});

describe('locating invalid UTF-8', () => {
  it('invalidUtf8At gives the index of the byte that starts the malformed sequence', () => {
    expect(invalidUtf8At(Buffer.from('Zoë'))).toBe(-1);
    expect(invalidUtf8At(bytes(0x5a, 0x6f, 0xeb, 0x0a))).toBe(2);
    expect(invalidUtf8At(bytes(0xc3, 0xa9, 0x80))).toBe(2);
  });

  it('unfinishedUtf8Tail counts the bytes of a character the buffer ends inside', () => {
    const smiley = Buffer.from('a😀');
    expect(unfinishedUtf8Tail(smiley)).toBe(0);
    expect(unfinishedUtf8Tail(smiley.subarray(0, 4))).toBe(3);
    expect(unfinishedUtf8Tail(smiley.subarray(0, 2))).toBe(1);
    expect(unfinishedUtf8Tail(Buffer.from('abc'))).toBe(0);
    // Bytes that start no UTF-8 character are invalid where they are, not unfinished.
    expect(unfinishedUtf8Tail(bytes(0x61, 0xfc))).toBe(0);
    expect(unfinishedUtf8Tail(bytes(0x61, 0xc0))).toBe(0);
    expect(unfinishedUtf8Tail(bytes(0x61, 0xf5, 0x80))).toBe(0);
  });
});
