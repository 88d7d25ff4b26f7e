import { readExcelRows } from '../../../../src/sources/microsoft365/read-excel-rows';
import { SourceError } from '../../../../src/sources/source-error';
import {
  addWorkbook,
  answerExcel,
  createExcelState,
  dateCell,
  type ExcelCell,
  type ExcelWorkbook,
  type ExcelState,
} from '../../../peers/graph/excel-routes';
import { StubGraph } from './graph-stub';

const SITE = {
  kind: 'site' as const,
  site: 'https://contoso.sharepoint.com/sites/HR',
  path: 'People/Staff.xlsx',
};

function staffCells(count: number): ExcelCell[][] {
  const rows: ExcelCell[][] = [['Employee ID', 'First name', 'Email', 'Start date']];
  for (let n = 1; n <= count; n++) {
    rows.push([
      String(n).padStart(5, '0'),
      `Name ${n}`,
      `p${n}@contoso.com`,
      dateCell('2026-03-01'),
    ]);
  }
  return rows;
}

function setup(cells: ExcelCell[][] = staffCells(3)): {
  state: ExcelState;
  graph: StubGraph;
  workbook: ExcelWorkbook;
} {
  const state = createExcelState();
  const workbook = addWorkbook(
    state,
    { hostname: 'contoso.sharepoint.com', sitePath: '/sites/HR', path: 'People/Staff.xlsx' },
    { worksheets: { Staff: cells, Other: [['x']] } },
  );
  const graph = new StubGraph((call) => answerExcel(state, call.path, call.query));
  return { state, graph, workbook };
}

const select = new URLSearchParams({ $select: 'address,rowCount,text' });

/** The worksheet's path below /v1.0. */
function workbookPath(workbook: ExcelWorkbook): string {
  return `/drives/${workbook.driveId}/items/${workbook.itemId}/workbook/worksheets/Staff`;
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('no SourceError');
}

describe('readExcelRows from a worksheet', () => {
  it('gives the text Excel shows, with sheet row numbers', async () => {
    const { graph } = setup();
    const { rows, summary } = await readExcelRows(graph, {
      workbook: SITE,
      data: { kind: 'worksheet', name: 'Staff' },
    });
    expect(rows[0]).toEqual({
      line: 2,
      'Employee ID': '00001',
      'First name': 'Name 1',
      Email: 'p1@contoso.com',
      'Start date': '01-03-2026',
    });
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(summary).toMatchObject({
      fileName: 'Staff.xlsx',
      worksheet: 'Staff',
      address: 'Staff!A1:D4',
      headerRow: 1,
      rows: 3,
      columns: ['Employee ID', 'First name', 'Email', 'Start date'],
      chunks: 1,
    });
    expect(summary.webUrl).toContain('https://contoso.sharepoint.com/sites/HR/');
  });

  it('finds the site by path, then the file in its drive, then reads by item', async () => {
    const { graph } = setup();
    await readExcelRows(graph, { workbook: SITE, data: { kind: 'worksheet', name: 'Staff' } });
    const paths = graph.calls.map((call) => call.path);
    expect(paths[0]).toBe('/sites/contoso.sharepoint.com:/sites/HR');
    expect(paths[1]).toMatch(
      /^\/sites\/contoso\.sharepoint\.com,[^/]+\/drive\/root:\/People\/Staff\.xlsx$/,
    );
    expect(paths.slice(2).every((path) => path.startsWith('/drives/'))).toBe(true);
    expect(paths[2]).toMatch(/\/workbook\/worksheets\/Staff\/usedRange\(valuesOnly=true\)$/);
  });

  it('asks ranges for their text only, never the whole sheet at once', async () => {
    const { graph } = setup(staffCells(25));
    const { rows, summary } = await readExcelRows(graph, {
      workbook: SITE,
      data: { kind: 'worksheet', name: 'Staff' },
      chunkRows: 10,
    });
    expect(rows).toHaveLength(25);
    const ranges = graph.calls.filter((call) => call.path.includes('/range('));
    expect(ranges.map((call) => /address='([^']+)'/.exec(call.path)?.[1])).toEqual([
      'A1:D1',
      'A2:D11',
      'A12:D21',
      'A22:D26',
    ]);
    expect(ranges.every((call) => call.query.get('$select') === 'address,rowCount,text')).toBe(
      true,
    );
    expect(summary.chunks).toBe(3);
  });

  it('skips empty rows inside and after the data, keeping the sheet’s numbers', async () => {
    const cells = staffCells(4);
    cells.splice(2, 0, ['', null, '', '']);
    const { graph } = setup(cells);
    const { rows } = await readExcelRows(graph, {
      workbook: SITE,
      data: { kind: 'worksheet', name: 'Staff' },
    });
    expect(rows.map((row) => [row.line, row['Employee ID']])).toEqual([
      [2, '00001'],
      [4, '00002'],
      [5, '00003'],
      [6, '00004'],
    ]);
  });

  it('reads from the header row given, leaving title rows above it out', async () => {
    const { graph } = setup([['Staff export, 1 March 2026'], [], ...staffCells(2)]);
    const { rows, summary } = await readExcelRows(graph, {
      workbook: SITE,
      data: { kind: 'worksheet', name: 'Staff', headerRow: 3 },
    });
    expect(summary.headerRow).toBe(3);
    expect(rows.map((row) => row.line)).toEqual([4, 5]);
    expect(rows[0]?.['Employee ID']).toBe('00001');
  });

  it('says which rows hold data when the header row is outside them', async () => {
    const { graph } = setup([[], [], ...staffCells(2)]);
    const error = await failure(
      readExcelRows(graph, { workbook: SITE, data: { kind: 'worksheet', name: 'Staff' } }),
    );
    expect(error.code).toBe('bad_header');
    expect(error.message).toContain('Row 1 of the worksheet "Staff" in Staff.xlsx is empty');
    expect(error.message).toContain('rows 3 to 5');
  });

  it('names repeated headers and their columns', async () => {
    const { graph } = setup([
      ['ID', 'Email', 'Email'],
      ['1', 'a', 'b'],
    ]);
    const error = await failure(
      readExcelRows(graph, { workbook: SITE, data: { kind: 'worksheet', name: 'Staff' } }),
    );
    expect(error.code).toBe('bad_header');
    expect(error.message).toContain('"Email" (B1 and C1)');
  });

  it('says a blank worksheet is empty', async () => {
    const { graph } = setup([]);
    const error = await failure(
      readExcelRows(graph, { workbook: SITE, data: { kind: 'worksheet', name: 'Staff' } }),
    );
    expect(error.message).toBe(
      'The worksheet "Staff" in Staff.xlsx is empty: no cell has a value.',
    );
  });

  it('gives no rows for a sheet with only its header', async () => {
    const { graph } = setup([['ID', 'Email']]);
    const { rows, summary } = await readExcelRows(graph, {
      workbook: SITE,
      data: { kind: 'worksheet', name: 'Staff' },
    });
    expect(rows).toEqual([]);
    expect(summary.chunks).toBe(0);
  });

  it('halves the chunk while Graph says the answer is too large, and keeps the smaller size', async () => {
    const { state, graph, workbook } = setup(staffCells(40));
    // Room for 12 rows of this sheet: 40 and 20 are refused, 10 fit.
    const twelve = answerExcel(state, `${workbookPath(workbook)}/range(address='A2:D13')`, select);
    state.maxResponseBytes = JSON.stringify(twelve?.body).length;
    const { rows, summary } = await readExcelRows(graph, {
      workbook: SITE,
      data: { kind: 'worksheet', name: 'Staff' },
      chunkRows: 40,
    });
    expect(rows).toHaveLength(40);
    expect(rows.map((row) => row.line)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    expect(summary.chunkRows).toBe(10);
    expect(summary.chunks).toBe(4);
    expect(state.tooLarge).toBe(2);
  });

  it('gives up with a clear error when not even one row fits', async () => {
    const { state, graph } = setup([
      ['ID', 'Note'],
      ['1', 'x'.repeat(5000)],
    ]);
    state.maxResponseBytes = 2000;
    const error = await failure(
      readExcelRows(graph, { workbook: SITE, data: { kind: 'worksheet', name: 'Staff' } }),
    );
    expect(error.message).toContain('could not return even one row');
  });
});

describe('readExcelRows: what is missing is named', () => {
  it('a worksheet, with the ones there are', async () => {
    const { graph } = setup();
    const error = await failure(
      readExcelRows(graph, { workbook: SITE, data: { kind: 'worksheet', name: 'Staf' } }),
    );
    expect(error.code).toBe('not_found');
    expect(error.message).toBe(
      'There is no worksheet "Staf" in Staff.xlsx. Its worksheets: Staff, Other.',
    );
  });

  it('a table', async () => {
    const { graph } = setup();
    const error = await failure(
      readExcelRows(graph, { workbook: SITE, data: { kind: 'table', name: 'People' } }),
    );
    expect(error.message).toBe('There is no table "People" in Staff.xlsx. It has no tables.');
  });

  it('a file', async () => {
    const { graph } = setup();
    const error = await failure(
      readExcelRows(graph, {
        workbook: { ...SITE, path: 'People/Staf.xlsx' },
        data: { kind: 'worksheet', name: 'Staff' },
      }),
    );
    expect(error.code).toBe('not_found');
    expect(error.message).toContain(
      '"People/Staf.xlsx" on the site contoso.sharepoint.com/sites/HR',
    );
  });

  it('a site', async () => {
    const { graph } = setup();
    const error = await failure(
      readExcelRows(graph, {
        workbook: { ...SITE, site: 'contoso.sharepoint.com/sites/Finance' },
        data: { kind: 'worksheet', name: 'Staff' },
      }),
    );
    expect(error.message).toBe(
      'The SharePoint site contoso.sharepoint.com/sites/Finance was not found: check the site URL.',
    );
  });

  it('a folder is not a workbook', async () => {
    const { graph } = setup();
    const error = await failure(
      readExcelRows(graph, {
        workbook: { ...SITE, path: 'People' },
        data: { kind: 'worksheet', name: 'Staff' },
      }),
    );
    expect(error.message).toContain('is a folder');
  });

  it('a sharing link is named without its secret parts', async () => {
    const { graph } = setup();
    const link = 'https://contoso.sharepoint.com/:x:/s/HR/EbcDEF?e=s3cretKey&download=1';
    const error = await failure(
      readExcelRows(graph, {
        workbook: { kind: 'share', url: link },
        data: { kind: 'worksheet', name: 'Staff' },
      }),
    );
    expect(error.code).toBe('not_found');
    expect(error.message).not.toContain('s3cretKey');
    expect(error.message).toContain(
      'https://contoso.sharepoint.com/:x:/s/HR/EbcDEF?e=***&download=***',
    );
  });
});

describe('readExcelRows from a table, a OneDrive and a sharing link', () => {
  function tableSetup(): { state: ExcelState; graph: StubGraph } {
    const state = createExcelState();
    const cells: ExcelCell[][] = [
      ['People of HR'],
      [],
      [null, 'ID', 'Email', 'Hired'],
      [null, '007', 'bond@contoso.com', dateCell('2026-03-01')],
      [null, '', '', ''],
      [null, '042', 'ada@contoso.com', 45000],
    ];
    addWorkbook(
      state,
      {
        user: 'hr.admin@contoso.com',
        path: 'Exports/People.xlsx',
        sharingUrl: 'https://contoso-my.sharepoint.com/:x:/g/personal/hr/EAbc?e=Zx9',
      },
      {
        worksheets: { 'Staff list': cells },
        tables: [{ name: 'People', worksheet: 'Staff list', range: 'B3:D6' }],
      },
    );
    return { state, graph: new StubGraph((call) => answerExcel(state, call.path, call.query)) };
  }

  it('reads a table’s header and body from its own worksheet, quoted name and all', async () => {
    const { graph } = tableSetup();
    const { rows, summary } = await readExcelRows(graph, {
      workbook: { kind: 'user', user: 'hr.admin@contoso.com', path: '/Exports/People.xlsx' },
      data: { kind: 'table', name: 'People' },
    });
    expect(rows).toEqual([
      { line: 4, ID: '007', Email: 'bond@contoso.com', Hired: '01-03-2026' },
      { line: 6, ID: '042', Email: 'ada@contoso.com', Hired: '45000' },
    ]);
    expect(summary).toMatchObject({
      worksheet: 'Staff list',
      table: 'People',
      address: "'Staff list'!B3:D6",
      headerRow: 3,
    });
    expect(graph.calls[0]?.path).toBe(
      '/users/hr.admin%40contoso.com/drive/root:/Exports/People.xlsx',
    );
    expect(
      graph.calls.some((call) =>
        call.path.includes("/worksheets/Staff%20list/range(address='B4:D6')"),
      ),
    ).toBe(true);
  });

  it('opens a workbook by its sharing link', async () => {
    const { graph } = tableSetup();
    const url = 'https://contoso-my.sharepoint.com/:x:/g/personal/hr/EAbc?e=Zx9';
    const { rows } = await readExcelRows(graph, {
      workbook: { kind: 'share', url },
      data: { kind: 'table', name: 'people' },
    });
    expect(rows).toHaveLength(2);
    expect(graph.calls[0]?.path).toBe(
      `/shares/u!${Buffer.from(url).toString('base64url')}/driveItem`,
    );
  });

  it('says a user without that file has none', async () => {
    const { graph } = tableSetup();
    const error = await failure(
      readExcelRows(graph, {
        workbook: { kind: 'user', user: 'someone@contoso.com', path: 'People.xlsx' },
        data: { kind: 'table', name: 'People' },
      }),
    );
    expect(error.message).toBe(
      'The workbook "People.xlsx" in the OneDrive of someone@contoso.com was not found: check the path.',
    );
  });
});

describe('readExcelRows: refusals and odd answers', () => {
  it('turns a 403 into an auth error naming the permission, without Graph’s request id noise', async () => {
    const graph = new StubGraph(() => ({
      status: 403,
      body: { error: { code: 'accessDenied', message: 'Access denied' } },
    }));
    const error = await failure(
      readExcelRows(graph, { workbook: SITE, data: { kind: 'worksheet', name: 'Staff' } }),
    );
    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('Files.Read.All or Sites.Read.All');
    expect(error.message).toContain('accessDenied: Access denied');
  });

  it('refuses a file the Excel API cannot open', async () => {
    const graph = new StubGraph((call) =>
      call.path.startsWith('/sites/contoso.sharepoint.com:')
        ? { status: 200, body: { id: 'site-1' } }
        : {
            status: 200,
            body: { id: 'i1', name: 'staff.csv', parentReference: { driveId: 'd1' }, file: {} },
          },
    );
    const error = await failure(
      readExcelRows(graph, { workbook: SITE, data: { kind: 'worksheet', name: 'Staff' } }),
    );
    expect(error.message).toContain('staff.csv is not an Excel workbook');
  });

  it('checks its own options', async () => {
    const { graph } = setup();
    await expect(
      readExcelRows(graph, {
        workbook: SITE,
        data: { kind: 'worksheet', name: 'Staff' },
        chunkRows: 0,
      }),
    ).rejects.toThrow(RangeError);
    await expect(
      readExcelRows(graph, { workbook: SITE, data: { kind: 'worksheet', name: ' ' } }),
    ).rejects.toThrow('No worksheet name');
  });
});
