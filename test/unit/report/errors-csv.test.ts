import {
  ErrorsCsvWriter,
  describeIssues,
  neutraliseCell,
  quoteCell,
} from '../../../src/report/errors-csv';
import type { RowIssue } from '../../../src/validate/row-issue';
import { runCheck } from '../helpers/check-harness';

const issue = (field: string, message: string): RowIssue => ({
  line: 2,
  externalId: '1',
  field,
  code: 'invalid_email',
  severity: 'error',
  message,
});

describe('neutraliseCell (OWASP CSV injection)', () => {
  it.each(['=HYPERLINK("http://evil.example")', '+31612345678', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'puts an apostrophe before %j',
    (cell) => {
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    },
  );

  it.each(['Sanne', '1+1', 'a=b', "'=already", '', ' =x'])('leaves %j alone', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });
});

describe('quoteCell', () => {
  it.each([
    ['de Vries, Sanne', ',', '"de Vries, Sanne"'],
    ['a;b', ';', '"a;b"'],
    ['a\tb', '\t', '"a\tb"'],
    ['6" pallet', ',', '"6"" pallet"'],
    ['two\nlines', ',', '"two\nlines"'],
    ['two\r\nlines', ',', '"two\r\nlines"'],
    [' leading', ',', '" leading"'],
    ['trailing ', ',', '"trailing "'],
  ])('quotes %j for delimiter %j', (cell, delimiter, expected) => {
    expect(quoteCell(cell, delimiter)).toBe(expected);
  });

  it.each([
    ['plain', ','],
    ['a,b', ';'],
    ['', ','],
  ])('leaves %j unquoted for delimiter %j', (cell, delimiter) => {
    expect(quoteCell(cell, delimiter)).toBe(cell);
  });
});

describe('describeIssues', () => {
  it('lists each problem as "field: message", in order', () => {
    expect(describeIssues([issue('email', 'bad'), issue('country', 'unknown')])).toBe(
      'email: bad; country: unknown',
    );
  });
});

describe('ErrorsCsvWriter', () => {
  it('starts with a BOM and the header plus an errors column, ending in CRLF', () => {
    const writer = new ErrorsCsvWriter(['Employee ID', 'E-mail']);
    expect(writer.start()).toBe('\uFEFFEmployee ID,E-mail,errors\r\n');
  });

  it("writes rows with the input's delimiter and CRLF", () => {
    const writer = new ErrorsCsvWriter(['Nr', 'Naam'], ';');
    expect(writer.start()).toBe('\uFEFFNr;Naam;errors\r\n');
    expect(writer.row(['1', 'de Vries, S'], [issue('email', 'bad')])).toBe(
      '1;de Vries, S;email: bad\r\n',
    );
  });

  it('quotes the errors cell when it holds the delimiter', () => {
    const writer = new ErrorsCsvWriter(['Nr'], ';');
    expect(writer.row(['1'], [issue('a', 'x'), issue('b', 'y')])).toBe('1;"a: x; b: y"\r\n');
  });

  it('neutralises and quotes cells as needed', () => {
    const writer = new ErrorsCsvWriter(['id', 'note', 'name']);
    expect(writer.row(['1', '=HYPERLINK("http://evil.example")', ' Jan '], [])).toBe(
      `1,"'=HYPERLINK(""http://evil.example"")"," Jan ",\r\n`,
    );
  });

  it('neutralises a formula-like header', () => {
    expect(new ErrorsCsvWriter(['id', '=cmd']).start()).toBe("\uFEFFid,'=cmd,errors\r\n");
  });

  it('replaces an errors column already in the input instead of adding a second', () => {
    const writer = new ErrorsCsvWriter(['id', 'Errors', 'name']);
    expect(writer.start()).toBe('\uFEFFid,name,errors\r\n');
    expect(writer.row(['1', 'email: old problem', 'Jan'], [issue('email', 'new problem')])).toBe(
      '1,Jan,email: new problem\r\n',
    );
  });

  it('keeps fields past the header before the errors cell', () => {
    const writer = new ErrorsCsvWriter(['id', 'name']);
    expect(writer.row(['1', 'Jan', 'extra', ''], [issue('(row)', 'too many')])).toBe(
      '1,Jan,extra,,(row): too many\r\n',
    );
  });

  it('pads a short row to the header', () => {
    const writer = new ErrorsCsvWriter(['id', 'name', 'email']);
    expect(writer.row(['1'], [issue('(row)', 'too few')])).toBe('1,,,(row): too few\r\n');
  });
});

describe('errors CSV read back by the check', () => {
  /** Checks `csv`, writes its rejected rows as the errors CSV does, and checks that again. */
  async function roundTrip(csv: string) {
    const first = await runCheck(csv);
    const header = first.report.columns.map((column) => column.column);
    const writer = new ErrorsCsvWriter(header, first.report.source.delimiter);
    const errorsCsv =
      writer.start() + first.rejected.map((row) => writer.row(row.fields, row.issues)).join('');
    const second = await runCheck(errorsCsv);
    return { first, second, errorsCsv };
  }

  const HEADER = 'Employee ID;First Name;Last Name;E-mail;Mobile Phone;Country;Language;Notes';

  it('reads the same records again, whatever the cells held', async () => {
    const csv = [
      HEADER,
      '1;Sanne;;sanne@example.com;06 12345678;NL;nl;=HYPERLINK("http://evil.example")',
      '2;Jan;Jansen;jan@example;+31 6 23456789;NL;nl;"semi; colon"',
      '3;"Zoë ""Z""";Bakker;\tzoe@example.com;-;NL;nl;"two\r\nlines"',
      '4;@Ans;Smit;ans@example.com;06 34567890;Holland;nl; padded ',
      "5;Noah;Peeters;noah@example.com;'06 45678901;NL;xx;+1",
      '',
    ].join('\r\n');
    const { first, second } = await roundTrip(csv);
    expect(first.rejected).toHaveLength(5);
    expect(second.report.rows).toBe(5);
    expect(second.rejected.map((row) => row.record)).toEqual(
      first.rejected.map((row) => row.record),
    );
    expect(second.rejected.map((row) => row.issues.map((found) => found.code))).toEqual(
      first.rejected.map((row) => row.issues.map((found) => found.code)),
    );
  });

  it('ignores the errors column and keeps the delimiter on a second round', async () => {
    const csv = `${HEADER}\r\n1;Sanne;;s@example.com;;NL;nl;note\r\n`;
    const { second, errorsCsv } = await roundTrip(csv);
    expect(errorsCsv).toBe(
      '\uFEFFEmployee ID;First Name;Last Name;E-mail;Mobile Phone;Country;Language;Notes;errors\r\n' +
        '1;Sanne;;s@example.com;;NL;nl;note;lastName: lastName is required\r\n',
    );
    expect(second.report.source).toEqual(
      expect.objectContaining({ delimiter: ';', bom: true, encoding: 'utf-8' }),
    );
    expect(second.report.columns.at(-1)).toEqual({ column: 'errors', field: null, custom: false });
    expect(second.rejected[0]?.record.custom).toEqual({ Notes: 'note' });
  });
});
