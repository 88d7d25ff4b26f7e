import {
  addWorkbook,
  dateCell,
  resetExcelState,
  type ExcelWorkbook,
} from '../../peers/graph/excel-routes';
import { startGraphServer, type GraphPeer } from '../../peers/graph/graph-server';

/**
 * The fake Excel in the fake Graph, spoken to as any client would: each behaviour against the
 * learn.microsoft.com page its route names.
 */
interface Answer {
  status: number;
  // Tests read whatever Graph sent; each assertion names the fields it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

let peer: GraphPeer;
let accessToken: string;
let workbook: ExcelWorkbook;
const SHARING_URL = 'https://contoso.sharepoint.com/:x:/s/HR/EQabc123?e=Tok3n';

beforeAll(async () => {
  peer = await startGraphServer();
  const response = await fetch(peer.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: peer.clientId,
      client_secret: peer.clientSecret,
      scope: `${peer.url}/.default`,
    }).toString(),
  });
  accessToken = ((await response.json()) as { access_token: string }).access_token;
});

afterAll(() => peer.close());

beforeEach(() => {
  resetExcelState(peer.excel);
  workbook = addWorkbook(
    peer.excel,
    {
      hostname: 'contoso.sharepoint.com',
      sitePath: '/sites/HR',
      path: 'People/Staff.xlsx',
      sharingUrl: SHARING_URL,
    },
    {
      worksheets: {
        Staff: {
          cells: [
            ['ID', 'Name', 'Start', 'Hours', 'Active'],
            ['00123', 'Ada', dateCell('2026-03-01'), 38.5, true],
            [],
            ['00124', 'Grace', dateCell('2026-03-02'), 40, false],
          ],
          formattedThroughRow: 100,
        },
        'Staff list': [
          [null, 'ID'],
          [null, '7'],
        ],
      },
      tables: [{ name: 'People', worksheet: 'Staff', range: 'A1:C4' }],
    },
  );
  addWorkbook(
    peer.excel,
    { user: 'hr@contoso.com', path: 'Exports/Mine.xlsx' },
    { worksheets: { Sheet1: [['a']] } },
  );
});

async function get(path: string): Promise<Answer> {
  const response = await fetch(path.startsWith('http') ? path : `${peer.graphBaseUrl}${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: response.status, body: await response.json() };
}

const book = (): string => `/drives/${workbook.driveId}/items/${workbook.itemId}/workbook`;

describe('drive items', () => {
  it('finds a site by host and path, and a file by path in its drive (site-getbypath, driveitem-get)', async () => {
    const site = await get('/sites/contoso.sharepoint.com:/sites/HR');
    expect(site.status).toBe(200);
    expect(site.body.id).toMatch(/^contoso\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    expect(site.body.webUrl).toBe('https://contoso.sharepoint.com/sites/HR');
    const item = await get(`/sites/${site.body.id}/drive/root:/People/Staff.xlsx:`);
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({
      id: workbook.itemId,
      name: 'Staff.xlsx',
      parentReference: { driveId: workbook.driveId },
    });
    expect(item.body.file.mimeType).toContain('spreadsheetml');
    expect((await get(`/sites/${site.body.id}/drive/root:/people/staff.xlsx`)).body.id).toBe(
      workbook.itemId,
    );
    expect((await get(`/sites/${site.body.id}/drive/root:/People`)).body.folder).toBeDefined();
  });

  it('answers 404 itemNotFound for an unknown site or path', async () => {
    const site = await get('/sites/contoso.sharepoint.com:/sites/Nope');
    expect(site.status).toBe(404);
    expect(site.body.error.code).toBe('itemNotFound');
    const siteId = (await get('/sites/contoso.sharepoint.com:/sites/HR')).body.id as string;
    expect((await get(`/sites/${siteId}/drive/root:/People/Other.xlsx`)).body.error.code).toBe(
      'itemNotFound',
    );
  });

  it('finds a file in a user’s OneDrive; a user without one has no drive', async () => {
    const item = await get('/users/hr%40contoso.com/drive/root:/Exports/Mine.xlsx');
    expect(item.status).toBe(200);
    expect(item.body.name).toBe('Mine.xlsx');
    expect((await get('/users/nobody%40contoso.com/drive/root:/Exports/Mine.xlsx')).status).toBe(
      404,
    );
  });

  it('opens a shared item by its encoded sharing link and by its webUrl (shares-get)', async () => {
    const encode = (url: string): string => `u!${Buffer.from(url).toString('base64url')}`;
    expect((await get(`/shares/${encode(SHARING_URL)}/driveItem`)).body.id).toBe(workbook.itemId);
    expect((await get(`/shares/${encode(workbook.webUrl)}/driveItem`)).body.id).toBe(
      workbook.itemId,
    );
    expect((await get(`/shares/${encode('https://elsewhere/x')}/driveItem`)).status).toBe(404);
  });

  it('keeps only the $select-ed properties', async () => {
    const item = await get(`/drives/${workbook.driveId}/items/${workbook.itemId}?$select=id,name`);
    expect(Object.keys(item.body).sort()).toEqual(['id', 'name']);
  });
});

describe('worksheets and ranges', () => {
  it('lists worksheets and tables by name', async () => {
    expect((await get(`${book()}/worksheets?$select=name`)).body.value).toEqual([
      { name: 'Staff' },
      { name: 'Staff list' },
    ]);
    expect((await get(`${book()}/tables?$select=name`)).body.value).toEqual([{ name: 'People' }]);
  });

  it('gives the used range, formatting counted unless valuesOnly (worksheet-usedrange)', async () => {
    const valuesOnly = await get(
      `${book()}/worksheets/Staff/usedRange(valuesOnly=true)?$select=address,rowCount,columnCount`,
    );
    expect(valuesOnly.body).toEqual({
      '@odata.type': '#microsoft.graph.workbookRange',
      address: 'Staff!A1:E4',
      rowCount: 4,
      columnCount: 5,
    });
    expect((await get(`${book()}/worksheets/Staff/usedRange`)).body.address).toBe('Staff!A1:E100');
    expect(
      (await get(`${book()}/worksheets/Staff%20list/usedRange(valuesOnly=true)`)).body.address,
    ).toBe("'Staff list'!B1:B2");
  });

  it('gives a blank sheet’s top left cell as its used range', async () => {
    addWorkbook(
      peer.excel,
      { user: 'hr@contoso.com', path: 'Blank.xlsx' },
      { worksheets: { Empty: [] } },
    );
    const item = await get('/users/hr%40contoso.com/drive/root:/Blank.xlsx');
    const used = await get(
      `/drives/${item.body.parentReference.driveId}/items/${item.body.id}/workbook/worksheets/Empty/usedRange(valuesOnly=true)`,
    );
    expect(used.body.address).toBe('Empty!A1');
  });

  it('gives a range’s text as Excel shows it and its values as Excel keeps them (range-get)', async () => {
    const range = await get(`${book()}/worksheets/Staff/range(address='A2:E3')`);
    expect(range.status).toBe(200);
    expect(range.body).toMatchObject({
      address: 'Staff!A2:E3',
      rowCount: 2,
      columnCount: 5,
      rowIndex: 1,
      columnIndex: 0,
      cellCount: 10,
    });
    expect(range.body.text).toEqual([
      ['00123', 'Ada', '01-03-2026', '38.5', 'TRUE'],
      ['', '', '', '', ''],
    ]);
    // 2026-03-01 is serial 46082 in the 1900 date system; the ID stays text.
    expect(range.body.values[0]).toEqual(['00123', 'Ada', 46082, 38.5, true]);
    expect(range.body.valueTypes[0]).toEqual(['String', 'String', 'Double', 'Double', 'Boolean']);
  });

  it('answers only the $select-ed range properties', async () => {
    const range = await get(
      `${book()}/worksheets/Staff/range(address='A1:B1')?$select=address,text`,
    );
    expect(Object.keys(range.body).sort()).toEqual(['@odata.type', 'address', 'text']);
  });

  it('answers a range past the data with empty cells, and a bad address with 400', async () => {
    expect((await get(`${book()}/worksheets/Staff/range(address='F10:G10')`)).body.text).toEqual([
      ['', ''],
    ]);
    const bad = await get(`${book()}/worksheets/Staff/range(address='A1:B')`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('InvalidArgument');
  });

  it('answers 404 ItemNotFound for a missing worksheet or table (workbook-error-codes)', async () => {
    const sheet = await get(`${book()}/worksheets/Nope/usedRange`);
    expect(sheet.status).toBe(404);
    expect(sheet.body.error.code).toBe('ItemNotFound');
    expect((await get(`${book()}/tables/Nope/headerRowRange`)).status).toBe(404);
  });

  it('refuses an answer over the size cap with 413 payloadTooLarge', async () => {
    peer.excel.maxResponseBytes = 400;
    const big = await get(`${book()}/worksheets/Staff/range(address='A1:E4')`);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payloadTooLarge');
    expect(peer.excel.tooLarge).toBe(1);
    expect(
      (await get(`${book()}/worksheets/Staff/range(address='A1:A1')?$select=text`)).status,
    ).toBe(200);
  });
});

describe('tables', () => {
  it('gives the header row, the data body and the whole range (table-headerrowrange, table-databodyrange)', async () => {
    expect((await get(`${book()}/tables/People/headerRowRange`)).body).toMatchObject({
      address: 'Staff!A1:C1',
      text: [['ID', 'Name', 'Start']],
    });
    expect((await get(`${book()}/tables/people/dataBodyRange?$select=address`)).body.address).toBe(
      'Staff!A2:C4',
    );
    expect((await get(`${book()}/tables/People/range`)).body.address).toBe('Staff!A1:C4');
    expect((await get(`${book()}/tables/People/worksheet?$select=name`)).body.name).toBe('Staff');
  });

  it('lists rows with values only, paged by $top and $skip (table-list-rows)', async () => {
    const rows = await get(`${book()}/tables/People/rows?$top=2&$skip=1`);
    expect(rows.body.value).toEqual([
      { index: 1, values: [['', '', '']] },
      { index: 2, values: [['00124', 'Grace', 46083]] },
    ]);
  });

  it('gives a table with only its header one empty body row', async () => {
    addWorkbook(
      peer.excel,
      { user: 'hr@contoso.com', path: 'T.xlsx' },
      { worksheets: { S: [['ID']] }, tables: [{ name: 'T', worksheet: 'S', range: 'A1:A1' }] },
    );
    const item = await get('/users/hr%40contoso.com/drive/root:/T.xlsx');
    const body = await get(
      `/drives/${item.body.parentReference.driveId}/items/${item.body.id}/workbook/tables/T/dataBodyRange`,
    );
    expect(body.body).toMatchObject({ address: 'S!A2', text: [['']] });
  });
});

it('lets the token check run first', async () => {
  const response = await fetch(`${peer.graphBaseUrl}${book()}/worksheets`);
  expect(response.status).toBe(401);
});
