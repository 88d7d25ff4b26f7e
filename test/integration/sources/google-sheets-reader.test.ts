import { parseServiceAccountKey } from '../../../src/google/service-account-key';
import { serviceAccountTokens } from '../../../src/google/service-account-tokens';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { readGoogleSheet } from '../../../src/sources/google-sheets/read-google-sheet';
import { googleSheetsApi } from '../../../src/sources/google-sheets/sheets-api';
import { SourceError } from '../../../src/sources/source-error';
import {
  startGooglePeer,
  type FakeCell,
  type GooglePeer,
  type TestServiceAccount,
} from '../../peers/google';
import { sharedClock } from '../targets/google-setup';

const ID = '1HrSheet_abcdefghijklmnopqrstu';
const URL_OF = `https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`;

describe('readGoogleSheet against the fake Sheets API', () => {
  let time: ReturnType<typeof sharedClock>;
  let peer: GooglePeer;
  let account: TestServiceAccount;

  const api = (options: { subject?: string; readsPerMinute?: number } = {}) => {
    const http = nodeHttpClient();
    const tokens = serviceAccountTokens(http, {
      key: parseServiceAccountKey(account.keyJson(peer.tokenUrl)),
      ...(options.subject ? { subject: options.subject } : {}),
      now: time.now,
    });
    return googleSheetsApi(http, tokens, {
      rootUrl: peer.rootUrl,
      now: time.now,
      sleep: time.sleep,
      ...(options.readsPerMinute ? { readsPerMinute: options.readsPerMinute } : {}),
    });
  };

  const staff = (rows: number): FakeCell[][] => [
    ['Employee ID', 'First name', 'Start date'],
    ...Array.from({ length: rows }, (_, index) => [
      String(index + 1).padStart(5, '0'),
      `Name ${index + 1}`,
      { value: 46000 + index, formatted: `2026-01-${String((index % 28) + 1).padStart(2, '0')}` },
    ]),
  ];

  beforeEach(async () => {
    time = sharedClock();
    peer = await startGooglePeer({ now: time.now, sheetsReadsPerMinute: 60 });
    account = peer.addServiceAccount();
  });
  afterEach(() => peer.close());

  it('reads the rows in bounded ranges, as the sheet shows them, with sheet row numbers as line', async () => {
    const rows = staff(4500);
    rows.splice(3, 0, []); // an empty row 4: skipped, the numbers after it stay the sheet's
    peer.sheets.put({
      id: ID,
      sharedWith: [account.clientEmail],
      sheets: [
        { title: 'Other', rows: [['x']] },
        { title: 'Staff', rows, rowCount: 5000, columnCount: 5 },
      ],
    });
    const result = await readGoogleSheet(api(), { spreadsheet: URL_OF, sheet: 'Staff' });
    expect(result.header).toEqual(['Employee ID', 'First name', 'Start date']);
    expect(result.rows).toHaveLength(4500);
    expect(result.rows[0]).toEqual({
      line: 2,
      'Employee ID': '00001',
      'First name': 'Name 1',
      'Start date': '2026-01-01',
    });
    expect(result.rows[2]!.line).toBe(5);
    expect(result.rows.at(-1)!.line).toBe(4502);
    const batches = peer.sheets.calls.filter((call) => call.path.endsWith('values:batchGet'));
    expect(batches).toHaveLength(3);
    expect(batches.map((call) => call.query.ranges)).toEqual([
      "'Staff'!A1:E2000",
      "'Staff'!A2001:E4000",
      "'Staff'!A4001:E5000",
    ]);
    expect(batches[0]!.query.valueRenderOption).toBe('FORMATTED_VALUE');
    const get = peer.sheets.calls[0]!;
    expect(get.query.fields).toBe('sheets.properties(title,gridProperties)');
  });

  it('reads numbers as numbers on request, and the first sheet when none is named', async () => {
    peer.sheets.put({
      id: ID,
      sharedWith: [account.clientEmail],
      sheets: [{ title: 'Staff', rows: staff(2) }],
    });
    const result = await readGoogleSheet(api(), {
      spreadsheet: ID,
      valueRender: 'UNFORMATTED_VALUE',
    });
    expect(result.rows[0]).toMatchObject({ 'Employee ID': '00001', 'Start date': '46000' });
  });

  it('waits out 429s with backoff and jitter, and loses no row', async () => {
    peer.sheets.put({
      id: ID,
      sharedWith: [account.clientEmail],
      sheets: [{ title: 'Staff', rows: staff(300) }],
    });
    peer.sheets.failNext({ status: 429, times: 3, method: 'batchGet' });
    const result = await readGoogleSheet(api(), { spreadsheet: ID, rowsPerRange: 100 });
    expect(result.rows).toHaveLength(300);
    expect(peer.sheets.calls.filter((call) => call.status === 429)).toHaveLength(3);
  });

  it('paces itself to the read quota instead of meeting it', async () => {
    await peer.close();
    peer = await startGooglePeer({ now: time.now, sheetsReadsPerMinute: 5 });
    account = peer.addServiceAccount();
    peer.sheets.put({
      id: ID,
      sharedWith: [account.clientEmail],
      sheets: [{ title: 'Staff', rows: staff(100), rowCount: 100 }],
    });
    const result = await readGoogleSheet(api({ readsPerMinute: 5 }), {
      spreadsheet: ID,
      rowsPerRange: 10,
    });
    expect(result.rows).toHaveLength(99);
    expect(peer.sheets.calls.filter((call) => call.status === 429)).toHaveLength(0);
  });

  it('names the service account to share the sheet with when access is refused', async () => {
    peer.sheets.put({
      id: ID,
      sharedWith: ['someone@example.com'],
      sheets: [{ title: 'Staff', rows: staff(1) }],
    });
    const error = (await readGoogleSheet(api(), { spreadsheet: ID }).catch(
      (caught: unknown) => caught,
    )) as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain(
      `share the sheet with the service account ${account.clientEmail}`,
    );
  });

  it('says which sheets exist when the named one does not, and when the spreadsheet is unknown', async () => {
    peer.sheets.put({
      id: ID,
      sharedWith: [account.clientEmail],
      sheets: [
        { title: 'Staff', rows: staff(1) },
        { title: 'Leavers', rows: [] },
      ],
    });
    await expect(
      readGoogleSheet(api(), { spreadsheet: ID, sheet: 'Employees' }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('its sheets are "Staff", "Leavers"'),
    });
    await expect(
      readGoogleSheet(api(), { spreadsheet: '1Unknown_abcdefghijklmnop' }),
    ).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });
  });

  it('refuses a duplicate header with the cells named', async () => {
    peer.sheets.put({
      id: ID,
      sharedWith: [account.clientEmail],
      sheets: [
        {
          title: 'Staff',
          rows: [
            ['', ''],
            ['id', 'Email', 'email'],
            ['1', 'a', 'b'],
          ],
        },
      ],
    });
    await expect(readGoogleSheet(api(), { spreadsheet: ID, headerRow: 2 })).rejects.toMatchObject({
      code: 'bad_header',
      message: expect.stringContaining('B2 and C2'),
    });
  });
});
