import { FIRST_VALID_EXCEL_NL_RECORD } from '../../shared/example-data';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCsv } from '../../../src/check/check-rows';
import { FileError } from '../../../src/file/file-error';
import { parseMappingConfig } from '../../../src/mapping/mapping-config';
import { codesOf, csvLines, csvStream, runCheck } from '../helpers/check-harness';

const HEADER = 'Employee ID,First Name,Last Name,E-mail,Mobile Phone,Country,Language,Manager ID';
const row = (id: string, rest = 'Sanne,de Vries,s@example.com,06 12345678,NL,nl,') =>
  `${id},${rest}`;

describe('checkCsv: rows and sinks', () => {
  it('sends valid and rejected rows to their sinks in file order, with their lines', async () => {
    const run = await runCheck(
      csvLines([
        HEADER,
        row('1'),
        row('2', 'Jan,Jansen,jan@example,,NL,nl,1'),
        row('3', 'Zoë,Bakker,zoe@example.com,,NL,nl,1'),
        row('4', 'Ans,,ans@example.com,,NL,nl,1'),
      ]),
    );
    expect(run.order).toEqual(['valid 2', 'rejected 3', 'valid 4', 'rejected 5']);
    expect(run.rejected.map((rejected) => codesOf(rejected.issues))).toEqual([
      ['invalid_email'],
      ['required'],
    ]);
  });

  it('hands valid rows over as normalised canonical records', async () => {
    const { valid } = await runCheck(
      csvLines([HEADER, row('1', 'Sanne,de Vries,s@example.com,06-12345678,nl,EN-gb,')]),
    );
    expect(valid).toEqual([
      {
        line: 2,
        record: {
          externalId: '1',
          firstName: 'Sanne',
          lastName: 'de Vries',
          email: 's@example.com',
          mobilePhone: '+31612345678',
          country: 'NL',
          language: 'en-GB',
          custom: {},
        },
        warnings: [],
      },
    ]);
  });

  it('keeps warnings on valid rows', async () => {
    const { valid, rejected } = await runCheck(
      csvLines([HEADER, row('1', 'Sanne,de Vries,s@example.com,020 1234567,NL,nl,9')]),
    );
    expect(rejected).toEqual([]);
    expect(codesOf(valid[0]!.warnings)).toEqual(['phone_not_mobile', 'manager_not_found']);
  });

  it('gives rejected rows their fields exactly as they are in the file', async () => {
    const csv = csvLines([HEADER, ' 7 ,"Jan, Jr.",  Jansen ,"jan@""example""",\'06 1,nl,NL,,']);
    const { rejected } = await runCheck(csv);
    expect(rejected[0]?.fields).toEqual([
      ' 7 ',
      'Jan, Jr.',
      '  Jansen ',
      'jan@"example"',
      "'06 1",
      'nl',
      'NL',
      '',
      '',
    ]);
  });

  it('counts lines from the file, across quoted line breaks and CRLF', async () => {
    const csv = csvLines(
      [
        'Employee ID,First Name,Last Name,Notes',
        '1,Sanne,de Vries,"two\r\nlines"',
        '2,Jan,Jansen,"three\nshort\rlines"',
        '3,Ans,Smit,plain',
      ],
      '\r\n',
    );
    const { valid } = await runCheck(csv, { required: ['externalId'] });
    expect(valid.map((validRow) => validRow.line)).toEqual([2, 4, 7]);
    expect(valid[0]?.record.custom).toEqual({ Notes: 'two\r\nlines' });
  });

  it('rejects every row that shares an external ID, however far apart', async () => {
    const own = (i: number) => `Sanne,de Vries,s${i}@example.com,06 12345678,NL,nl,`;
    const rows = Array.from({ length: 50 }, (_, i) => row(String(i + 1), own(i + 1)));
    const { rejected } = await runCheck(csvLines([HEADER, ...rows, row('3', own(99))]));
    expect(rejected.map((rejectedRow) => rejectedRow.line)).toEqual([4, 52]);
    expect(rejected[0]?.issues[0]?.message).toContain('also on line 52');
  });

  it('tells the start sink the columns and the dialect before any row', async () => {
    const events: unknown[] = [];
    await checkCsv(
      csvStream(csvLines(['\uFEFFexternalId;firstName;Vestiging', '1;Jan;Adam'])),
      {
        required: [],
      },
      {
        start: (source) => {
          events.push(source);
        },
        valid: (valid) => {
          events.push(valid.line);
        },
      },
    );
    expect(events).toEqual([
      {
        encoding: 'utf-8',
        bom: true,
        delimiter: ';',
        header: true,
        columns: ['externalId', 'firstName', 'Vestiging'],
      },
      2,
    ]);
  });

  it('waits for asynchronous sinks, keeping file order', async () => {
    const seen: number[] = [];
    const slowly = async (line: number) => {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(line);
    };
    await checkCsv(
      csvStream(csvLines([HEADER, row('1'), row('2', ',,,,,,'), row('3')])),
      {},
      {
        valid: (valid) => slowly(valid.line),
        rejected: (rejected) => slowly(rejected.line),
      },
    );
    expect(seen).toEqual([2, 3, 4]);
  });
});

describe('checkCsv: the report', () => {
  it('counts rows, valid, invalid, rows with warnings, blank rows and issues', async () => {
    const { report } = await runCheck(
      csvLines([
        HEADER,
        row('1'),
        row('2', 'Jan,Jansen,jan@example,,NL,nl,1'),
        ',,,,,,,',
        row('3', 'Zoë,Bakker,zoe@example.com,020 1234567,NL,nl,99'),
        row('4', 'Ans,,ans@example,,Holland,nl,1'),
      ]),
    );
    expect(report).toEqual(
      expect.objectContaining({
        rows: 4,
        valid: 2,
        invalid: 2,
        withWarnings: 1,
        blankRows: 1,
        issueCounts: {
          invalid_email: 2,
          phone_not_mobile: 1,
          manager_not_found: 1,
          required: 1,
          invalid_country: 1,
        },
      }),
    );
    expect(report.issues.map((issue) => [issue.line, issue.externalId, issue.code])).toEqual([
      [3, '2', 'invalid_email'],
      [5, '3', 'phone_not_mobile'],
      [5, '3', 'manager_not_found'],
      [6, '4', 'required'],
      [6, '4', 'invalid_email'],
      [6, '4', 'invalid_country'],
    ]);
  });

  it('describes the source and what each column fed', async () => {
    const { report } = await runCheck(csvLines(['Employee ID\tVestiging\terrors', '1\tAdam\t']), {
      required: [],
    });
    expect(report.source).toEqual({ encoding: 'utf-8', bom: false, delimiter: '\t', header: true });
    expect(report.columns).toEqual([
      { column: 'Employee ID', field: 'externalId', custom: false },
      { column: 'Vestiging', field: 'Vestiging', custom: true },
      { column: 'errors', field: null, custom: false },
    ]);
  });

  it('reports a file with a header and no rows as zero rows', async () => {
    const { report } = await runCheck(csvLines([HEADER]));
    expect(report).toEqual(expect.objectContaining({ rows: 0, valid: 0, invalid: 0, issues: [] }));
  });
});

describe('checkCsv: blank rows and column counts', () => {
  it("skips Excel's all-empty ;;;; rows, counts them, and keeps line numbers right", async () => {
    const csv = csvLines(
      ['externalId;firstName;lastName;email', ';;;', '1;Jan;Jansen;j@example.com', ' ; ;;', ''],
      '\r\n',
    );
    const { report, valid } = await runCheck(csv, { required: ['externalId'] });
    expect(report.blankRows).toBe(2);
    expect(report.rows).toBe(1);
    expect(valid.map((validRow) => validRow.line)).toEqual([3]);
  });

  it('rejects a row with too many fields', async () => {
    const { rejected } = await runCheck(csvLines(['externalId,firstName', '1,Jan,Jansen']), {
      required: [],
    });
    expect(rejected[0]?.issues).toEqual([
      expect.objectContaining({
        field: '(row)',
        code: 'column_count',
        severity: 'error',
        message: expect.stringContaining('the row has 3 fields but the header has 2'),
      }),
    ]);
  });

  it('rejects a row with too few fields', async () => {
    const { rejected } = await runCheck(csvLines(['externalId,firstName,lastName', '1,Jan']), {
      required: [],
    });
    expect(codesOf(rejected[0]?.issues ?? [])).toEqual(['column_count']);
  });

  it('tolerates trailing empty fields past the header', async () => {
    const { valid, rejected } = await runCheck(
      csvLines(['externalId;firstName', '1;Jan;;;', '2;Ans; ']),
      { required: [] },
    );
    expect(rejected).toEqual([]);
    expect(valid).toHaveLength(2);
  });
});

describe('checkCsv: files without a header row', () => {
  it('reads the first line as data when header is false and columns are named', async () => {
    const { report, valid } = await runCheck(csvLines(['1,Sanne,de Vries', '2,Jan,Jansen']), {
      header: false,
      columns: ['externalId', 'firstName', 'lastName'],
      required: ['lastName'],
    });
    expect(report.source.header).toBe(false);
    expect(valid.map((validRow) => [validRow.line, validRow.record.firstName])).toEqual([
      [1, 'Sanne'],
      [2, 'Jan'],
    ]);
  });

  it('refuses header false without column names', async () => {
    await expect(runCheck(csvLines(['1,Sanne']), { header: false })).rejects.toMatchObject({
      code: 'no_header',
    });
  });
});

describe('checkCsv: settings', () => {
  it('uses the mapping for columns, values, required fields, default country and severity', async () => {
    const mapping = parseMappingConfig({
      columns: { Nr: 'externalId', Tel: 'mobilePhone', Afd: 'department' },
      values: { department: { '102': 'Supply Chain' } },
      required: ['externalId', 'mobilePhone'],
      defaultCountry: 'NL',
      severity: { manager_not_found: 'error' },
    });
    const { valid, rejected } = await runCheck(
      csvLines(['Nr;Tel;Afd;Manager ID', '1;06 12345678;102;', '2;06 23456789;102;77']),
      { mapping },
    );
    expect(valid[0]?.record).toEqual({
      externalId: '1',
      mobilePhone: '+31612345678',
      department: 'Supply Chain',
      custom: {},
    });
    expect(codesOf(rejected[0]?.issues ?? [])).toEqual(['manager_not_found']);
  });

  it('lets options.required and options.defaultCountry override the mapping', async () => {
    const mapping = parseMappingConfig({ required: ['lastName'], defaultCountry: 'NL' });
    const { valid } = await runCheck(csvLines(['externalId,mobilePhone', '1,0470 12 34 56']), {
      mapping,
      required: ['externalId'],
      defaultCountry: 'be',
    });
    expect(valid[0]?.record.mobilePhone).toBe('+32470123456');
  });

  it('applies the default required fields when nothing else is configured', async () => {
    const { rejected } = await runCheck(csvLines(['externalId', '1']));
    expect(rejected[0]?.issues.map((issue) => issue.field)).toEqual([
      'firstName',
      'lastName',
      'country',
      'language',
      'email|mobilePhone',
    ]);
  });

  it('honours an explicit delimiter and encoding', async () => {
    const latin1 = Buffer.from('externalId|firstName\n1|Zoë\n', 'latin1');
    const { valid, report } = await runCheck(latin1, {
      delimiter: '|',
      encoding: 'latin1',
      required: [],
    });
    expect(valid[0]?.record.firstName).toBe('Zoë');
    expect(report.source).toEqual(
      expect.objectContaining({ delimiter: '|', encoding: 'windows-1252' }),
    );
  });
});

describe('checkCsv: files that cannot be read', () => {
  it('refuses an empty file', async () => {
    await expect(runCheck('')).rejects.toMatchObject({ code: 'empty' });
  });

  it('refuses a file with an unbalanced quote, and sends no row anywhere', async () => {
    const run = runCheck(csvLines([HEADER, row('1'), '2,"Jan,Jansen,j@example.com', row('3')]));
    await expect(run).rejects.toBeInstanceOf(FileError);
    await expect(run).rejects.toMatchObject({
      code: 'unbalanced_quote',
      message: expect.stringContaining('from line 3'),
    });
  });

  it('refuses a header with two columns for one field', async () => {
    await expect(runCheck(csvLines(['Employee ID,Staff ID', '1,1']))).rejects.toMatchObject({
      code: 'duplicate_column',
    });
  });
});

describe('checkCsv: the example Dutch Excel export', () => {
  const data = join(__dirname, '../../../examples/data');
  const mapping = parseMappingConfig(
    JSON.parse(readFileSync(join(data, 'mapping-nl.json'), 'utf8')),
  );

  it('reads the Windows-1252 file with its mapping and finds each planted problem', async () => {
    const { report, valid, rejected } = await runCheck(
      readFileSync(join(data, 'employees-excel-nl.csv')),
      { mapping },
    );
    expect(report).toEqual(
      expect.objectContaining({ rows: 10, valid: 3, invalid: 7, blankRows: 1, withWarnings: 0 }),
    );
    expect(report.source).toEqual({
      encoding: 'windows-1252',
      bom: false,
      delimiter: ';',
      header: true,
    });
    expect(valid.map((validRow) => validRow.record.externalId)).toEqual(['1002', '1005', '1009']);
    expect(rejected.map((rejectedRow) => [rejectedRow.line, codesOf(rejectedRow.issues)])).toEqual([
      [2, ['invalid_date']],
      [4, ['invalid_email']],
      [5, ['duplicate_external_id']],
      [6, ['duplicate_external_id']],
      [8, ['invalid_phone', 'end_before_start']],
      [9, ['invalid_country', 'manager_self']],
      [10, ['required']],
    ]);
    expect(valid[0]?.record).toEqual(FIRST_VALID_EXCEL_NL_RECORD);
  });
});

describe('checkCsv: rows spooled to disk between the passes', () => {
  let spoolDirectory: string;

  beforeEach(async () => {
    spoolDirectory = await mkdtemp(join(tmpdir(), 'check-rows-spool-'));
  });

  afterEach(async () => {
    await rm(spoolDirectory, { recursive: true, force: true });
  });

  /** 12,000 rows, more than one batch, each reporting to the row before it. */
  function bigFile(lastLine = ''): string {
    const rows = Array.from({ length: 12_000 }, (_, i) =>
      row(`E${i}`, `F,L,e${i}@example.com,,NL,nl,${i > 0 ? `E${i - 1}` : ''}`),
    );
    // A duplicate of an early, spilled row near the end, and a loop between the two ends.
    rows.push(row('E1', 'F,L,dup@example.com,,NL,nl,'));
    rows[5] = row('E5', 'F,L,e5@example.com,,NL,nl,E11999');
    return csvLines([HEADER, ...rows, ...(lastLine ? [lastLine] : [])]);
  }

  it('gives every row back in order with the whole-file issues, and cleans up', async () => {
    const spooled: string[][] = [];
    const lines: number[] = [];
    const rejected: [number, string[]][] = [];
    await checkCsv(
      csvStream(bigFile()),
      { spoolDirectory, spoolMemoryChars: 1 },
      {
        start: async () => {
          spooled.push(await readdir(spoolDirectory));
        },
        valid: (valid) => {
          lines.push(valid.line);
        },
        rejected: (rejectedRow) => {
          lines.push(rejectedRow.line);
          rejected.push([rejectedRow.line, codesOf(rejectedRow.issues)]);
        },
      },
    );
    expect(spooled[0]).toEqual([expect.stringMatching(/^hr-sync-/)]);
    expect(lines).toEqual(Array.from({ length: 12_001 }, (_, i) => i + 2));
    // E5 → E11999 → … → E5 is a loop of 11,995; E1 is in the file twice, which cuts E2's chain.
    expect(rejected.length).toBe(2 + 11_995);
    expect(rejected[0]).toEqual([3, ['duplicate_external_id']]);
    expect(rejected.at(-1)).toEqual([12_002, ['duplicate_external_id']]);
    expect(rejected.slice(1, -1).every(([, codes]) => codes.join() === 'manager_cycle')).toBe(true);
    expect(await readdir(spoolDirectory)).toEqual([]);
  });

  it('cleans up its spool when the file turns out to be unreadable near the end', async () => {
    const broken = bigFile('99,"never closed,,,,,,');
    await expect(
      checkCsv(csvStream(broken), { spoolDirectory, spoolMemoryChars: 1 }),
    ).rejects.toMatchObject({ code: 'unbalanced_quote' });
    expect(await readdir(spoolDirectory)).toEqual([]);
  });
});
