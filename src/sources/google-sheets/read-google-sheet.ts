import type { GoogleApi } from '../../google/google-api';
import { RemoteError } from '../../targets/remote-error';
import { SourceError } from '../source-error';
import { a1Range, spreadsheetIdOf } from './sheet-ref';
import {
  columnNames,
  sheetRows,
  type CellValues,
  type SheetHeader,
  type SheetRow,
} from '../sheet-rows';
import { googleSheetHeader } from './sheet-rows';

export type ValueRender = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE';

export interface GoogleSheetOptions {
  /** The spreadsheet's URL as the browser shows it, or its ID. */
  spreadsheet: string;
  /** The sheet (tab) by name; empty: the first sheet. */
  sheet?: string;
  /** The 1-based row that holds the column names (default 1); data rows follow it. */
  headerRow?: number;
  /**
   * `FORMATTED_VALUE` (default): every value as the sheet shows it, so dates keep their text
   * and IDs their leading zeros. `UNFORMATTED_VALUE`: numbers as numbers (then as text here).
   */
  valueRender?: ValueRender;
  /** Rows per range; each range is one block of the answer (default 2,000). */
  rowsPerRange?: number;
  /** Ranges per `values.batchGet` call (default 1: one bounded answer per request). */
  rangesPerRequest?: number;
}

export interface GoogleSheetRows {
  spreadsheetId: string;
  sheet: string;
  header: string[];
  rows: SheetRow[];
  /** `values.batchGet` calls made. */
  requests: number;
}

interface SheetProperties {
  title: string;
  gridProperties?: { rowCount?: number; columnCount?: number };
}

interface BatchGetResponse {
  valueRanges?: Array<{ range?: string; values?: CellValues[] }>;
}

/**
 * Reads one sheet of a spreadsheet as rows for CSV Parse & Validate's rows-as-items input.
 * The sheet's size comes from `spreadsheets.get` (only the sheets' titles and grid sizes,
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/get),
 * then the rows from `values.batchGet` in ranges of `rowsPerRange`
 * (https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/batchGet),
 * so a 100,000-row sheet never arrives in one answer. A 429 (about 60 reads a minute per
 * user, https://developers.google.com/workspace/sheets/api/limits) is retried with backoff
 * and jitter by the API client.
 */
export async function readGoogleSheet(
  api: GoogleApi,
  options: GoogleSheetOptions,
): Promise<GoogleSheetRows> {
  const spreadsheetId = spreadsheetIdOf(options.spreadsheet);
  const headerRow = Math.max(1, Math.floor(options.headerRow ?? 1));
  const properties = await sheetProperties(api, spreadsheetId);
  const wanted = options.sheet?.trim() ?? '';
  const chosen = wanted
    ? (properties.find((sheet) => sheet.title === wanted) ??
      properties.find((sheet) => sheet.title.toLowerCase() === wanted.toLowerCase()))
    : properties[0];
  if (!chosen) {
    const names = properties.map((sheet) => `"${sheet.title}"`).join(', ');
    throw new SourceError(
      'not_found',
      `The spreadsheet ${spreadsheetId} has no sheet named "${wanted}"; its sheets are ${names || 'none'}.`,
      { path: spreadsheetId },
    );
  }
  const rowCount = chosen.gridProperties?.rowCount ?? 0;
  const columnCount = Math.max(1, chosen.gridProperties?.columnCount ?? 26);
  if (rowCount < headerRow) {
    throw new SourceError(
      'bad_header',
      `The sheet "${chosen.title}" has ${rowCount} rows, so it has no header row ${headerRow}.`,
      { path: spreadsheetId },
    );
  }

  const perRange = Math.max(1, Math.floor(options.rowsPerRange ?? 2000));
  const perRequest = Math.max(1, Math.floor(options.rangesPerRequest ?? 1));
  const starts: number[] = [];
  for (let start = headerRow; start <= rowCount; start += perRange) starts.push(start);

  let header: SheetHeader | undefined;
  const rows: SheetRow[] = [];
  let requests = 0;
  for (let index = 0; index < starts.length; index += perRequest) {
    const batch = starts.slice(index, index + perRequest);
    const ranges = batch.map((start) =>
      a1Range(chosen.title, start, Math.min(rowCount, start + perRange - 1), columnCount),
    );
    const blocks = await batchGet(api, spreadsheetId, ranges, options.valueRender);
    requests += 1;
    batch.forEach((start, position) => {
      let block = blocks[position] ?? [];
      let first = start;
      if (header === undefined) {
        header = googleSheetHeader(block[0] ?? [], chosen.title, headerRow);
        block = block.slice(1);
        first += 1;
      }
      rows.push(...sheetRows(header, block, first));
    });
  }
  return {
    spreadsheetId,
    sheet: chosen.title,
    header: header ? columnNames(header) : [],
    rows,
    requests,
  };
}

async function sheetProperties(api: GoogleApi, spreadsheetId: string): Promise<SheetProperties[]> {
  const body = await readOrExplain(api, spreadsheetId, () =>
    api.getJson<{ sheets?: Array<{ properties?: SheetProperties }> }>(
      `v4/spreadsheets/${encodeURIComponent(spreadsheetId)}`,
      { fields: 'sheets.properties(title,gridProperties)' },
    ),
  );
  return (body.sheets ?? [])
    .map((sheet) => sheet.properties)
    .filter((sheet): sheet is SheetProperties => typeof sheet?.title === 'string');
}

async function batchGet(
  api: GoogleApi,
  spreadsheetId: string,
  ranges: readonly string[],
  valueRender: ValueRender = 'FORMATTED_VALUE',
): Promise<CellValues[][]> {
  // `ranges` repeats, which a query object cannot say: the query string is built here.
  const query = new URLSearchParams();
  for (const range of ranges) query.append('ranges', range);
  query.set('majorDimension', 'ROWS');
  query.set('valueRenderOption', valueRender);
  const body = await readOrExplain(api, spreadsheetId, () =>
    api.getJson<BatchGetResponse>(
      `v4/spreadsheets/${encodeURIComponent(spreadsheetId)}/values:batchGet?${query.toString()}`,
    ),
  );
  return ranges.map((_, index) => body.valueRanges?.[index]?.values ?? []);
}

/** Turns the API's refusals into what the admin can act on. */
async function readOrExplain<T>(
  api: GoogleApi,
  spreadsheetId: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw sheetsSourceError(api, spreadsheetId, error);
  }
}

export function sheetsSourceError(api: GoogleApi, spreadsheetId: string, error: unknown): Error {
  if (error instanceof SourceError || !(error instanceof RemoteError)) return error as Error;
  const details = {
    path: spreadsheetId,
    ...(error.status !== undefined ? { status: error.status } : {}),
  };
  const said = error.detail ? ` Google said: ${error.detail}` : '';
  if (error.status === 404) {
    return new SourceError(
      'not_found',
      `No spreadsheet with the ID ${spreadsheetId} was found: check the spreadsheet URL or ID.${said}`,
      details,
    );
  }
  if (error.status === 403) {
    const share = api.serviceAccountEmail
      ? api.subject
        ? `share the sheet with ${api.subject} (whom the service account acts as) or with the service account ${api.serviceAccountEmail}`
        : `share the sheet with the service account ${api.serviceAccountEmail} (Viewer is enough)`
      : `share the sheet with the Google account the credential signed in with`;
    return new SourceError(
      'auth_failed',
      `${api.identity} may not read the spreadsheet ${spreadsheetId}: ${share}, and check that the Google Sheets API is enabled in the Google Cloud project.${said}`,
      details,
    );
  }
  if (error.status === 401) {
    return new SourceError('auth_failed', `${error.message}.${said}`, details);
  }
  if (error.status === 400) {
    return new SourceError(
      'not_found',
      `Google Sheets refused to read the spreadsheet ${spreadsheetId} (400): check the sheet name and the header row.${said}`,
      details,
    );
  }
  if (error.status === 429) {
    return new SourceError(
      'http_status',
      `Google Sheets kept refusing reads for quota (about 60 reads a minute per user) after several tries with backoff: run again in a minute, or let fewer workflows read sheets at the same time.`,
      details,
    );
  }
  if (error.status === undefined) {
    return new SourceError(
      'unreachable',
      `${error.message}: check the network or the API URL in the credential.`,
      details,
    );
  }
  return new SourceError('http_status', `${error.message}.${said}`, details);
}
