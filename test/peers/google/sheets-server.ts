import type { Request, Response, Router } from 'express';
import express from 'express';
import { FaultQueue, recordCalls, type FaultRuleBase, type RecordedCall } from '../http-peer';
import { FakeQuota, sendRpcError } from './google-errors';
import type { TokenAuthority } from './google-tokens';

/** A cell: plain text, or a typed value with the text the sheet shows for it. */
export type FakeCell = string | { value: number | boolean | string; formatted: string };

export interface FakeSheet {
  title: string;
  /** Row 1 first; missing cells are empty. */
  rows: FakeCell[][];
  /** The grid's size (default: 1000 rows × 26 columns, a new sheet's). */
  rowCount?: number;
  columnCount?: number;
}

export interface FakeSpreadsheet {
  id: string;
  sheets: FakeSheet[];
  /** Accounts that may read it (shared with them). */
  sharedWith: string[];
}

export interface SheetsFaultRule extends FaultRuleBase {
  /** `get` (spreadsheets.get) or `batchGet`; absent: either. */
  method?: 'get' | 'batchGet';
}

export interface SheetsControls {
  calls: RecordedCall[];
  put(spreadsheet: FakeSpreadsheet): void;
  failNext(rule: SheetsFaultRule): void;
  reset(): void;
}

const READ_SCOPES = new Set([
  'https://www.googleapis.com/auth/spreadsheets.readonly',
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/drive',
]);

/**
 * A Sheets API v4 for reading (mount it at /v4): spreadsheets.get and spreadsheets.values.batchGet, with the
 * per-user read quota.
 */
export function sheetsRouter(
  tokens: TokenAuthority,
  options: { readsPerMinute?: number; now?: () => number } = {},
): { router: Router; controls: SheetsControls } {
  const books = new Map<string, FakeSpreadsheet>();
  const calls: RecordedCall[] = [];
  const faults = new FaultQueue<SheetsFaultRule>();
  const quota = new FakeQuota(options.readsPerMinute, options.now ?? Date.now);
  const router = express.Router();
  router.use(recordCalls(calls, '/v4'));
  router.get(/^\/spreadsheets\/([^/]+?)(\/values:batchGet)?$/, (req: Request, res: Response) => {
    const params = req.params as unknown as Record<string, string | undefined>;
    const id = decodeURIComponent(params[0] ?? '');
    const method = params[1] ? 'batchGet' : 'get';
    const token = tokens.check(req);
    // https://cloud.google.com/docs/authentication/troubleshoot-api-keys-and-tokens: no or a
    // dead token is 401 UNAUTHENTICATED; a token without a Sheets scope is 403.
    if (!token) {
      sendRpcError(
        res,
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
      return;
    }
    if (!token.scopes.some((scope) => READ_SCOPES.has(scope))) {
      sendRpcError(
        res,
        403,
        'PERMISSION_DENIED',
        'Request had insufficient authentication scopes.',
        'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      );
      return;
    }
    const reader = (token.subject ?? token.issuer).toLowerCase();
    // https://developers.google.com/workspace/sheets/api/limits: reads over the per-minute
    // per-user quota get 429 "Too many requests" (RESOURCE_EXHAUSTED).
    if (!quota.take(reader)) {
      sendRpcError(
        res,
        429,
        'RESOURCE_EXHAUSTED',
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'.",
        'RATE_LIMIT_EXCEEDED',
      );
      return;
    }
    const fault = faults.take((rule) => rule.method === undefined || rule.method === method);
    if (fault) {
      if (fault.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      sendRpcError(
        res,
        fault.status,
        fault.status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE',
        'Injected failure.',
      );
      return;
    }
    const book = books.get(id);
    // https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/get:
    // an unknown ID is 404 NOT_FOUND; one not shared with the caller 403 PERMISSION_DENIED.
    if (!book) {
      sendRpcError(res, 404, 'NOT_FOUND', 'Requested entity was not found.');
      return;
    }
    if (!book.sharedWith.map((email) => email.toLowerCase()).includes(reader)) {
      sendRpcError(res, 403, 'PERMISSION_DENIED', 'The caller does not have permission');
      return;
    }
    if (method === 'get') {
      res.json(spreadsheetProperties(book, String(req.query.fields ?? '')));
      return;
    }
    batchGet(book, req, res);
  });
  return {
    router,
    controls: {
      calls,
      put: (spreadsheet) => books.set(spreadsheet.id, structuredClone(spreadsheet)),
      failNext: (rule) => faults.add(rule),
      reset: () => {
        books.clear();
        calls.length = 0;
        faults.clear();
        quota.clear();
      },
    },
  };
}

/**
 * The Spreadsheet resource, cut to what `fields=sheets.properties(title,gridProperties)`
 * asks for (https://developers.google.com/workspace/sheets/api/guides/field-masks); without
 * a mask, the spreadsheet's properties too.
 */
function spreadsheetProperties(book: FakeSpreadsheet, fields: string): unknown {
  const sheets = book.sheets.map((sheet, index) => ({
    properties: {
      ...(fields ? {} : { sheetId: index, index, sheetType: 'GRID' }),
      title: sheet.title,
      gridProperties: grid(sheet),
    },
  }));
  return fields ? { sheets } : { spreadsheetId: book.id, properties: { title: book.id }, sheets };
}

function grid(sheet: FakeSheet): { rowCount: number; columnCount: number } {
  return {
    rowCount: sheet.rowCount ?? Math.max(1000, sheet.rows.length),
    columnCount: sheet.columnCount ?? 26,
  };
}

/**
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/batchGet:
 * one ValueRange per `ranges` in request order, `valueRenderOption` FORMATTED_VALUE (the
 * default) or UNFORMATTED_VALUE; a range is cut to the grid; empty trailing rows and
 * cells are left out, and a range with no values has no `values`
 * (https://developers.google.com/workspace/sheets/api/guides/values#read). A range naming
 * no sheet of the spreadsheet is 400 INVALID_ARGUMENT "Unable to parse range".
 */
function batchGet(book: FakeSpreadsheet, req: Request, res: Response): void {
  const raw = req.query.ranges;
  const ranges = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  const render = String(req.query.valueRenderOption ?? 'FORMATTED_VALUE');
  if (!['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'].includes(render)) {
    sendRpcError(
      res,
      400,
      'INVALID_ARGUMENT',
      `Invalid value at 'value_render_option' (${render})`,
    );
    return;
  }
  const valueRanges: unknown[] = [];
  for (const range of ranges) {
    const parsed = parseRange(range);
    const sheet = parsed
      ? book.sheets.find((candidate) => candidate.title === parsed.sheet)
      : undefined;
    if (!parsed || !sheet) {
      sendRpcError(res, 400, 'INVALID_ARGUMENT', `Unable to parse range: ${range}`);
      return;
    }
    const { rowCount, columnCount } = grid(sheet);
    const lastRow = Math.min(parsed.lastRow, rowCount);
    const lastColumn = Math.min(parsed.lastColumn, columnCount);
    const values: unknown[][] = [];
    for (let row = parsed.firstRow; row <= lastRow; row += 1) {
      const cells = (sheet.rows[row - 1] ?? []).slice(parsed.firstColumn - 1, lastColumn);
      const shown = cells.map((cell) => renderCell(cell, render));
      while (shown.length > 0 && shown[shown.length - 1] === '') shown.pop();
      values.push(shown);
    }
    while (values.length > 0 && (values[values.length - 1] as unknown[]).length === 0) values.pop();
    const quoted = `'${parsed.sheet.replace(/'/g, "''")}'`;
    valueRanges.push({
      range: `${quoted}!${letters(parsed.firstColumn)}${parsed.firstRow}:${letters(lastColumn)}${lastRow}`,
      majorDimension: 'ROWS',
      ...(values.length > 0 ? { values } : {}),
    });
  }
  res.json({ spreadsheetId: book.id, valueRanges });
}

function renderCell(cell: FakeCell | undefined, render: string): unknown {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  return render === 'FORMATTED_VALUE' ? cell.formatted : cell.value;
}

/** `'Sheet name'!A2:F2001` or `Sheet1!A2:F2001` (A1 notation). */
function parseRange(
  range: string,
):
  | { sheet: string; firstColumn: number; firstRow: number; lastColumn: number; lastRow: number }
  | undefined {
  const match = /^(?:'((?:[^']|'')+)'|([^!']+))!([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  if (!match) return undefined;
  return {
    sheet: match[1] !== undefined ? match[1].replace(/''/g, "'") : (match[2] as string),
    firstColumn: column(match[3] as string),
    firstRow: Number(match[4]),
    lastColumn: column(match[5] as string),
    lastRow: Number(match[6]),
  };
}

function column(text: string): number {
  return [...text].reduce((total, letter) => total * 26 + (letter.charCodeAt(0) - 64), 0);
}

function letters(columnNumber: number): string {
  let text = '';
  for (let rest = columnNumber; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    text = String.fromCharCode(65 + ((rest - 1) % 26)) + text;
  }
  return text;
}
