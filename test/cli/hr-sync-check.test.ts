import { FIRST_VALID_EXCEL_NL_RECORD } from '../shared/example-data';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CANONICAL_FIELDS } from '../../src/record/fields';
import { Scratch, hrSync } from './helpers/run-hr-sync';

const UTF16 = 'examples/data/employees-utf16.txt';
const EXCEL_NL = 'examples/data/employees-excel-nl.csv';
const MAPPING_NL = 'examples/data/mapping-nl.json';

const EXIT_VALID = 0;
const EXIT_INVALID = 1;
const EXIT_UNREADABLE = 2;

interface JsonReport {
  source: { encoding: string; bom: boolean; delimiter: string; header: boolean };
  rows: number;
  valid: number;
  invalid: number;
  withWarnings: number;
  blankRows: number;
  issueCounts: Record<string, number>;
  issues: {
    line: number;
    externalId: string;
    field: string;
    code: string;
    severity: string;
    message: string;
  }[];
}

/** Runs a check with --json and returns the exit status and the parsed report. */
function checkJson(...args: string[]): { status: number | null; report: JsonReport } {
  const result = hrSync('check', ...args, '--json');
  expect(result.stderr).toBe('');
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
}

/** The cells of a ;-separated errors CSV without its `errors` column, which is always last. */
const withoutErrorsColumn = (csv: string) =>
  parse(csv, { delimiter: ';', bom: true, relax_column_count: true }).map((cells: string[]) =>
    cells.slice(0, -1),
  );

const PEOPLE = [
  'Employee ID,First Name,Last Name,E-mail,Mobile Phone,Country,Language',
  'E1,Zoë,Bakker,zoe@example.com,06 12345678,NL,nl',
  'E2,Jan,Jansen,jan@example.com,06 23456789,NL,nl',
];

let scratch: Scratch;

beforeAll(() => {
  scratch = new Scratch();
});

afterAll(() => {
  scratch.remove();
});

describe('hr-sync check: exit status', () => {
  it('exits 0 when every row is valid (UTF-16 tab-separated export)', () => {
    const result = hrSync('check', UTF16);
    expect(result.status).toBe(EXIT_VALID);
    expect(result.stdout).toContain(
      `${UTF16}: 2 rows (utf-16le with BOM, delimiter tab, header row)`,
    );
    expect(result.stdout).toContain('valid: 2');
    expect(result.stdout).toContain('rejected: 0');
    expect(result.stderr).toBe('');
  });

  it('exits 1 when some rows are invalid, listing the issues by line', () => {
    const result = hrSync('check', EXCEL_NL, '--mapping', MAPPING_NL);
    expect(result.status).toBe(EXIT_INVALID);
    expect(result.stdout).toContain('10 rows (windows-1252, delimiter ";", header row)');
    expect(result.stdout).toContain('valid: 3');
    expect(result.stdout).toContain('rejected: 7');
    expect(result.stdout).toContain('blank rows skipped: 1');
    expect(result.stdout).toContain('kept as custom fields: Vestiging');
    expect(result.stdout).toContain(
      'line 5 1004 error externalId [duplicate_external_id]: external ID 1004 is also on line 6',
    );
    expect(result.stdout).toContain('line 10 1008 error lastName [required]: lastName is required');
  });

  it.each<[string, () => string[], string]>([
    ['a missing file', () => [scratch.path('nope.csv')], 'no such file'],
    ['an empty file', () => [scratch.write('empty.csv', '')], 'The file is empty'],
    [
      'an .xlsx workbook (a zip)',
      () => [
        scratch.write(
          'people.xlsx',
          Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 7)]),
        ),
      ],
      'export the sheet as CSV',
    ],
    [
      'an unbalanced quote',
      () => [scratch.write('quote.csv', `${PEOPLE.join('\n')}\nE3,"Ans,Smit,a@example.com\n`)],
      'Unbalanced quote from line 4',
    ],
    [
      'a file without a recognisable header',
      () => [scratch.write('noheader.csv', PEOPLE.slice(1).join('\n'))],
      'No header row',
    ],
    ['an unknown --encoding', () => [UTF16, '--encoding', 'klingon'], 'Unknown encoding "klingon"'],
    [
      'a mapping with an invalid key',
      () => [EXCEL_NL, '--mapping', scratch.write('bad-mapping.json', '{"colums": {}}')],
      "Unrecognized key(s) in object: 'colums'",
    ],
    [
      'a mapping that is not JSON',
      () => [EXCEL_NL, '--mapping', scratch.write('broken-mapping.json', '{columns:')],
      'is not valid JSON',
    ],
    [
      'a mapping file that does not exist',
      () => [EXCEL_NL, '--mapping', scratch.path('missing.json')],
      'cannot be read',
    ],
  ])('exits 2 for %s, saying why on stderr', (_case, args, message) => {
    const result = hrSync('check', ...args());
    expect(result.status).toBe(EXIT_UNREADABLE);
    expect(result.stderr).toMatch(/^hr-sync: cannot read /);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('leaves no empty outputs behind when the file cannot be read', () => {
    const file = scratch.write('late-quote.csv', `${PEOPLE.join('\n')}\nE3,"Ans,Smit\n`);
    const validOut = scratch.path('never-valid.jsonl');
    const errorsOut = scratch.path('never-errors.csv');
    const result = hrSync('check', file, '--valid-out', validOut, '--errors-out', errorsOut);
    expect(result.status).toBe(EXIT_UNREADABLE);
    expect(existsSync(validOut)).toBe(false);
    expect(existsSync(errorsOut)).toBe(false);
  });

  it('names the mapping file and the bad key when the mapping is invalid', () => {
    const mapping = scratch.write('bad-column.json', '{"columns": {"Functie": "function"}}');
    const result = hrSync('check', EXCEL_NL, '--mapping', mapping);
    expect(result.status).toBe(EXIT_UNREADABLE);
    expect(result.stderr).toContain(mapping);
    expect(result.stderr).toContain('columns.Functie');
  });
});

describe('hr-sync check --json', () => {
  it('prints the report as one JSON object with every issue', () => {
    const { status, report } = checkJson(EXCEL_NL, '--mapping', MAPPING_NL);
    expect(status).toBe(EXIT_INVALID);
    expect(report).toEqual(
      expect.objectContaining({ rows: 10, valid: 3, invalid: 7, blankRows: 1 }),
    );
    expect(report.source).toEqual({
      encoding: 'windows-1252',
      bom: false,
      delimiter: ';',
      header: true,
    });
    for (const issue of report.issues) {
      expect(Object.keys(issue).sort()).toEqual(
        ['code', 'externalId', 'field', 'line', 'message', 'severity'].sort(),
      );
    }
    expect(report.issues[0]).toEqual({
      line: 2,
      externalId: '1001',
      field: 'startDate',
      code: 'invalid_date',
      severity: 'error',
      message:
        '"01-03-2015" is not a valid date (write dates as YYYY-MM-DD, for example 2015-03-01 if 01 is the day)',
    });
    expect(report.issueCounts.duplicate_external_id).toBe(2);
  });
});

describe('hr-sync check --valid-out', () => {
  it('writes each valid record as a JSON line with canonical camelCase keys', () => {
    const result = hrSync(
      'check',
      EXCEL_NL,
      '--mapping',
      MAPPING_NL,
      '--valid-out',
      scratch.path('valid.jsonl'),
    );
    expect(result.status).toBe(EXIT_INVALID);
    const records = scratch.jsonLines('valid.jsonl');
    expect(records.map((record) => record.externalId)).toEqual(['1002', '1005', '1009']);
    const allowed = new Set<string>([...CANONICAL_FIELDS, 'custom']);
    for (const record of records) {
      for (const key of Object.keys(record)) expect(allowed.has(key)).toBe(true);
    }
    expect(records[0]).toEqual(FIRST_VALID_EXCEL_NL_RECORD);
  });
});

describe('hr-sync check --errors-out', () => {
  const errorsCsv = () => scratch.path('errors.csv');

  beforeAll(() => {
    const result = hrSync('check', EXCEL_NL, '--mapping', MAPPING_NL, '--errors-out', errorsCsv());
    expect(result.status).toBe(EXIT_INVALID);
  });

  it('writes the rejected rows as UTF-8 with a BOM, CRLF, the input delimiter and an errors column', () => {
    const text = scratch.read('errors.csv');
    expect(text.startsWith('\uFEFFPersoneelsnummer;Voornaam;')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/;Vestiging;errors$/);
    expect(lines.filter((line) => line !== '')).toHaveLength(1 + 7);
    expect(text).toContain('1003;Zoë;Bakker;zoe.bakker@example;');
    expect(text).toContain(
      `;"'=HYPERLINK(""http://evil.example"")";lastName: lastName is required`,
    );
  });

  it('reads the same rows when checked again, ignoring the errors column', () => {
    const again = scratch.path('errors-again.csv');
    const { status, report } = checkJson(
      errorsCsv(),
      '--mapping',
      MAPPING_NL,
      '--errors-out',
      again,
    );
    expect(status).toBe(EXIT_INVALID);
    expect(report).toEqual(expect.objectContaining({ rows: 7, valid: 0, invalid: 7 }));
    expect(report.source).toEqual(
      expect.objectContaining({ encoding: 'utf-8', bom: true, delimiter: ';' }),
    );
    expect(withoutErrorsColumn(scratch.read('errors-again.csv'))).toEqual(
      withoutErrorsColumn(scratch.read('errors.csv')),
    );
    const errors = (r: JsonReport) =>
      r.issues
        .filter((issue) => issue.severity === 'error')
        .map((issue) => [issue.externalId, issue.field, issue.code]);
    expect(errors(report)).toEqual(errors(checkJson(EXCEL_NL, '--mapping', MAPPING_NL).report));
  });
});

describe('hr-sync check: outputs never overwrite the input', () => {
  it.each([
    ['--errors-out', (input: string) => input],
    ['--valid-out', (input: string) => join(dirname(input), '.', basename(input))],
    [
      '--errors-out',
      (input: string) => {
        const link = scratch.path('link-to-input.csv');
        symlinkSync(input, link);
        return link;
      },
    ],
  ])('refuses %s naming the input file, and leaves the input as it was', (option, output) => {
    const content = PEOPLE.join('\n');
    const input = scratch.write(`input${option}.csv`, content);
    const result = hrSync('check', input, option, output(input));
    expect(result.status).toBe(EXIT_UNREADABLE);
    expect(result.stderr).toContain('is the file being checked');
    expect(readFileSync(input, 'utf8')).toBe(content);
  });
});

describe('hr-sync check options', () => {
  it('reads a file without a header with --no-header --columns', () => {
    const file = scratch.write('bare.csv', PEOPLE.slice(1).join('\n'));
    const { status, report } = checkJson(
      file,
      '--no-header',
      '--columns',
      'externalId,firstName,lastName,email,mobilePhone,country,language',
    );
    expect(status).toBe(EXIT_VALID);
    expect(report).toEqual(expect.objectContaining({ rows: 2, valid: 2 }));
    expect(report.source.header).toBe(false);
  });

  it.each(['tab', '\t', '\\t'])('takes --delimiter %j for a tab', (delimiter) => {
    const file = scratch.write(
      'people.tsv',
      PEOPLE.map((line) => line.replace(/,/g, '\t')).join('\n'),
    );
    const { status, report } = checkJson(file, '--delimiter', delimiter);
    expect(status).toBe(EXIT_VALID);
    expect(report.source.delimiter).toBe('\t');
  });

  it('uses --delimiter instead of sniffing', () => {
    const file = scratch.write('people.csv', PEOPLE.join('\n'));
    const result = hrSync('check', file, '--delimiter=;');
    // Split on ";", the comma-separated header is one unknown column.
    expect(result.status).toBe(EXIT_UNREADABLE);
    expect(result.stderr).toContain('No header row');
  });

  it('uses --encoding instead of sniffing', () => {
    const file = scratch.write('utf8.csv', PEOPLE.join('\n'));
    const out = scratch.path('as-1252.jsonl');
    const { report } = checkJson(file, '--encoding', 'windows-1252', '--valid-out', out);
    expect(report.source.encoding).toBe('windows-1252');
    expect(scratch.jsonLines('as-1252.jsonl')[0]?.firstName).toBe('ZoÃ«');
  });

  it('reads a Latin-1 file given --encoding latin1', () => {
    const file = scratch.write('latin1.csv', Buffer.from(PEOPLE.join('\n'), 'latin1'));
    const out = scratch.path('latin1.jsonl');
    const { status } = checkJson(file, '--encoding', 'latin1', '--valid-out', out);
    expect(status).toBe(EXIT_VALID);
    expect(scratch.jsonLines('latin1.jsonl')[0]?.firstName).toBe('Zoë');
  });

  it('reads national phone numbers in the --default-country', () => {
    const file = scratch.write(
      'no-country.csv',
      'Employee ID,First Name,Last Name,Mobile Phone,Language\nB1,Lotte,Janssens,0470 12 34 56,nl\n',
    );
    const out = scratch.path('default-country.jsonl');
    const required = ['--required', 'externalId,mobilePhone'];
    const without = checkJson(file, ...required);
    expect(without.status).toBe(EXIT_INVALID);
    expect(without.report.issues.map((issue) => issue.code)).toEqual(['phone_needs_country']);
    const withCountry = checkJson(file, ...required, '--default-country', 'BE', '--valid-out', out);
    expect(withCountry.status).toBe(EXIT_VALID);
    expect(scratch.jsonLines('default-country.jsonl')[0]?.mobilePhone).toBe('+32470123456');
  });

  it('replaces the default required fields with --required', () => {
    const file = scratch.write('minimal.csv', 'Employee ID,E-mail\nM1,m1@example.com\nM2,\n');
    const defaults = checkJson(file);
    expect(defaults.report.invalid).toBe(2);
    const { status, report } = checkJson(file, '--required', 'externalId,email|mobilePhone');
    expect(status).toBe(EXIT_INVALID);
    expect(report.issues).toEqual([
      expect.objectContaining({
        line: 3,
        externalId: 'M2',
        field: 'email|mobilePhone',
        code: 'required',
      }),
    ]);
  });
});

describe('hr-sync usage', () => {
  it.each([
    [['check', UTF16, '--frobnicate'], 'Unknown option --frobnicate.'],
    [['check'], 'Give exactly one FILE to check.'],
    [['check', UTF16, EXCEL_NL], 'Give exactly one FILE to check.'],
    [['lint', UTF16], 'Unknown command "lint".'],
    [['check', UTF16, '--mapping'], '--mapping needs a value.'],
    [['check', UTF16, '--no-header'], '--no-header needs --columns naming each column.'],
    [['check', UTF16, '--delimiter', 'ab'], '--delimiter must be one character'],
    [
      ['check', UTF16, '--required', 'externalId,email|mobiel'],
      '--required names unknown fields (mobiel)',
    ],
    [
      ['check', UTF16, '--default-country', 'Netherlands'],
      '--default-country must be an ISO 3166-1 alpha-2 code such as NL, not "Netherlands"',
    ],
  ])('exits 2 with the usage text for %j', (args, message) => {
    const result = hrSync(...args);
    expect(result.status).toBe(EXIT_UNREADABLE);
    expect(result.stderr).toContain(`hr-sync: ${message}`);
    expect(result.stderr).toContain('Usage: hr-sync check FILE [options]');
    expect(result.stdout).toBe('');
  });

  it('prints the usage and exits 2 when run without arguments', () => {
    const result = hrSync();
    expect(result.status).toBe(EXIT_UNREADABLE);
    expect(result.stdout).toContain('Usage: hr-sync check FILE [options]');
  });

  it('prints the usage and exits 0 for --help', () => {
    const result = hrSync('check', '--help');
    expect(result.status).toBe(EXIT_VALID);
    expect(result.stdout).toContain('Exit status: 0 every row valid, 1 some rows invalid');
  });
});
