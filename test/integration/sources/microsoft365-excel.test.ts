import { GraphClient } from '../../../src/graph/graph-client';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { readExcelRows, type ExcelReadOptions } from '../../../src/sources/microsoft365';
import { SourceError } from '../../../src/sources/source-error';
import {
  addWorkbook,
  answerExcel,
  dateCell,
  resetExcelState,
  type ExcelCell,
  type ExcelWorkbook,
} from '../../peers/graph/excel-routes';
import { startGraphServer, type GraphPeer } from '../../peers/graph/graph-server';

/** The workbook reader through GraphClient and nodeHttpClient, against the fake Graph on loopback. */
let peer: GraphPeer;
let graph: GraphClient;
let staff: ExcelWorkbook;
const ROWS = 12000;
const SHARING_URL = 'https://contoso.sharepoint.com/:x:/s/HR/EQxyz?e=Sh4re';
const onSite: ExcelReadOptions['workbook'] = {
  kind: 'site',
  site: 'https://contoso.sharepoint.com/sites/HR',
  path: 'People/Staff.xlsx',
};

function staffSheet(): ExcelCell[][] {
  const cells: ExcelCell[][] = [
    ['Employee ID', 'First name', 'Last name', 'Email', 'Start date', 'Hours'],
  ];
  for (let n = 1; n <= ROWS; n++) {
    cells.push([
      String(n).padStart(6, '0'),
      `First${n}`,
      `Last${n}`,
      `p${n}@contoso.com`,
      dateCell('2026-03-01'),
      40,
    ]);
  }
  return cells;
}

beforeAll(async () => {
  peer = await startGraphServer({ permissions: ['User.Read.All'] });
  graph = new GraphClient(nodeHttpClient(), peer.credentials, { sleep: async () => {} });
});

afterAll(() => peer.close());

beforeEach(() => {
  peer.reset();
  resetExcelState(peer.excel);
  staff = addWorkbook(
    peer.excel,
    {
      hostname: 'contoso.sharepoint.com',
      sitePath: '/sites/HR',
      path: 'People/Staff.xlsx',
      sharingUrl: SHARING_URL,
    },
    {
      worksheets: {
        Staff: staffSheet(),
        Leavers: [
          ['Leavers 2026'],
          [],
          [null, 'ID', 'Leaving on'],
          [null, '000007', dateCell('2026-06-30')],
          [],
          [null, '000042', dateCell('2026-07-31')],
        ],
      },
      tables: [{ name: 'LeaversTable', worksheet: 'Leavers', range: 'B3:C6' }],
    },
  );
});

const rangeCalls = (): string[] =>
  peer.calls
    .filter((call) => call.path.includes('/range('))
    .map((call) => /address='([^']+)'/.exec(call.path)?.[1] ?? '');

it('reads a 12,000-row worksheet in chunks of 2,000, as Excel shows it', async () => {
  const { rows, summary } = await readExcelRows(graph, {
    workbook: onSite,
    data: { kind: 'worksheet', name: 'Staff' },
  });
  expect(rows).toHaveLength(ROWS);
  expect(rows[0]).toEqual({
    line: 2,
    'Employee ID': '000001',
    'First name': 'First1',
    'Last name': 'Last1',
    Email: 'p1@contoso.com',
    'Start date': '01-03-2026',
    Hours: '40',
  });
  expect(rows.at(-1)?.line).toBe(ROWS + 1);
  expect(rows.at(-1)?.['Employee ID']).toBe('012000');
  expect(summary).toMatchObject({
    fileName: 'Staff.xlsx',
    worksheet: 'Staff',
    address: 'Staff!A1:F12001',
    rows: ROWS,
    chunks: 6,
    chunkRows: 2000,
  });
  expect(rangeCalls()).toEqual([
    'A1:F1',
    'A2:F2001',
    'A2002:F4001',
    'A4002:F6001',
    'A6002:F8001',
    'A8002:F10001',
    'A10002:F12001',
  ]);
  expect(peer.calls.every((call) => call.status === 200)).toBe(true);
});

it('lowers the chunk when Graph answers 413, and reads everything still', async () => {
  // The cap lets 600 rows through: 2,000 and 1,000 are refused, 500 fit.
  const path = `/drives/${staff.driveId}/items/${staff.itemId}/workbook/worksheets/Staff/range(address='A2:F601')`;
  const sample = answerExcel(
    peer.excel,
    path,
    new URLSearchParams({ $select: 'address,rowCount,text' }),
  );
  peer.excel.maxResponseBytes = JSON.stringify(sample?.body).length;
  const { rows, summary } = await readExcelRows(graph, {
    workbook: onSite,
    data: { kind: 'worksheet', name: 'Staff' },
  });
  expect(rows).toHaveLength(ROWS);
  expect(new Set(rows.map((row) => row.line)).size).toBe(ROWS);
  expect(summary.chunkRows).toBe(500);
  expect(summary.chunks).toBe(24);
  expect(peer.excel.tooLarge).toBe(2);
  expect(peer.calls.filter((call) => call.status === 413)).toHaveLength(2);
  expect(rangeCalls().slice(1, 5)).toEqual(['A2:F2001', 'A2:F1001', 'A2:F501', 'A502:F1001']);
});

it('reads a table from its worksheet with the sheet’s row numbers', async () => {
  const { rows, summary } = await readExcelRows(graph, {
    workbook: onSite,
    data: { kind: 'table', name: 'LeaversTable' },
  });
  expect(rows).toEqual([
    { line: 4, ID: '000007', 'Leaving on': '30-06-2026' },
    { line: 6, ID: '000042', 'Leaving on': '31-07-2026' },
  ]);
  expect(summary).toMatchObject({
    worksheet: 'Leavers',
    table: 'LeaversTable',
    address: 'Leavers!B3:C6',
    headerRow: 3,
    chunks: 1,
  });
});

it('opens the workbook by a sharing link', async () => {
  const { rows, summary } = await readExcelRows(graph, {
    workbook: { kind: 'share', url: SHARING_URL },
    data: { kind: 'worksheet', name: 'Leavers', headerRow: 3 },
  });
  expect(rows.map((row) => row.ID)).toEqual(['000007', '000042']);
  expect(summary.webUrl).toBe(staff.webUrl);
  expect(peer.calls[0]?.path).toMatch(/^\/shares\/u![A-Za-z0-9_-]+\/driveItem$/);
});

it('opens a workbook in a user’s OneDrive by path', async () => {
  addWorkbook(
    peer.excel,
    { user: 'hr.admin@contoso.com', path: 'Exports/People.xlsx' },
    { worksheets: { People: [['ID'], ['1']] } },
  );
  const { rows } = await readExcelRows(graph, {
    workbook: { kind: 'user', user: 'hr.admin@contoso.com', path: 'Exports/People.xlsx' },
    data: { kind: 'worksheet', name: 'People' },
  });
  expect(rows).toEqual([{ line: 2, ID: '1' }]);
});

it('names what is missing, and never the secret or the token', async () => {
  const token = await graph.token();
  const misses: Array<Promise<unknown>> = [
    readExcelRows(graph, { workbook: onSite, data: { kind: 'worksheet', name: 'Staf' } }),
    readExcelRows(graph, { workbook: onSite, data: { kind: 'table', name: 'Leavers' } }),
    readExcelRows(graph, {
      workbook: { ...onSite, path: 'People/Gone.xlsx' },
      data: { kind: 'worksheet', name: 'Staff' },
    }),
    readExcelRows(graph, {
      workbook: { kind: 'share', url: 'https://contoso.sharepoint.com/:x:/s/HR/Nope?e=Secr3t' },
      data: { kind: 'worksheet', name: 'Staff' },
    }),
  ];
  const errors = await Promise.all(misses.map((miss) => miss.catch((error: unknown) => error)));
  expect(errors.every((error) => error instanceof SourceError && error.code === 'not_found')).toBe(
    true,
  );
  const messages = errors.map((error) => (error as Error).message);
  expect(messages[0]).toBe(
    'There is no worksheet "Staf" in Staff.xlsx. Its worksheets: Staff, Leavers.',
  );
  expect(messages[1]).toBe('There is no table "Leavers" in Staff.xlsx. Its tables: LeaversTable.');
  expect(messages[2]).toContain('"People/Gone.xlsx" on the site contoso.sharepoint.com/sites/HR');
  expect(messages[3]).toContain('e=***');
  for (const message of messages) {
    expect(message).not.toContain(peer.clientSecret);
    expect(message).not.toContain(token);
    expect(message).not.toContain('Secr3t');
  }
});
