import iconv from 'iconv-lite';
import { readAllRows, type Chunking } from '../helpers/byte-streams';
import { collectCheck } from '../helpers/check-collect';
import { encodeText, FILE_ENCODINGS } from '../helpers/encode-text';
import { fileErrorFrom } from '../helpers/file-errors';

/** The start line of each record, and its fields. */
async function linesAndFields(text: string, chunking: Chunking = 'whole') {
  const { rows } = await readAllRows(text, {}, chunking);
  return rows.map((row) => [row.line, row.fields]);
}

describe('readCsvRows line numbers (the 1-based line each record starts on)', () => {
  it('counts LF line ends', async () => {
    expect(await linesAndFields('a,b\n1,2\n3,4\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
    ]);
  });

  it('counts CRLF line ends once each', async () => {
    expect(await linesAndFields('a,b\r\n1,2\r\n3,4\r\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
    ]);
  });

  it('counts old Mac CR line ends', async () => {
    expect(await linesAndFields('a,b\r1,2\r3,4\r')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
    ]);
  });

  it('counts an LF inside quotes as a line, so the next record starts a line later', async () => {
    expect(await linesAndFields('a,b\n1,"two\nlines"\n3,4\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'two\nlines']],
      [4, ['3', '4']],
    ]);
  });

  it('counts a CRLF inside quotes once (csv-parse itself counts it twice)', async () => {
    expect(await linesAndFields('a,b\r\n1,"two\r\nlines\r\nand a third"\r\n3,4\r\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'two\r\nlines\r\nand a third']],
      [5, ['3', '4']],
    ]);
  });

  it('skips blank lines but counts them', async () => {
    expect(await linesAndFields('a,b\n\n1,2\n\n\n3,4\n\n')).toEqual([
      [1, ['a', 'b']],
      [3, ['1', '2']],
      [6, ['3', '4']],
    ]);
    expect(await linesAndFields('\r\na,b\r\n\r\n1,"x\r\ny"\r\n\r\n3,4')).toEqual([
      [2, ['a', 'b']],
      [4, ['1', 'x\r\ny']],
      [7, ['3', '4']],
    ]);
  });

  it('splits records at every line end when a file mixes CRLF and LF', async () => {
    // Files pasted together from two tools: csv-parse would keep the first line end it saw.
    expect(await linesAndFields('a,b\r\n1,2\n3,4\r\n5,6\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
      [4, ['5', '6']],
    ]);
    expect(await linesAndFields('a,b\n1,2\r\n3,4\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
    ]);
  });

  it('reads a last record without a line end', async () => {
    expect(await linesAndFields('a,b\n1,2')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });
});

describe('readCsvRows quoting', () => {
  it('keeps delimiters, doubled quotes and line breaks inside quoted fields', async () => {
    const text = 'id;note\n1;"a;b,c|d"\n2;"say ""hi"""\n3;"x\ny"\n4;""\n';
    expect(await linesAndFields(text)).toEqual([
      [1, ['id', 'note']],
      [2, ['1', 'a;b,c|d']],
      [3, ['2', 'say "hi"']],
      [4, ['3', 'x\ny']],
      [6, ['4', '']],
    ]);
  });

  it('keeps a stray quote inside an unquoted field as text, as spreadsheets write it', async () => {
    expect(await linesAndFields('id,item\n1,6" pallet\n')).toEqual([
      [1, ['id', 'item']],
      [2, ['1', '6" pallet']],
    ]);
  });

  it('keeps rows with fewer or more fields than the header, for the check to report', async () => {
    expect(await linesAndFields('a,b,c\n1,2\n1,2,3,4\n')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '2']],
      [3, ['1', '2', '3', '4']],
    ]);
  });
});

describe('readCsvRows dialect', () => {
  it('sniffs the delimiter and reports it with the encoding', async () => {
    const { rows, dialect } = await readAllRows(encodeText('a;b\n1;Zoë\n', 'utf-16be-bom'));
    expect(rows.map((row) => row.fields)).toEqual([
      ['a', 'b'],
      ['1', 'Zoë'],
    ]);
    expect(dialect).toEqual({ encoding: 'utf-16be', bom: true, sniffed: true, delimiter: ';' });
  });

  it('uses an explicit delimiter over the sniff', async () => {
    const text = 'a,b;c\n1,2;3\n';
    const sniffed = await readAllRows(text);
    expect(sniffed.dialect.delimiter).toBe(',');
    const { rows, dialect } = await readAllRows(text, { delimiter: ';' });
    expect(dialect.delimiter).toBe(';');
    expect(rows.map((row) => row.fields)).toEqual([
      ['a,b', 'c'],
      ['1,2', '3'],
    ]);
  });

  it('uses an explicit encoding over the sniff', async () => {
    const { rows, dialect } = await readAllRows(Buffer.from('a;b\n1;Zoë\n'), {
      encoding: 'windows-1252',
    });
    expect(rows[1]?.fields).toEqual(['1', 'ZoÃ«']);
    expect(dialect).toMatchObject({ encoding: 'windows-1252', sniffed: false });
  });

  it('stops Windows-1252 whose first non-ASCII byte comes after 64 KiB of ASCII, at its line, before any row', async () => {
    const text = `id;name\n${'E0;plain ascii\n'.repeat(6000)}E1;Zoë\n`;
    const bytes = iconv.encode(text, 'win1252');
    for (const chunking of ['whole', 4096, 64 * 1024] as const) {
      const error = await fileErrorFrom(readAllRows(bytes, {}, chunking));
      expect(error.code).toBe('undecodable');
      expect(error.message).toMatch(/^Line 6,002: byte 0xEB \(at byte 90,014 of the file\)/);
      const check = await fileErrorFrom(collectCheck(bytes, { required: [] }, chunking));
      expect(check.message).toBe(error.message);
    }
    // Told its encoding, the same file is read.
    const { rows, dialect } = await readAllRows(bytes, { encoding: 'windows-1252' }, 64 * 1024);
    expect(rows.at(-1)).toEqual({ line: 6002, fields: ['E1', 'Zoë'] });
    expect(dialect.encoding).toBe('windows-1252');
  });
});

describe('readCsvRows errors', () => {
  it.each([
    ['no bytes', Buffer.alloc(0)],
    ['only blank lines', Buffer.from('\r\n\n  \n')],
    ['only a BOM', encodeText('', 'utf-8-bom')],
  ])('reports a file with %s as empty', async (_, bytes) => {
    const error = await fileErrorFrom(readAllRows(bytes));
    expect(error.code).toBe('empty');
  });

  it('reports an unclosed quote with the line its record starts on', async () => {
    const error = await fileErrorFrom(readAllRows('a,b\n1,2\n3,"4\n5,6\n'));
    expect(error.code).toBe('unbalanced_quote');
    expect(error.message).toMatch(/from line 3:/);
  });

  it('reports an unclosed quote after blank lines and quoted CRLFs with its own start line', async () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n\r\n\r\n3,"4\r\n5,6\r\n';
    const error = await fileErrorFrom(readAllRows(text, {}, 1));
    expect(error.code).toBe('unbalanced_quote');
    expect(error.message).toMatch(/from line 6:/);
  });

  it('reports an xlsx workbook as binary, and an unknown encoding name', async () => {
    const xlsx = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]);
    expect((await fileErrorFrom(readAllRows(xlsx))).code).toBe('binary');
    const unknown = await fileErrorFrom(readAllRows('a,b\n', { encoding: 'klingon-8' }));
    expect(unknown.code).toBe('unknown_encoding');
  });

  it('reports UTF-8 turning invalid after the first 64 KiB as undecodable', async () => {
    const text = Buffer.concat([
      Buffer.from(`id;name\nE1;Zoë\n${'E0;plain ascii\n'.repeat(6000)}E2;Zo`),
      Buffer.from([0xeb, 0x0a]),
    ]);
    const error = await fileErrorFrom(readAllRows(text, {}, 64 * 1024));
    expect(error.code).toBe('undecodable');
    expect(error.message).toContain(
      `Line 6,003: byte 0xEB (at byte ${(text.length - 1).toLocaleString('en-US')} of the file)`,
    );
  });
});

describe('readCsvRows, whatever the chunk sizes', () => {
  const tricky =
    'Employee ID;Name;Note\r\n' +
    'E1;"Müller; Zoë";"says ""hi""\r\nover two lines"\r\n' +
    '\r\n' +
    'E2;José 😀;"a,b|c"\r\n' +
    'E3;€uro;x\n' +
    'E4;"last";"no line end"';

  it.each(FILE_ENCODINGS.filter((encoding) => encoding !== 'windows-1252'))(
    'gives the same rows from %s in 1-byte and odd-sized chunks as in one chunk',
    async (encoding) => {
      const bytes = encodeText(tricky, encoding);
      const whole = await readAllRows(bytes);
      expect(whole.rows.map((row) => row.line)).toEqual([1, 2, 5, 6, 7]);
      for (const chunking of [1, 2, 3, 7, [5, 1, 11]] as Chunking[]) {
        expect(await readAllRows(bytes, {}, chunking)).toEqual(whole);
      }
    },
  );

  it('gives the same rows from Windows-1252 in 1-byte and odd-sized chunks as in one chunk', async () => {
    const latin = tricky.replace('😀', '').replace('€', 'Ø');
    const bytes = encodeText(latin, 'windows-1252');
    const whole = await readAllRows(bytes);
    expect(whole.rows[3]?.fields).toEqual(['E3', 'Øuro', 'x']);
    for (const chunking of [1, 2, 3, 7, [5, 1, 11]] as Chunking[]) {
      expect(await readAllRows(bytes, {}, chunking)).toEqual(whole);
    }
  });
});
