import { SourceError } from '../source-error';
import { columnLetters } from './a1-address';

/**
 * One row for the CSV Parse & Validate node: header → the text Excel shows (or a Graph
 * property's text), and the row's own number as `line` (the sheet row, so a message points
 * at the cell people see).
 */
export type HrRow = Record<string, string> & { line: number };

/** The key that carries the row number; a column may not take it. */
export const LINE_KEY = 'line';

/**
 * The columns of a sheet as its header row names them. `names` has one entry per column
 * read: its name, or undefined for an unnamed column left or right of the named ones (a
 * used range is often wider than the header, because of a title above it or a note beside).
 */
export interface SheetHeader {
  names: Array<string | undefined>;
  /** The sheet column of the first entry (A = 1), so errors name the letters people see. */
  firstColumn: number;
  /** "the worksheet \"Staff\" in People.xlsx", for messages. */
  where: string;
}

/**
 * The header row's texts as column names: trimmed, none empty between the first and the last
 * named column, none twice, none `line`. Any of these is a SourceError naming the columns.
 */
export function sheetHeader(
  texts: readonly unknown[],
  firstColumn: number,
  where: string,
): SheetHeader {
  const trimmed = texts.map((text) => cellText(text).trim());
  const letter = (index: number): string => columnLetters(firstColumn + index);
  const first = trimmed.findIndex((name) => name !== '');
  if (first < 0) {
    throw new SourceError(
      'bad_header',
      `The header row of ${where} is empty: set the header row number to the row that names the columns.`,
    );
  }
  const last = trimmed.length - 1 - [...trimmed].reverse().findIndex((name) => name !== '');
  const empty: string[] = [];
  for (let index = first; index <= last; index++)
    if (trimmed[index] === '') empty.push(letter(index));
  if (empty.length > 0) {
    throw new SourceError(
      'bad_header',
      `The header row of ${where} has no name in column${empty.length > 1 ? 's' : ''} ` +
        `${listed(empty)}: name ${empty.length > 1 ? 'them' : 'it'}, or delete the column.`,
    );
  }
  const firstSeen = new Map<string, number>();
  const duplicates: string[] = [];
  trimmed.forEach((name, index) => {
    if (name === '') return;
    const earlier = firstSeen.get(name);
    if (earlier === undefined) firstSeen.set(name, index);
    else duplicates.push(`"${name}" (columns ${letter(earlier)} and ${letter(index)})`);
  });
  if (duplicates.length > 0) {
    throw new SourceError(
      'bad_header',
      `The header row of ${where} names a column twice: ${duplicates.join(', ')}. Rename one of each.`,
    );
  }
  const reserved = trimmed.findIndex((name) => name === LINE_KEY);
  if (reserved >= 0) {
    throw new SourceError(
      'bad_header',
      `Column ${letter(reserved)} of ${where} is named "${LINE_KEY}", which carries the row` +
        ' number: rename the column.',
    );
  }
  return { names: trimmed.map((name) => (name === '' ? undefined : name)), firstColumn, where };
}

/** The named columns, in sheet order. */
export function columnNames(header: SheetHeader): string[] {
  return header.names.filter((name): name is string => name !== undefined);
}

function listed(items: readonly string[]): string {
  const shown =
    items.length > 10 ? [...items.slice(0, 10), `and ${items.length - 10} more`] : items;
  return shown.join(', ');
}

/**
 * Rows from one block of cell texts whose first row is sheet row `firstRow`, its columns
 * those of `header`. A row whose cells are all empty is skipped (inside the data as at its
 * end); the others keep the sheet's row number, so line numbers never shift. A value in an
 * unnamed column is an error, not silently dropped.
 */
export function rowsFromText(
  header: SheetHeader,
  text: ReadonlyArray<ReadonlyArray<unknown>>,
  firstRow: number,
): HrRow[] {
  const rows: HrRow[] = [];
  text.forEach((cells, offset) => {
    const shown = header.names.map((_, index) => cellText(cells[index]));
    if (shown.every((value) => value.trim() === '')) return;
    const line = firstRow + offset;
    const row = { [LINE_KEY]: line } as HrRow;
    header.names.forEach((name, index) => {
      const value = shown[index] ?? '';
      if (name !== undefined) row[name] = value;
      else if (value.trim() !== '') {
        throw new SourceError(
          'bad_header',
          `Row ${line} of ${header.where} has a value in column` +
            ` ${columnLetters(header.firstColumn + index)}, which has no header: name the column` +
            ' in the header row, or clear it.',
        );
      }
    });
    rows.push(row);
  });
  return rows;
}

/** `text` holds strings; anything else (a null past the used range) is shown as Excel would. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}
