import fc from 'fast-check';
import type { EmployeeRecord } from '../../../src/record/fields';
import { unneutralise } from '../../../src/mapping/to-record';
import { describeIssues, ErrorsCsvWriter } from '../../../src/report/errors-csv';
import type { RowIssue } from '../../../src/validate/row-issue';
import { readAllRows, type Chunking } from '../helpers/byte-streams';
import { collectCheck } from '../helpers/check-collect';
import { csvText, DELIMITERS, lineAfter, type CsvStyle } from '../helpers/csv-text';
import { encodeText, type FileEncoding } from '../helpers/encode-text';
import {
  cellText,
  EMPLOYEE_HEADER,
  employeeCells,
  validEmployee,
  type Repertoire,
} from '../helpers/employee-arbitraries';

const style: fc.Arbitrary<CsvStyle> = fc.record({
  delimiter: fc.constantFrom(...DELIMITERS),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  quoteAll: fc.boolean(),
  finalEol: fc.boolean(),
});

const chunking: fc.Arbitrary<Chunking> = fc.oneof(
  fc.constant<Chunking>('whole'),
  fc.integer({ min: 1, max: 64 }),
);

/** Up to four valid employees with distinct external IDs. */
const employees = (repertoire: Repertoire) =>
  fc.uniqueArray(validEmployee(repertoire), {
    minLength: 1,
    maxLength: 4,
    selector: (record) => record.externalId,
  });

/** The line each record starts on, counted in the text as written. */
function startLines(records: EmployeeRecord[], csvStyle: CsvStyle): number[] {
  return records.map((_, index) => {
    const before = csvText([EMPLOYEE_HEADER, ...records.slice(0, index).map(employeeCells)], {
      ...csvStyle,
      finalEol: true,
    });
    return lineAfter(before);
  });
}

async function expectRoundTrip(
  records: EmployeeRecord[],
  csvStyle: CsvStyle,
  encoding: FileEncoding,
  chunks: Chunking,
): Promise<void> {
  const text = csvText([EMPLOYEE_HEADER, ...records.map(employeeCells)], csvStyle);
  const { valid, rejected, source } = await collectCheck(encodeText(text, encoding), {}, chunks);
  expect(rejected).toEqual([]);
  expect(valid.map((row) => row.record)).toEqual(records);
  expect(valid.flatMap((row) => row.warnings)).toEqual([]);
  expect(valid.map((row) => row.line)).toEqual(startLines(records, csvStyle));
  expect(source?.delimiter).toBe(csvStyle.delimiter);
}

describe('a valid employee written as CSV reads back through checkCsv to the same record', () => {
  it('in UTF-8 and UTF-16, with or without a BOM, with any delimiter', async () => {
    const encoding = fc.constantFrom<FileEncoding>(
      'utf-8',
      'utf-8-bom',
      'utf-16le-bom',
      'utf-16be-bom',
    );
    await fc.assert(
      fc.asyncProperty(employees('unicode'), style, encoding, chunking, expectRoundTrip),
      { numRuns: 100 },
    );
  });

  it('in Windows-1252, for text Windows-1252 can hold, with any delimiter', async () => {
    await fc.assert(
      fc.asyncProperty(employees('windows-1252'), style, chunking, (records, csvStyle, chunks) =>
        expectRoundTrip(records, csvStyle, 'windows-1252', chunks),
      ),
      { numRuns: 100 },
    );
  });
});

describe('an errors CSV reads back to the values of the rows it was written for', () => {
  const HEADER = ['Employee ID', 'First Name', 'Last Name', 'E-mail', 'Country', 'Location'];

  /** Any cell a file may hold, formula-like ones (= + - @ tab CR first) included. */
  const cell = fc.oneof(
    fc.constant(''),
    cellText('unicode', 10),
    fc
      .tuple(
        fc.constantFrom('=', '+', '-', '@', '\t', '\r', ' ', "'=", "'"),
        cellText('unicode', 8),
      )
      .map(([start, rest]) => start + rest),
  );
  // A blank row is skipped on reading; its errors-CSV row would not be blank.
  const row = fc
    .array(cell, { minLength: HEADER.length, maxLength: HEADER.length })
    .filter((cells) => cells.some((value) => value.trim() !== ''));
  const issue = cellText('unicode', 20).map((message): RowIssue => ({
    line: 2,
    externalId: '',
    field: 'email',
    code: 'invalid_email',
    severity: 'error',
    message,
  }));
  const rejections = fc.array(fc.tuple(row, fc.array(issue, { minLength: 1, maxLength: 2 })), {
    minLength: 1,
    maxLength: 4,
  });

  it('field for field, the errors column last, through readCsvRows', async () => {
    await fc.assert(
      fc.asyncProperty(rejections, fc.constantFrom(...DELIMITERS), async (rejected, delimiter) => {
        const writer = new ErrorsCsvWriter(HEADER, delimiter);
        const file =
          writer.start() + rejected.map(([cells, issues]) => writer.row(cells, issues)).join('');
        const { rows, dialect } = await readAllRows(Buffer.from(file, 'utf8'));

        expect(dialect).toMatchObject({ encoding: 'utf-8', bom: true, delimiter });
        expect(rows[0]?.fields).toEqual([...HEADER, 'errors']);
        // A cell that itself starts with an apostrophe before a formula character reads as if
        // neutralised, in the original file too: compare both as they read.
        expect(rows.slice(1).map((read) => read.fields.map(unneutralise))).toEqual(
          rejected.map(([cells, issues]) => [...cells, describeIssues(issues)].map(unneutralise)),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('record for record, the errors column ignored, through checkCsv', async () => {
    await fc.assert(
      fc.asyncProperty(rejections, fc.constantFrom(...DELIMITERS), async (rejected, delimiter) => {
        const writer = new ErrorsCsvWriter(HEADER, delimiter);
        const errorsFile =
          writer.start() + rejected.map(([cells, issues]) => writer.row(cells, issues)).join('');
        const original = csvText([HEADER, ...rejected.map(([cells]) => cells)], {
          delimiter,
          eol: '\r\n',
        });

        const reread = await collectCheck(Buffer.from(errorsFile, 'utf8'));
        const first = await collectCheck(Buffer.from(original, 'utf8'));

        const outcome = (check: typeof first) =>
          check.rows.map((checked) => ({
            record: checked.record,
            codes: ('issues' in checked ? checked.issues : checked.warnings).map((i) => i.code),
          }));
        expect(reread.report.columns.map((column) => column.field)).toEqual([
          'externalId',
          'firstName',
          'lastName',
          'email',
          'country',
          'Location',
          null,
        ]);
        expect(outcome(reread)).toEqual(outcome(first));
      }),
      { numRuns: 100 },
    );
  });
});
