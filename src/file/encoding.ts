import { TextDecoder } from 'node:util';
import { FileError } from './file-error';

/** Encodings the reader names in its report; anything TextDecoder knows is accepted explicitly. */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | string;

const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  utf16: 'utf-16le',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16le': 'utf-16le',
  ucs2: 'utf-16le',
  'ucs-2': 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16be': 'utf-16be',
  // The WHATWG decoders treat Latin-1 as Windows-1252, a superset; so do Excel's exports.
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  iso88591: 'windows-1252',
  cp1252: 'windows-1252',
  windows1252: 'windows-1252',
  'windows-1252': 'windows-1252',
  ansi: 'windows-1252',
};

/** Turns a person's spelling of an encoding into a name TextDecoder accepts, or says why not. */
export function normalizeEncodingName(name: string): string {
  const key = name.trim().toLowerCase().replace(/_/g, '-');
  const canonical = ALIASES[key] ?? ALIASES[key.replace(/-/g, '')] ?? key;
  try {
    return new TextDecoder(canonical).encoding;
  } catch {
    throw new FileError(
      'unknown_encoding',
      `Unknown encoding "${name}". Use utf-8, utf-16le, utf-16be or windows-1252 (latin1).`,
    );
  }
}

type Bom = { encoding: string; length: number };

export function detectBom(bytes: Uint8Array): Bom | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) {
    if (c === 0 && d === 0) {
      throw new FileError(
        'undecodable',
        'The file is UTF-32, which is not supported: save it as UTF-8.',
      );
    }
    return { encoding: 'utf-16le', length: 2 };
  }
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Recognises what is not text at all (a workbook, a zip, an image) so the admin hears
 * "export it as CSV" instead of a page of mojibake, and UTF-16 saved without a BOM.
 */
export function sniffWithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const [a, b, c, d] = sample;
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) {
    throw new FileError(
      'binary',
      'This is an Excel workbook or zip archive, not a CSV file: export the sheet as CSV (UTF-8) first.',
    );
  }
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0) {
    throw new FileError(
      'binary',
      'This is an old Excel (.xls) workbook, not a CSV file: export the sheet as CSV (UTF-8) first.',
    );
  }
  const length = Math.min(sample.length, 1024);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  const pairs = length / 2;
  // ASCII text in UTF-16 has a zero in nearly every other byte; the few characters with a
  // zero low byte (U+0300, the combining grave of decomposed text; an emoji's U+DE00 half)
  // put one on the other side now and then; in a short sample one such half is already
  // more than 5%, so at least one is allowed.
  const few = Math.max(1, pairs * 0.05);
  // And a short file of mostly non-ASCII names (an emoji is two units, neither with a zero)
  // has zeros in fewer than half its units: a third, all on one side, is still UTF-16.
  const many = pairs * 0.3;
  if (pairs >= 2 && oddZeros >= many && evenZeros <= few) return 'utf-16le';
  if (pairs >= 2 && evenZeros >= many && oddZeros <= few) return 'utf-16be';
  if (evenZeros + oddZeros > 0) {
    throw new FileError(
      'binary',
      'The file holds binary data (NUL bytes), not CSV text: export the data as CSV (UTF-8) first.',
    );
  }
  return undefined;
}

/**
 * Whether `bytes` from `start` on are well-formed UTF-8. A sequence cut off by the end of
 * the buffer counts as well-formed: the next chunk may complete it.
 */
export function isValidUtf8(bytes: Uint8Array, start = 0): boolean {
  return invalidUtf8At(bytes, start) === -1;
}

/** The index of the first byte from `start` on that is not well-formed UTF-8, or -1. */
export function invalidUtf8At(bytes: Uint8Array, start = 0): number {
  let i = start;
  const end = bytes.length;
  while (i < end) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let codePoint = byte & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= end) return -1;
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      return i;
    }
    i += need + 1;
  }
  return -1;
}

/** How many bytes at the end of `bytes` start a UTF-8 character that is not finished there. */
export function unfinishedUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: the start is further back
    // 0xC0, 0xC1 and 0xF5 up start no character: invalid here, not unfinished.
    const length = byte >= 0xf5 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}
