import iconv from 'iconv-lite';

/** The ways a CSV file's text is saved that the reader must recognise without being told. */
export const FILE_ENCODINGS = [
  'utf-8',
  'utf-8-bom',
  'utf-16le-bom',
  'utf-16be-bom',
  'utf-16le',
  'windows-1252',
] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/** The encoding the reader should report for each way of saving, and whether it saw a BOM. */
export const EXPECTED_DIALECT: Record<FileEncoding, { encoding: string; bom: boolean }> = {
  'utf-8': { encoding: 'utf-8', bom: false },
  'utf-8-bom': { encoding: 'utf-8', bom: true },
  'utf-16le-bom': { encoding: 'utf-16le', bom: true },
  'utf-16be-bom': { encoding: 'utf-16be', bom: true },
  'utf-16le': { encoding: 'utf-16le', bom: false },
  'windows-1252': { encoding: 'windows-1252', bom: false },
};

/** Encodes text as a file would hold it; iconv-lite writes the BOM where one is asked for. */
export function encodeText(text: string, encoding: FileEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return iconv.encode(text, 'utf8', { addBOM: true });
    case 'utf-16le-bom':
      return iconv.encode(text, 'utf16le', { addBOM: true });
    case 'utf-16be-bom':
      return iconv.encode(text, 'utf16be', { addBOM: true });
    case 'utf-16le':
      return iconv.encode(text, 'utf16le');
    case 'windows-1252':
      return iconv.encode(text, 'win1252');
  }
}

/** Whether every character of `text` survives a trip through Windows-1252. */
export function fitsWindows1252(text: string): boolean {
  return iconv.decode(iconv.encode(text, 'win1252'), 'win1252') === text;
}

/** What Windows-1252 makes of `text`: characters it lacks become "?". */
export function throughWindows1252(text: string): string {
  return iconv.decode(iconv.encode(text, 'win1252'), 'win1252');
}
