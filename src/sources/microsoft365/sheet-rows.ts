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
 * The header row's texts as column names: trimmed, none empty, none twice, none `line`.
 * `firstColumn` is the sheet column of the first text, so errors name the letters people see.
 */
export function headerNames(
  texts: readonly unknown[],
  firstColumn: number,
  where: string,
): string[] {
  const names = texts.map((text) => cellText(text).trim());
  const letter = (index: number): string => columnLetters(firstColumn + index);
  const empty = names.flatMap((name, index) => (name === '' ? [letter(index)] : []));
  if (empty.length === names.length) {
    throw new SourceError(
      'bad_sheet',
      `The header row of ${where} is empty: set the header row number to the row that names the columns.`,
    );
  }
  if (empty.length > 0) {
    throw new SourceError(
      'bad_sheet',
      `The header row of ${where} has no name in column${empty.length > 1 ? 's' : ''} ` +
        `${listed(empty)}: name ${empty.length > 1 ? 'them' : 'it'}, or delete the column.`,
    );
  }
  const firstSeen = new Map<string, number>();
  const duplicates: string[] = [];
  names.forEach((name, index) => {
    const earlier = firstSeen.get(name);
    if (earlier === undefined) firstSeen.set(name, index);
    else duplicates.push(`"${name}" (columns ${letter(earlier)} and ${letter(index)})`);
  });
  if (duplicates.length > 0) {
    throw new SourceError(
      'bad_sheet',
      `The header row of ${where} names a column twice: ${duplicates.join(', ')}. Rename one of each.`,
    );
  }
  const reserved = names.findIndex((name) => name === LINE_KEY);
  if (reserved >= 0) {
    throw new SourceError(
      'bad_sheet',
      `Column ${letter(reserved)} of ${where} is named "${LINE_KEY}", which carries the row` +
        ' number: rename the column.',
    );
  }
  return names;
}

function listed(items: readonly string[]): string {
  const shown =
    items.length > 10 ? [...items.slice(0, 10), `and ${items.length - 10} more`] : items;
  return shown.join(', ');
}

/**
 * Rows from one block of cell texts whose first row is sheet row `firstRow`. A row whose
 * cells are all empty is skipped (inside the data as at its end); the others keep the
 * sheet's row number, so line numbers never shift.
 */
export function rowsFromText(
  names: readonly string[],
  text: ReadonlyArray<ReadonlyArray<unknown>>,
  firstRow: number,
): HrRow[] {
  const rows: HrRow[] = [];
  text.forEach((cells, offset) => {
    const shown = names.map((_, index) => cellText(cells[index]));
    if (shown.every((value) => value.trim() === '')) return;
    const row = { [LINE_KEY]: firstRow + offset } as HrRow;
    names.forEach((name, index) => {
      row[name] = shown[index] ?? '';
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
