import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';

/**
 * The Excel workbook part of the fake Microsoft Graph: SharePoint sites, OneDrive drives,
 * sharing links and the workbooks they lead to, with the Excel API's ranges and tables. The
 * Graph server mounts `excelRouter` below its version root, after its token check; unit tests
 * call `answerExcel` directly. Every behaviour names the learn.microsoft.com page it follows.
 */

/**
 * A cell as the test writes it. A string is text as typed into a text-formatted cell (an ID
 * `00123` keeps its zeros in `values` and `text`); a number is a General-format number; a
 * `{ value, text }` is a formatted cell, such as `dateCell('2026-03-01')`: `values` holds
 * Excel's date serial number, `text` what the cell shows
 * (https://learn.microsoft.com/graph/api/resources/range: `values` are "raw values",
 * `text` "the text values of the specified range").
 */
export type ExcelCell =
  string | number | boolean | null | { value: string | number | boolean; text: string };

export interface ExcelWorksheetSpec {
  /** Rows from row 1, each from column A. */
  cells: ExcelCell[][];
  /**
   * Cells formatted (but empty) down to this row: `usedRange` counts them, and
   * `usedRange(valuesOnly=true)` does not (https://learn.microsoft.com/graph/api/worksheet-usedrange).
   */
  formattedThroughRow?: number;
}

export interface ExcelTableSpec {
  name: string;
  worksheet: string;
  /** The table's whole range with its header row, e.g. `B2:F500`. */
  range: string;
}

export interface ExcelWorkbookSpec {
  worksheets: Record<string, ExcelCell[][] | ExcelWorksheetSpec>;
  tables?: ExcelTableSpec[];
}

export type ExcelPlacement =
  /** A file in the default document library of a SharePoint site (`/sites/HR`, '' for the root site). */
  | { hostname: string; sitePath: string; path: string; sharingUrl?: string }
  /** A file in a user's OneDrive for Business. */
  | { user: string; path: string; sharingUrl?: string };

export interface ExcelWorkbook {
  driveId: string;
  itemId: string;
  name: string;
  webUrl: string;
  worksheets: Map<string, { name: string; cells: ExcelCell[][]; formattedThroughRow: number }>;
  tables: Map<string, { name: string; worksheet: string; block: Block }>;
}

interface FakeSite {
  id: string;
  hostname: string;
  sitePath: string;
  webUrl: string;
  displayName: string;
  driveId: string;
}

interface FakeItem {
  driveId: string;
  itemId: string;
  name: string;
  webUrl: string;
  folder: boolean;
  workbook?: ExcelWorkbook;
}

export interface ExcelState {
  sites: Map<string, FakeSite>;
  userDrives: Map<string, string>;
  /** driveId → lower-cased path → item. */
  drives: Map<string, Map<string, FakeItem>>;
  shares: Map<string, FakeItem>;
  /**
   * The largest range answer, in bytes of JSON, before a 413. Excel on the web caps a response
   * at 5 MB ("Resource limits and performance optimization for Office Add-ins",
   * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
   */
  maxResponseBytes: number;
  /** How many range answers were refused as too large. */
  tooLarge: number;
}

export const EXCEL_RESPONSE_LIMIT = 5 * 1024 * 1024;

export function createExcelState(): ExcelState {
  return {
    sites: new Map(),
    userDrives: new Map(),
    drives: new Map(),
    shares: new Map(),
    maxResponseBytes: EXCEL_RESPONSE_LIMIT,
    tooLarge: 0,
  };
}

/** Empties the state between tests, keeping the limit at its default. */
export function resetExcelState(state: ExcelState): void {
  Object.assign(state, createExcelState());
}

// ---------------------------------------------------------------------------------------
// Building the state

/** A date cell shown as dd-mm-yyyy (or `format`), its value the 1900 date system's serial. */
export function dateCell(
  isoDate: string,
  format: 'dd-mm-yyyy' | 'yyyy-mm-dd' | 'm/d/yyyy' = 'dd-mm-yyyy',
): ExcelCell {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  // Serial 1 is 1900-01-01 and Excel keeps Lotus's 1900-02-29, so days count from 1899-12-30
  // ("Date systems in Excel", https://learn.microsoft.com/office/troubleshoot/excel/1900-and-1904-date-system).
  const serial = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000;
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const text =
    format === 'dd-mm-yyyy'
      ? `${dd}-${mm}-${year}`
      : format === 'yyyy-mm-dd'
        ? isoDate
        : `${month}/${day}/${year}`;
  return { value: serial, text };
}

export function addSite(state: ExcelState, hostname: string, sitePath: string): FakeSite {
  const key = siteKey(hostname, sitePath);
  const known = state.sites.get(key);
  if (known) return known;
  const site: FakeSite = {
    id: `${hostname.toLowerCase()},${randomUUID()},${randomUUID()}`,
    hostname: hostname.toLowerCase(),
    sitePath,
    webUrl: `https://${hostname.toLowerCase()}${sitePath}`,
    displayName: sitePath.split('/').pop() || 'Communication site',
    driveId: `b!${randomUUID().replace(/-/g, '')}`,
  };
  state.sites.set(key, site);
  state.drives.set(site.driveId, new Map());
  return site;
}

/** Puts a workbook where `placement` says; its sharing link and its webUrl both open it via /shares. */
export function addWorkbook(
  state: ExcelState,
  placement: ExcelPlacement,
  spec: ExcelWorkbookSpec,
): ExcelWorkbook {
  const path = placement.path.replace(/^\/+/, '');
  const name = path.split('/').pop() ?? path;
  let driveId: string;
  let webUrl: string;
  if ('user' in placement) {
    driveId = userDrive(state, placement.user);
    const personal = placement.user.toLowerCase().replace(/[@.]/g, '_');
    webUrl = `https://contoso-my.sharepoint.com/personal/${personal}/Documents/${path}`;
  } else {
    const site = addSite(state, placement.hostname, placement.sitePath);
    driveId = site.driveId;
    webUrl = `${site.webUrl}/Shared Documents/${path}`;
  }
  const workbook = buildWorkbook(driveId, name, encodeURI(webUrl), spec);
  const item: FakeItem = {
    driveId,
    itemId: workbook.itemId,
    name,
    webUrl: workbook.webUrl,
    folder: false,
    workbook,
  };
  const drive = state.drives.get(driveId) as Map<string, FakeItem>;
  drive.set(path.toLowerCase(), item);
  const folders = path.split('/').slice(0, -1);
  folders.forEach((_, index) => {
    const folderPath = folders.slice(0, index + 1).join('/');
    if (!drive.has(folderPath.toLowerCase())) {
      drive.set(folderPath.toLowerCase(), {
        driveId,
        itemId: newItemId(),
        name: folders[index] as string,
        webUrl: encodeURI(`${webUrl.slice(0, webUrl.length - path.length)}${folderPath}`),
        folder: true,
      });
    }
  });
  state.shares.set(shareToken(item.webUrl), item);
  if (placement.sharingUrl) state.shares.set(shareToken(placement.sharingUrl), item);
  return workbook;
}

function userDrive(state: ExcelState, user: string): string {
  const key = user.toLowerCase();
  let driveId = state.userDrives.get(key);
  if (!driveId) {
    driveId = `b!${randomUUID().replace(/-/g, '')}`;
    state.userDrives.set(key, driveId);
    state.drives.set(driveId, new Map());
  }
  return driveId;
}

function buildWorkbook(
  driveId: string,
  name: string,
  webUrl: string,
  spec: ExcelWorkbookSpec,
): ExcelWorkbook {
  const worksheets: ExcelWorkbook['worksheets'] = new Map();
  for (const [sheetName, given] of Object.entries(spec.worksheets)) {
    const sheet = Array.isArray(given) ? { cells: given } : given;
    worksheets.set(sheetName.toLowerCase(), {
      name: sheetName,
      cells: sheet.cells,
      formattedThroughRow: sheet.formattedThroughRow ?? 0,
    });
  }
  const tables: ExcelWorkbook['tables'] = new Map();
  for (const table of spec.tables ?? []) {
    const block = parseBlock(table.range);
    if (!block || !worksheets.has(table.worksheet.toLowerCase()))
      throw new Error(`Bad table ${table.name}`);
    tables.set(table.name.toLowerCase(), { name: table.name, worksheet: table.worksheet, block });
  }
  return { driveId, itemId: newItemId(), name, webUrl, worksheets, tables };
}

function newItemId(): string {
  return `01${randomUUID().replace(/-/g, '').slice(0, 32).toUpperCase()}`;
}

/** "Encoding sharing URLs": `u!` + unpadded base64url of the URL (https://learn.microsoft.com/graph/api/shares-get). */
function shareToken(url: string): string {
  return `u!${Buffer.from(url, 'utf8').toString('base64url')}`;
}

function siteKey(hostname: string, sitePath: string): string {
  return `${hostname.toLowerCase()}:${sitePath.replace(/\/+$/, '').toLowerCase()}`;
}

// ---------------------------------------------------------------------------------------
// Answering

export interface ExcelAnswer {
  status: number;
  body?: unknown;
}

/** Graph's error resource (https://learn.microsoft.com/graph/errors). */
function failure(status: number, code: string, message: string, inner?: string): ExcelAnswer {
  return {
    status,
    body: {
      error: {
        code,
        message,
        innerError: {
          ...(inner ? { code: inner } : {}),
          date: new Date().toISOString(),
          'request-id': randomUUID(),
        },
      },
    },
  };
}

/** A missing drive item or site: `itemNotFound` (https://learn.microsoft.com/onedrive/developer/rest-api/concepts/errors). */
const ITEM_NOT_FOUND = (): ExcelAnswer =>
  failure(404, 'itemNotFound', 'The resource could not be found.');

/** A missing worksheet or table (https://learn.microsoft.com/graph/workbook-error-codes: 404 notFound). */
const WORKBOOK_NOT_FOUND = (): ExcelAnswer =>
  failure(404, 'ItemNotFound', "The requested resource doesn't exist.", 'notFoundUncategorized');

/** An address Excel cannot read (https://learn.microsoft.com/graph/workbook-error-codes: 400 badRequest). */
const INVALID_ARGUMENT = (): ExcelAnswer =>
  failure(
    400,
    'InvalidArgument',
    'The argument is invalid or missing or has an incorrect format.',
    'badRequestUncategorized',
  );

/**
 * Answers a GET below the version root, or undefined when the path is not Excel's or a
 * drive's (so the Graph server's other routes get it). `rawPath` is as sent (percent-encoded).
 */
export function answerExcel(
  state: ExcelState,
  rawPath: string,
  query: URLSearchParams,
): ExcelAnswer | undefined {
  const path = rawPath.replace(/\/+$/, '');
  let match: RegExpExecArray | null;
  // "Get a driveItem" by path: GET /sites/{site-id}/drive/root:/{path} and
  // /users/{id}/drive/root:/{path}, the path optionally closed by a colon
  // (https://learn.microsoft.com/graph/api/driveitem-get).
  if ((match = /^\/sites\/([^/]+)\/drive\/root:(\/.*?):?$/.exec(path))) {
    const site = [...state.sites.values()].find((candidate) => candidate.id === decode(match?.[1]));
    if (!site) return ITEM_NOT_FOUND();
    return driveItemAnswer(state.drives.get(site.driveId)?.get(cleanPath(match[2])), query);
  }
  if ((match = /^\/users\/([^/]+)\/drive\/root:(\/.*?):?$/.exec(path))) {
    const driveId = state.userDrives.get(decode(match[1]).toLowerCase());
    // A user without a OneDrive (never signed in, no licence) answers 404 for the drive.
    if (!driveId) return ITEM_NOT_FOUND();
    return driveItemAnswer(state.drives.get(driveId)?.get(cleanPath(match[2])), query);
  }
  // "Access shared items": GET /shares/{encoded sharing URL}/driveItem (https://learn.microsoft.com/graph/api/shares-get).
  if ((match = /^\/shares\/([^/]+)\/driveItem$/i.exec(path))) {
    return driveItemAnswer(state.shares.get(decode(match[1])), query);
  }
  // "Get a site resource by path": GET /sites/{hostname}:/{server-relative-path}
  // (https://learn.microsoft.com/graph/api/site-getbypath); the root site by host name alone
  // (https://learn.microsoft.com/graph/api/site-get).
  if (
    (match = /^\/sites\/([^/:]+):(\/.*)$/.exec(path)) ||
    (match = /^\/sites\/([^/:,]+)()$/.exec(path))
  ) {
    const site = state.sites.get(siteKey(decode(match[1]), decode(match[2] ?? '')));
    if (!site) return failure(404, 'itemNotFound', 'Requested site could not be found');
    return {
      status: 200,
      body: select(
        { id: site.id, displayName: site.displayName, name: site.displayName, webUrl: site.webUrl },
        query,
      ),
    };
  }
  if ((match = /^\/drives\/([^/]+)\/items\/([^/]+)(\/workbook(?:\/.*)?)?$/.exec(path))) {
    const item = [...(state.drives.get(decode(match[1]))?.values() ?? [])].find(
      (candidate) => candidate.itemId === decode(match?.[2]),
    );
    if (!item) return ITEM_NOT_FOUND();
    if (!match[3]) return driveItemAnswer(item, query);
    if (!item.workbook) {
      // The Excel API opens only workbooks (https://learn.microsoft.com/graph/api/resources/excel).
      return failure(400, 'NotSupported', 'Could not obtain a WAC access token.');
    }
    return answerWorkbook(state, item.workbook, match[3].slice('/workbook'.length), query);
  }
  return undefined;
}

function decode(segment: string | undefined): string {
  return decodeURIComponent(segment ?? '');
}

function cleanPath(raw: string | undefined): string {
  return decode(raw).replace(/^\/+/, '').replace(/\/+$/, '').toLowerCase();
}

/** The driveItem resource's basics (https://learn.microsoft.com/graph/api/resources/driveitem). */
function driveItemAnswer(item: FakeItem | undefined, query: URLSearchParams): ExcelAnswer {
  if (!item) return ITEM_NOT_FOUND();
  const body: Record<string, unknown> = {
    id: item.itemId,
    name: item.name,
    webUrl: item.webUrl,
    parentReference: { driveId: item.driveId, driveType: 'documentLibrary' },
    ...(item.folder
      ? { folder: { childCount: 0 } }
      : {
          file: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        }),
  };
  return { status: 200, body: select(body, query) };
}

/** `$select` keeps the named properties only (https://learn.microsoft.com/graph/query-parameters#select). */
function select(body: Record<string, unknown>, query: URLSearchParams): Record<string, unknown> {
  const wanted = query.get('$select');
  if (!wanted) return body;
  const names = new Set(wanted.split(',').map((name) => name.trim()));
  return Object.fromEntries(
    Object.entries(body).filter(([key]) => names.has(key) || key.startsWith('@odata')),
  );
}

function answerWorkbook(
  state: ExcelState,
  workbook: ExcelWorkbook,
  rest: string,
  query: URLSearchParams,
): ExcelAnswer {
  let match: RegExpExecArray | null;
  // "List worksheets" / "List tables" (https://learn.microsoft.com/graph/api/workbook-list-worksheets,
  // https://learn.microsoft.com/graph/api/workbook-list-tables).
  if (rest === '/worksheets') {
    const value = [...workbook.worksheets.values()].map((sheet, position) =>
      select({ id: `{${position}}`, name: sheet.name, position, visibility: 'Visible' }, query),
    );
    return { status: 200, body: { value } };
  }
  if (rest === '/tables') {
    const value = [...workbook.tables.values()].map((table) =>
      select({ id: `{${table.name}}`, name: table.name, showHeaders: true }, query),
    );
    return { status: 200, body: { value } };
  }
  if ((match = /^\/worksheets\/([^/]+)\/(.+)$/.exec(rest))) {
    const sheet = workbook.worksheets.get(decode(match[1]).toLowerCase());
    if (!sheet) return WORKBOOK_NOT_FOUND();
    const action = decode(match[2]);
    // "worksheet: usedRange": the smallest range around cells with a value or a format; a
    // blank sheet gives its top left cell (https://learn.microsoft.com/graph/api/worksheet-usedrange).
    const used = /^usedRange(?:\(valuesOnly=(true|false)\))?$/i.exec(action);
    if (used)
      return rangeAnswer(state, sheet, usedBlock(sheet, used[1]?.toLowerCase() === 'true'), query);
    // "Get range" by address (https://learn.microsoft.com/graph/api/worksheet-range).
    const address = /^range\(address='([^']*)'\)$/i.exec(action);
    if (address) {
      const block = parseBlock(address[1] ?? '');
      return block ? rangeAnswer(state, sheet, block, query) : INVALID_ARGUMENT();
    }
    return failure(400, 'BadRequest', `Resource not found for the segment '${action}'.`);
  }
  if ((match = /^\/tables\/([^/]+)(?:\/(.+))?$/.exec(rest))) {
    const table = workbook.tables.get(decode(match[1]).toLowerCase());
    if (!table) return WORKBOOK_NOT_FOUND();
    const sheet = workbook.worksheets.get(table.worksheet.toLowerCase());
    if (!sheet) return WORKBOOK_NOT_FOUND();
    return answerTable(state, table, sheet, decode(match[2]), query);
  }
  return failure(400, 'BadRequest', `Resource not found for the segment '${rest}'.`);
}

type Sheet = ExcelWorkbook['worksheets'] extends Map<string, infer S> ? S : never;
type Table = ExcelWorkbook['tables'] extends Map<string, infer T> ? T : never;

function answerTable(
  state: ExcelState,
  table: Table,
  sheet: Sheet,
  action: string,
  query: URLSearchParams,
): ExcelAnswer {
  const { block } = table;
  const header = { ...block, lastRow: block.firstRow };
  // A table always has a data body row, even an empty one below its header
  // (https://learn.microsoft.com/graph/api/table-databodyrange).
  const body = {
    ...block,
    firstRow: block.firstRow + 1,
    lastRow: Math.max(block.lastRow, block.firstRow + 1),
  };
  switch (action) {
    case '':
      return {
        status: 200,
        body: select(
          { id: `{${table.name}}`, name: table.name, showHeaders: true, showTotals: false },
          query,
        ),
      };
    case 'headerRowRange': // https://learn.microsoft.com/graph/api/table-headerrowrange
      return rangeAnswer(state, sheet, header, query);
    case 'dataBodyRange': // https://learn.microsoft.com/graph/api/table-databodyrange
      return rangeAnswer(state, sheet, body, query);
    case 'range': // https://learn.microsoft.com/graph/api/table-range
      return rangeAnswer(state, sheet, block, query);
    case 'worksheet': // https://learn.microsoft.com/graph/api/table-get-worksheet
      return {
        status: 200,
        body: select(
          { id: `{${sheet.name}}`, name: sheet.name, position: 0, visibility: 'Visible' },
          query,
        ),
      };
    case 'rows': {
      // "List rows": each row's index and its `values` (no text), paged by $top and $skip
      // (https://learn.microsoft.com/graph/api/table-list-rows).
      const skip = Number(query.get('$skip') ?? 0);
      const top = query.has('$top') ? Number(query.get('$top')) : Infinity;
      const all = [];
      for (let row = body.firstRow; row <= body.lastRow; row++) {
        all.push({
          index: row - body.firstRow,
          values: [cellsOf(sheet, { ...body, firstRow: row, lastRow: row }).values[0]],
        });
      }
      const value = all.slice(skip, skip + top);
      return sized(state, { value });
    }
    default:
      return failure(400, 'BadRequest', `Resource not found for the segment '${action}'.`);
  }
}

interface Block {
  firstColumn: number;
  firstRow: number;
  lastColumn: number;
  lastRow: number;
}

function isEmpty(cell: ExcelCell | undefined): boolean {
  return cell === undefined || cell === null || cell === '';
}

function usedBlock(sheet: Sheet, valuesOnly: boolean): Block {
  let found: Block | undefined;
  sheet.cells.forEach((cells, rowIndex) => {
    cells.forEach((cell, columnIndex) => {
      if (isEmpty(cell)) return;
      const row = rowIndex + 1;
      const column = columnIndex + 1;
      found = found
        ? {
            firstColumn: Math.min(found.firstColumn, column),
            firstRow: Math.min(found.firstRow, row),
            lastColumn: Math.max(found.lastColumn, column),
            lastRow: Math.max(found.lastRow, row),
          }
        : { firstColumn: column, firstRow: row, lastColumn: column, lastRow: row };
    });
  });
  const block = found ?? { firstColumn: 1, firstRow: 1, lastColumn: 1, lastRow: 1 };
  if (!valuesOnly && sheet.formattedThroughRow > block.lastRow)
    return { ...block, lastRow: sheet.formattedThroughRow };
  return block;
}

/** The text and values of a block, as Excel gives them for each cell type. */
function cellsOf(
  sheet: Sheet,
  block: Block,
): { text: string[][]; values: Array<Array<string | number | boolean>>; types: string[][] } {
  const text: string[][] = [];
  const values: Array<Array<string | number | boolean>> = [];
  const types: string[][] = [];
  for (let row = block.firstRow; row <= block.lastRow; row++) {
    const textRow: string[] = [];
    const valueRow: Array<string | number | boolean> = [];
    const typeRow: string[] = [];
    for (let column = block.firstColumn; column <= block.lastColumn; column++) {
      const cell = sheet.cells[row - 1]?.[column - 1];
      if (isEmpty(cell)) {
        textRow.push('');
        valueRow.push('');
        typeRow.push('Empty');
      } else if (typeof cell === 'object' && cell !== null) {
        textRow.push(cell.text);
        valueRow.push(cell.value);
        typeRow.push(
          typeof cell.value === 'number'
            ? 'Double'
            : typeof cell.value === 'boolean'
              ? 'Boolean'
              : 'String',
        );
      } else if (typeof cell === 'boolean') {
        textRow.push(cell ? 'TRUE' : 'FALSE');
        valueRow.push(cell);
        typeRow.push('Boolean');
      } else {
        textRow.push(String(cell));
        valueRow.push(cell as string | number);
        typeRow.push(typeof cell === 'number' ? 'Double' : 'String');
      }
    }
    text.push(textRow);
    values.push(valueRow);
    types.push(typeRow);
  }
  return { text, values, types };
}

/**
 * The range resource: its address with the sheet's name, counts, 0-based indexes, and the
 * cells' `text`, `values`, `valueTypes` and `numberFormat`, cut down by `$select`
 * (https://learn.microsoft.com/graph/api/resources/range).
 */
function rangeAnswer(
  state: ExcelState,
  sheet: Sheet,
  block: Block,
  query: URLSearchParams,
): ExcelAnswer {
  const address = `${quoteSheet(sheet.name)}!${blockText(block)}`;
  const wanted = query.get('$select');
  const names = wanted ? new Set(wanted.split(',').map((name) => name.trim())) : undefined;
  const needsCells =
    !names || ['text', 'values', 'valueTypes', 'numberFormat'].some((name) => names.has(name));
  const cells = needsCells ? cellsOf(sheet, block) : undefined;
  const rowCount = block.lastRow - block.firstRow + 1;
  const columnCount = block.lastColumn - block.firstColumn + 1;
  const body: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.workbookRange',
    address,
    addressLocal: address,
    cellCount: rowCount * columnCount,
    columnCount,
    columnIndex: block.firstColumn - 1,
    rowCount,
    rowIndex: block.firstRow - 1,
    ...(cells
      ? {
          text: cells.text,
          values: cells.values,
          valueTypes: cells.types,
          numberFormat: cells.text.map((row) => row.map(() => 'General')),
        }
      : {}),
  };
  return sized(state, names ? select(body, query) : body);
}

/**
 * A body too large for the cap is refused with 413 `payloadTooLarge`
 * (https://learn.microsoft.com/graph/workbook-error-codes); the client must ask for less.
 */
function sized(state: ExcelState, body: unknown): ExcelAnswer {
  if (Buffer.byteLength(JSON.stringify(body)) > state.maxResponseBytes) {
    state.tooLarge += 1;
    return failure(
      413,
      'payloadTooLarge',
      'The request payload exceeds the size limit.',
      'payloadTooLargeUncategorized',
    );
  }
  return { status: 200, body };
}

/** `A1`, `B2:F100`, `$A$1:$C$3`; undefined for anything else. Written apart from the source's own parser on purpose. */
function parseBlock(text: string): Block | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(text.trim());
  if (!match) return undefined;
  const firstColumn = lettersToNumber(match[1] as string);
  const firstRow = Number(match[2]);
  const lastColumn = match[3] ? lettersToNumber(match[3]) : firstColumn;
  const lastRow = match[4] ? Number(match[4]) : firstRow;
  if (firstRow < 1 || lastRow > 1048576 || lastColumn > 16384) return undefined;
  return {
    firstColumn: Math.min(firstColumn, lastColumn),
    firstRow: Math.min(firstRow, lastRow),
    lastColumn: Math.max(firstColumn, lastColumn),
    lastRow: Math.max(firstRow, lastRow),
  };
}

function lettersToNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce(
    (sum, letter) => sum * 26 + (letter.charCodeAt(0) - 64),
    0,
  );
}

function numberToLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

function blockText(block: Block): string {
  const first = `${numberToLetters(block.firstColumn)}${block.firstRow}`;
  const last = `${numberToLetters(block.lastColumn)}${block.lastRow}`;
  return first === last ? first : `${first}:${last}`;
}

/** A sheet name with spaces or punctuation is quoted in an address, its own quotes doubled. */
function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The Excel and drive routes for the Graph server; any other path goes on to its next route. */
export function excelRouter(state: ExcelState): Router {
  const router = Router();
  router.get(/.*/, (req: Request, res: Response, next) => {
    const url = new URL(req.originalUrl, 'http://graph.invalid');
    const rawPath = req.path;
    const answer = answerExcel(state, rawPath, url.searchParams);
    if (!answer) {
      next();
      return;
    }
    res.status(answer.status);
    if (answer.body === undefined) res.end();
    else res.json(answer.body);
  });
  return router;
}
