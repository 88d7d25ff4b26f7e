import { startGooglePeer, type GooglePeer, type TestServiceAccount } from '../../peers/google';
import { SHEETS_SCOPE, call, reasonOf, tokenFor } from './google-peer-helpers';

const ID = 'sheet-abcdefghijklmnop';

/** Each behaviour follows the Sheets v4 page named in test/peers/google/sheets-server.ts. */
describe('fake Google Sheets API', () => {
  let now = Date.now();
  let peer: GooglePeer;
  let account: TestServiceAccount;
  let token: string;
  const values = (query: string) => `${peer.rootUrl}v4/spreadsheets/${ID}/values:batchGet?${query}`;

  beforeAll(async () => {
    peer = await startGooglePeer({ sheetsReadsPerMinute: 5, now: () => now });
    account = peer.addServiceAccount();
  });
  beforeEach(async () => {
    peer.sheets.reset();
    peer.sheets.put({
      id: ID,
      sharedWith: [account.clientEmail],
      sheets: [
        {
          title: "Staff 'A'",
          rowCount: 10,
          columnCount: 3,
          rows: [
            ['id', 'name', 'start'],
            ['00042', 'Jane', { value: 46023, formatted: '01/02/2026' }],
            [],
            ['00043', 'John', { value: 46024, formatted: '02/02/2026' }],
          ],
        },
      ],
    });
    token = await tokenFor(peer, account, [SHEETS_SCOPE]);
  });
  afterAll(() => peer.close());

  it('spreadsheets.get with a field mask gives the titles and grid sizes', async () => {
    const { status, body } = await call(
      `${peer.rootUrl}v4/spreadsheets/${ID}?fields=${encodeURIComponent('sheets.properties(title,gridProperties)')}`,
      token,
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      sheets: [
        { properties: { title: "Staff 'A'", gridProperties: { rowCount: 10, columnCount: 3 } } },
      ],
    });
  });

  it('values.batchGet gives formatted values by default, unformatted on request, an empty row as []', async () => {
    const range = encodeURIComponent("'Staff ''A'''!A1:Z100");
    const formatted = await call(values(`ranges=${range}`), token);
    expect(formatted.body.valueRanges).toEqual([
      {
        range: "'Staff ''A'''!A1:C10",
        majorDimension: 'ROWS',
        values: [
          ['id', 'name', 'start'],
          ['00042', 'Jane', '01/02/2026'],
          [],
          ['00043', 'John', '02/02/2026'],
        ],
      },
    ]);
    const raw = await call(values(`ranges=${range}&valueRenderOption=UNFORMATTED_VALUE`), token);
    const rows = (raw.body.valueRanges as Array<{ values: unknown[][] }>)[0]!.values;
    expect(rows[1]).toEqual(['00042', 'Jane', 46023]);
  });

  it('gives one ValueRange per range, in order, without values for an empty one', async () => {
    const a = encodeURIComponent("'Staff ''A'''!A2:C2");
    const b = encodeURIComponent("'Staff ''A'''!A6:C9");
    const { body } = await call(values(`ranges=${a}&ranges=${b}`), token);
    const ranges = body.valueRanges as Array<Record<string, unknown>>;
    expect(ranges).toHaveLength(2);
    expect(ranges[0]!.values).toEqual([['00042', 'Jane', '01/02/2026']]);
    expect(ranges[1]).not.toHaveProperty('values');
  });

  it('answers an unknown sheet 400, an unknown spreadsheet 404, an unshared one 403', async () => {
    const badRange = await call(values(`ranges=${encodeURIComponent("'Nope'!A1:B2")}`), token);
    expect(badRange.status).toBe(400);
    expect(reasonOf(badRange.body)).toBe('INVALID_ARGUMENT');
    const missing = await call(`${peer.rootUrl}v4/spreadsheets/unknown-spreadsheet-id`, token);
    expect(missing.status).toBe(404);
    expect(reasonOf(missing.body)).toBe('NOT_FOUND');
    const other = peer.addServiceAccount();
    const otherToken = await tokenFor(peer, other, [SHEETS_SCOPE]);
    const denied = await call(`${peer.rootUrl}v4/spreadsheets/${ID}`, otherToken);
    expect(denied.status).toBe(403);
    expect(reasonOf(denied.body)).toBe('PERMISSION_DENIED');
  });

  it('answers 401 without a valid token and 403 for a token without a Sheets scope', async () => {
    expect((await call(`${peer.rootUrl}v4/spreadsheets/${ID}`, 'ya29.nothing')).status).toBe(401);
    const account2 = peer.addServiceAccount();
    const wrongScope = await tokenFor(peer, account2, [
      'https://www.googleapis.com/auth/drive.file',
    ]);
    expect((await call(`${peer.rootUrl}v4/spreadsheets/${ID}`, wrongScope)).status).toBe(403);
  });

  it('answers 429 RESOURCE_EXHAUSTED past the per-minute read quota, and reads again a minute later', async () => {
    const url = `${peer.rootUrl}v4/spreadsheets/${ID}`;
    for (let read = 0; read < 5; read += 1) expect((await call(url, token)).status).toBe(200);
    const refused = await call(url, token);
    expect(refused.status).toBe(429);
    expect(reasonOf(refused.body)).toBe('RESOURCE_EXHAUSTED');
    now += 60_001;
    expect((await call(url, token)).status).toBe(200);
  });
});
