import type { GraphApi } from '../../graph/graph-api';
import type { HttpResponse } from '../../http/http-client';
import { SourceError } from '../source-error';
import { blockAddress, parseAddress, type CellBlock } from './a1-address';
import { graphError, graphGet, isSuccess, readFailure } from './graph-failure';
import {
  columnNames,
  sheetHeader,
  sheetRows,
  type SheetHeader,
  type SheetRow as HrRow,
} from '../sheet-rows';
import {
  FILE_PERMISSIONS,
  resolveWorkbook,
  type WorkbookItem,
  type WorkbookLocation,
} from './workbook-location';

/**
 * Reads an Excel workbook on SharePoint or OneDrive through the Excel API in Microsoft Graph
 * (https://learn.microsoft.com/graph/excel-concept-overview), as the text Excel shows, in
 * row chunks: a date stays 01-03-2026 and an ID 00123, where `values` would give a serial
 * number and 123.
 *
 * No workbook session. A session (`workbook-session-id`, persistChanges=false) mostly
 * speeds up series of writes; the docs make it optional ("the session header isn't required
 * for an Excel API to work", https://learn.microsoft.com/graph/api/workbook-createsession),
 * and a sessionless request that writes nothing changes nothing. A session would add a create
 * that may answer 202 and have to be polled, an expiry after minutes idle, and the
 * `invalidSessionReCreatable` family of errors to recover from, for a read of a few calls.
 * The price: chunks are separate reads, so an edit made while we read can land between two.
 */
export type ExcelData =
  /** A worksheet by name; `headerRow` is the sheet row naming the columns (default 1). */
  | { kind: 'worksheet'; name: string; headerRow?: number }
  /** A table (Insert > Table) by name: its header row and its data body. */
  | { kind: 'table'; name: string };

export interface ExcelReadOptions {
  workbook: WorkbookLocation;
  data: ExcelData;
  /** Rows per range request (default 2,000); halved while Graph says an answer is too large. */
  chunkRows?: number;
}

export interface SheetSummary {
  fileName: string;
  webUrl?: string;
  worksheet: string;
  table?: string;
  /** The block read, e.g. `Staff!A1:F12001` (header row included). */
  address: string;
  headerRow: number;
  /** Rows returned (empty rows skipped). */
  rows: number;
  columns: string[];
  /** Range requests that returned data, and the chunk size they ended with. */
  chunks: number;
  chunkRows: number;
}

export interface SheetRows {
  rows: HrRow[];
  summary: SheetSummary;
}

export const DEFAULT_CHUNK_ROWS = 2000;
const MAX_CHUNK_ROWS = 20000;

export async function readExcelRows(
  graph: GraphApi,
  options: ExcelReadOptions,
): Promise<SheetRows> {
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  if (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > MAX_CHUNK_ROWS) {
    throw new RangeError(`chunkRows must be a whole number from 1 to ${MAX_CHUNK_ROWS}`);
  }
  const name = options.data.name.trim();
  if (!name) throw new SourceError('not_found', `No ${options.data.kind} name given.`);
  const item = await resolveWorkbook(graph, options.workbook);
  const workbook = new Workbook(graph, item);
  return options.data.kind === 'table'
    ? readTable(workbook, name, chunkRows)
    : readWorksheet(workbook, name, options.data.headerRow ?? 1, chunkRows);
}

async function readWorksheet(
  workbook: Workbook,
  sheet: string,
  headerRow: number,
  chunkRows: number,
): Promise<SheetRows> {
  if (!Number.isInteger(headerRow) || headerRow < 1) {
    throw new RangeError('headerRow must be a sheet row number (1 or more)');
  }
  const where = `the worksheet "${sheet}" in ${workbook.item.name}`;
  // https://learn.microsoft.com/graph/api/worksheet-usedrange: valuesOnly ignores cells that
  // are only formatted, so a sheet formatted down to row 100,000 is not read that far.
  const used = await workbook.block(
    `/worksheets/${segment(sheet)}/usedRange(valuesOnly=true)`,
    where,
    () => workbook.missing('worksheets', 'worksheet', sheet),
  );
  if (headerRow < used.firstRow || headerRow > used.lastRow) {
    throw new SourceError(
      'bad_header',
      `Row ${headerRow} of ${where} is empty; its data is in rows ${used.firstRow} to` +
        ` ${used.lastRow}: set the header row to the row that names the columns.`,
    );
  }
  const headerBlock = { ...used, firstRow: headerRow, lastRow: headerRow };
  const headerText = await workbook.text(sheet, headerBlock, where);
  // A blank sheet's used range is its top left cell (worksheet-usedrange).
  const blank = used.firstRow === used.lastRow && used.firstColumn === used.lastColumn;
  if (blank && String(headerText[0]?.[0] ?? '').trim() === '') {
    throw new SourceError('bad_header', `${capital(where)} is empty: no cell has a value.`);
  }
  const header = sheetHeader(headerText[0] ?? [], {
    row: headerRow,
    firstColumn: used.firstColumn,
    where,
  });
  const body = { ...used, firstRow: headerRow + 1 };
  const read = await workbook.rows(sheet, body, header, chunkRows);
  const whole = { ...used, firstRow: headerRow };
  return {
    rows: read.rows,
    summary: summary(workbook.item, sheet, undefined, whole, header, read),
  };
}

async function readTable(workbook: Workbook, table: string, chunkRows: number): Promise<SheetRows> {
  const where = `the table "${table}" in ${workbook.item.name}`;
  const notFound = (): Promise<SourceError> => workbook.missing('tables', 'table', table);
  // https://learn.microsoft.com/graph/api/table-headerrowrange and
  // https://learn.microsoft.com/graph/api/table-databodyrange. Table rows (tablerow-list)
  // carry `values` only, not `text`, so the body is read as ranges of its worksheet.
  const headerResponse = await workbook.get(`/tables/${segment(table)}/headerRowRange`, {
    $select: 'address,text',
  });
  if (!isSuccess(headerResponse)) {
    if (headerResponse.status === 404) throw await notFound();
    throw workbook.failure(headerResponse, where);
  }
  const headerBody = headerResponse.body as { address?: unknown; text?: unknown };
  const headerBlock = parsed(headerBody.address, workbook, where);
  const headerText = textGrid(headerBody.text, workbook, where)[0] ?? [];
  const header = sheetHeader(headerText, {
    row: headerBlock.firstRow,
    firstColumn: headerBlock.firstColumn,
    where,
  });
  const body = await workbook.block(`/tables/${segment(table)}/dataBodyRange`, where, notFound);
  const sheet = body.sheet ?? headerBlock.sheet;
  if (sheet === undefined) {
    throw new SourceError('protocol', `${workbook.graph.label} gave ${where} no worksheet.`);
  }
  const read = await workbook.rows(sheet, body, header, chunkRows);
  const whole = { ...body, firstRow: headerBlock.firstRow };
  return { rows: read.rows, summary: summary(workbook.item, sheet, table, whole, header, read) };
}

interface ChunkedRead {
  rows: HrRow[];
  chunks: number;
  chunkRows: number;
}

function summary(
  item: WorkbookItem,
  sheet: string,
  table: string | undefined,
  block: CellBlock,
  header: SheetHeader,
  read: ChunkedRead,
): SheetSummary {
  return {
    fileName: item.name,
    ...(item.webUrl ? { webUrl: item.webUrl } : {}),
    worksheet: sheet,
    ...(table ? { table } : {}),
    address: `${quoteSheet(sheet)}!${blockAddress(block)}`,
    headerRow: block.firstRow,
    rows: read.rows.length,
    columns: columnNames(header),
    chunks: read.chunks,
    chunkRows: read.chunkRows,
  };
}

/** The calls below one workbook: `/drives/{drive}/items/{item}/workbook/…`. */
class Workbook {
  private readonly base: string;

  constructor(
    readonly graph: GraphApi,
    readonly item: WorkbookItem,
  ) {
    this.base = `/drives/${segment(item.driveId)}/items/${segment(item.itemId)}/workbook`;
  }

  get(path: string, query?: Record<string, string>): Promise<HttpResponse> {
    return graphGet(this.graph, `${this.base}${path}`, query);
  }

  failure(response: HttpResponse, where: string): SourceError {
    return readFailure(this.graph, response, where, FILE_PERMISSIONS);
  }

  /** A range's address (usedRange, dataBodyRange) without its cells. */
  async block(
    path: string,
    where: string,
    notFound: () => Promise<SourceError>,
  ): Promise<CellBlock> {
    const response = await this.get(path, { $select: 'address,rowCount,columnCount' });
    if (!isSuccess(response)) {
      if (response.status === 404) throw await notFound();
      throw this.failure(response, where);
    }
    return parsed((response.body as { address?: unknown } | null)?.address, this, where);
  }

  /** The text of one block of a worksheet, one array per row. */
  async text(sheet: string, block: CellBlock, where: string): Promise<unknown[][]> {
    const response = await this.rangeText(sheet, block);
    if (!isSuccess(response)) throw this.failure(response, where);
    return textGrid((response.body as { text?: unknown } | null)?.text, this, where);
  }

  /**
   * The rows of `block` in chunks of `chunkRows`. An answer Graph finds too large halves the
   * chunk for the rest of the read: the Excel docs say to read big ranges in row blocks and
   * retry a limit error with a smaller block
   * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-large).
   */
  async rows(
    sheet: string,
    block: CellBlock,
    header: SheetHeader,
    chunkRows: number,
  ): Promise<ChunkedRead> {
    const { where } = header;
    const rows: HrRow[] = [];
    let size = chunkRows;
    let chunks = 0;
    for (let first = block.firstRow; first <= block.lastRow;) {
      const last = Math.min(block.lastRow, first + size - 1);
      const chunk = { ...block, firstRow: first, lastRow: last };
      const response = await this.rangeText(sheet, chunk);
      if (isTooLarge(response)) {
        if (size === 1) {
          throw new SourceError(
            'http_status',
            `${this.graph.label} could not return even one row of ${where} (row ${first}):` +
              ' the row is too large to read through the Excel API.',
            { status: response.status },
          );
        }
        size = Math.max(1, Math.floor(size / 2));
        continue;
      }
      if (!isSuccess(response)) throw this.failure(response, where);
      const text = textGrid((response.body as { text?: unknown } | null)?.text, this, where);
      for (const row of sheetRows(header, text, first)) rows.push(row);
      chunks += 1;
      first = last + 1;
    }
    return { rows, chunks, chunkRows: size };
  }

  /** https://learn.microsoft.com/graph/api/worksheet-range: only the text is asked for. */
  private rangeText(sheet: string, block: CellBlock): Promise<HttpResponse> {
    return this.get(`/worksheets/${segment(sheet)}/range(address='${blockAddress(block)}')`, {
      $select: 'address,rowCount,text',
    });
  }

  /** The not-found error for a worksheet or table, naming the ones the workbook has. */
  async missing(
    collection: 'worksheets' | 'tables',
    kind: string,
    name: string,
  ): Promise<SourceError> {
    let known = '';
    const response = await this.get(`/${collection}`, { $select: 'name' }).catch(() => undefined);
    if (response && isSuccess(response)) {
      const value = (response.body as { value?: Array<{ name?: unknown }> } | null)?.value ?? [];
      const names = value
        .map((entry) => entry.name)
        .filter((n): n is string => typeof n === 'string');
      known =
        names.length > 0 ? ` Its ${collection}: ${names.join(', ')}.` : ` It has no ${collection}.`;
    }
    return new SourceError(
      'not_found',
      `There is no ${kind} "${name}" in ${this.item.name}.${known}`,
      {
        status: 404,
      },
    );
  }
}

/**
 * Graph answers a range too big to return with 413 (`payloadTooLarge`,
 * https://learn.microsoft.com/graph/workbook-error-codes), the Excel service's own
 * `ResponsePayloadSizeLimitExceeded` (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling),
 * or a timeout when the range takes too long (504, `MaxRequestDurationExceeded`).
 */
export function isTooLarge(response: HttpResponse): boolean {
  if (response.status === 413 || response.status === 504) return true;
  if (isSuccess(response)) return false;
  return graphError(response.body).codes.some((code) =>
    /payloadtoolarge|payloadsizelimitexceeded|maxrequestdurationexceeded|requestsizeexceeded/i.test(
      code,
    ),
  );
}

function parsed(address: unknown, workbook: Workbook, where: string): CellBlock {
  if (typeof address === 'string') {
    try {
      return parseAddress(address);
    } catch {
      // reported below
    }
  }
  throw new SourceError('protocol', `${workbook.graph.label} gave ${where} no usable address.`);
}

function textGrid(text: unknown, workbook: Workbook, where: string): unknown[][] {
  if (Array.isArray(text) && text.every((row) => Array.isArray(row))) return text as unknown[][];
  throw new SourceError('protocol', `${workbook.graph.label} returned ${where} without its text.`);
}

/** One URL segment; a worksheet or table name may hold spaces and other characters. */
function segment(value: string): string {
  return encodeURIComponent(value);
}

function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
