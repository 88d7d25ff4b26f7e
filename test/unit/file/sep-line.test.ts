import { readAllRows } from '../helpers/byte-streams';
import { collectCheck } from '../helpers/check-collect';
import { encodeText, type FileEncoding } from '../helpers/encode-text';
import { fileErrorFrom } from '../helpers/file-errors';

const HEADER = ['Employee ID', 'First Name', 'Last Name', 'E-mail', 'Country', 'Language'];
const ROWS = [
  ['E1', 'Zoë', 'Müller', 'zoe@example.com', 'DE', 'de'],
  ['E2', 'José', 'García', 'not-an-email', 'ES', 'es'],
];

function exportWith(first: string, delimiter: string, eol = '\r\n'): string {
  return [first, ...[HEADER, ...ROWS].map((fields) => fields.join(delimiter))].join(eol) + eol;
}

describe("Excel's sep= first line", () => {
  it.each([
    ['sep=;', ';'],
    ['sep=,', ','],
    ['sep=|', '|'],
    ['sep=\t', '\t'],
    ['sep=\\t', '\t'],
    ['"sep=;"', ';'],
    ['SEP=;', ';'],
    ['sep=;;;;;', ';'],
  ])(
    '%j sets the delimiter, is not the header, and keeps the real line numbers',
    async (first, delimiter) => {
      const { rows, dialect } = await readAllRows(exportWith(first, delimiter));
      expect(dialect.delimiter).toBe(delimiter);
      expect(rows.map((row) => [row.line, row.fields])).toEqual([
        [2, HEADER],
        [3, ROWS[0]],
        [4, ROWS[1]],
      ]);
    },
  );

  it.each(['utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'windows-1252'] as FileEncoding[])(
    'is read after a BOM or in any encoding (%s)',
    async (encoding) => {
      const bytes = encodeText(exportWith('sep=;', ';', '\n'), encoding);
      for (const chunking of ['whole', 1, 5] as const) {
        const { rows, dialect } = await readAllRows(bytes, {}, chunking);
        expect(dialect.delimiter).toBe(';');
        expect(rows[0]).toEqual({ line: 2, fields: HEADER });
      }
    },
  );

  it('names the delimiter even where the sniffer would choose another', async () => {
    // Commas in every line would win the sniff; sep= says the file is semicolon-separated.
    const text = 'sep=;\nid;name\n"1,2";a,b,c\n';
    const { rows, dialect } = await readAllRows(text);
    expect(dialect.delimiter).toBe(';');
    expect(rows.map((row) => row.fields)).toEqual([
      ['id', 'name'],
      ['1,2', 'a,b,c'],
    ]);
  });

  it('gives way to an explicit delimiter, and is still not the header', async () => {
    const { rows } = await readAllRows('sep=;\nid,name\n1,a\n', { delimiter: ',' });
    expect(rows).toEqual([
      { line: 2, fields: ['id', 'name'] },
      { line: 3, fields: ['1', 'a'] },
    ]);
  });

  it('is only a first line: sep= further down is data, and a file of only sep= is empty', async () => {
    const { rows } = await readAllRows('id;name\nsep=;\n');
    expect(rows.map((row) => row.fields)).toEqual([
      ['id', 'name'],
      ['sep=', ''],
    ]);
    expect((await fileErrorFrom(readAllRows('sep=;\r\n'))).code).toBe('empty');
  });

  it('goes through the check: the header after it, issues on the real lines', async () => {
    const text = exportWith('sep=;', ';');
    for (const chunking of ['whole', 3] as const) {
      const { report, source, valid, rejected } = await collectCheck(text, {}, chunking);
      expect(source).toMatchObject({ delimiter: ';', header: true });
      expect(report.rows).toBe(2);
      expect(valid.map((row) => row.line)).toEqual([3]);
      expect(rejected.map((row) => [row.line, row.issues.map((issue) => issue.code)])).toEqual([
        [4, ['invalid_email']],
      ]);
      expect(rejected[0]!.issues[0]!.line).toBe(4);
    }
  });
});
