import { cellName } from './column-letters';
import { SourceError } from './source-error';

/**
 * The rules both spreadsheet sources (an Excel workbook over Microsoft Graph, a Google sheet)
 * read their rows by: a header row naming the columns, then one row per employee, each with
 * its sheet row number as `line` so a message points at the row people see.
 */

/** The key that carries a row's sheet row number; no column may take it. */
export const LINE_KEY = 'line';

/** One data row: its cells' texts by column name, and its sheet row number as `line`. */
export type SheetRow = Record<string, string> & { line: number };

/** A row's cells as an API gives them: strings, or numbers and booleans unformatted. */
export type CellValues = ReadonlyArray<unknown>;

/**
 * The columns of a sheet as its header row names them. `names` has one entry per column
 * read: its name, or undefined for an unnamed column left or right of the named ones (a
 * range read is often wider than the header, because of a title above it or a note beside).
 */
export interface SheetHeader {
  names: Array<string | undefined>;
  /** The sheet column of the first entry (A = 1), so messages name the letters people see. */
  firstColumn: number;
  /** `the sheet "Staff"`, `the worksheet "Staff" in People.xlsx`: where, for messages. */
  where: string;
}

/** Where a header row is: its sheet row, its first column (default A), and the messages' name. */
export interface HeaderPlace {
  row: number;
  firstColumn?: number;
  where: string;
}

/**
 * The header row's cells as column names: trimmed, none empty between the first and the
 * last named column, none twice (upper and lower case alike, as `Email` and `email` would be
 * ambiguous to map), none `line`. Each is a SourceError `bad_header` naming the cells.
 */
export function sheetHeader(cells: CellValues, place: HeaderPlace): SheetHeader {
  const { row, where } = place;
  const firstColumn = place.firstColumn ?? 1;
  const names = cells.map((cell) => cellText(cell).trim());
  const cell = (index: number): string => cellName(firstColumn + index, row);
  const headerRow = `the header row (row ${row}) of ${where}`;
  const first = names.findIndex((name) => name !== '');
  if (first < 0) {
    throw new SourceError(
      'bad_header',
      `${capital(headerRow)} is empty: set the header row to the row that names the columns.`,
    );
  }
  const last = names.length - 1 - [...names].reverse().findIndex((name) => name !== '');

  const unnamed: string[] = [];
  for (let index = first; index <= last; index++)
    if (names[index] === '') unnamed.push(cell(index));
  if (unnamed.length > 0) {
    const many = unnamed.length > 1;
    throw new SourceError(
      'bad_header',
      `${capital(headerRow)} has no column name in ${many ? 'cells' : 'cell'} ${listed(unnamed)},` +
        ` between named columns: name ${many ? 'them' : 'it'}, or delete ${many ? 'those columns' : 'the column'}.`,
    );
  }

  const byKey = new Map<string, number[]>();
  names.forEach((name, index) => {
    if (name === '') return;
    const key = name.toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), index]);
  });
  const repeated = [...byKey.values()]
    .filter((indexes) => indexes.length > 1)
    .map((indexes) => {
      const spellings = [...new Set(indexes.map((index) => `"${names[index]}"`))];
      return `${spellings.join(' and ')} (${and(indexes.map(cell))})`;
    });
  if (repeated.length > 0) {
    throw new SourceError(
      'bad_header',
      `${capital(headerRow)} names a column more than once, upper and lower case alike: ` +
        `${listed(repeated)}. Give each column its own name.`,
    );
  }

  const reserved = names.findIndex((name) => name === LINE_KEY);
  if (reserved >= 0) {
    throw new SourceError(
      'bad_header',
      `The column in cell ${cell(reserved)} of ${where} is named "${LINE_KEY}", which carries` +
        " each row's sheet row number: rename the column.",
    );
  }
  return { names: names.map((name) => (name === '' ? undefined : name)), firstColumn, where };
}

/** The named columns, in sheet order. */
export function columnNames(header: SheetHeader): string[] {
  return header.names.filter((name): name is string => name !== undefined);
}

/**
 * The rows of one block of cells whose first row is sheet row `firstRow`, its columns those
 * of `header`. A row whose cells are all empty is skipped (inside the data as at its end);
 * the others keep their sheet row numbers, so line numbers never shift. A short row reads as
 * empty cells. A value in a column without a name is refused, not dropped unseen.
 */
export function sheetRows(
  header: SheetHeader,
  block: ReadonlyArray<CellValues>,
  firstRow: number,
): SheetRow[] {
  const rows: SheetRow[] = [];
  block.forEach((cells, offset) => {
    const texts = cells.map(cellText);
    if (texts.every((text) => text.trim() === '')) return;
    const line = firstRow + offset;
    const stray = texts.findIndex(
      (text, index) => header.names[index] === undefined && text.trim() !== '',
    );
    if (stray >= 0) {
      throw new SourceError(
        'bad_header',
        `Cell ${cellName(header.firstColumn + stray, line)} of ${header.where} has a value, but` +
          ' its column has no name in the header row: name the column there, or clear the cell.',
      );
    }
    const row = { [LINE_KEY]: line } as SheetRow;
    header.names.forEach((name, index) => {
      if (name !== undefined) row[name] = texts[index] ?? '';
    });
    rows.push(row);
  });
  return rows;
}

/** A cell's text: strings as they are, a missing cell (null, past the end) as empty. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

function listed(items: readonly string[]): string {
  const shown =
    items.length > 10 ? [...items.slice(0, 10), `and ${items.length - 10} more`] : items;
  return shown.join(', ');
}

function and(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
