import { planColumns } from '../mapping/column-plan';
import type { SourceRow } from '../file/csv-rows';
import { FileError } from '../file/file-error';
import { checkSourceRows, type CheckOptions, type CheckSink } from './check-rows';
import type { CheckReport } from './check-report';

/**
 * Checks rows that arrive as objects (a spreadsheet or an API), with the same mapping and
 * rules as a file. The columns are every key seen, in first-seen order. Rows that carry
 * their own line numbers (a sheet read by HR Source: its row numbers, see itemLines) are
 * reported on those, so an error points at the row the admin sees; otherwise row N is
 * reported as line N + 1, as in a sheet whose first line is the header.
 */
export async function checkItems(
  items: readonly Record<string, unknown>[],
  options: CheckOptions,
  sink: CheckSink = {},
): Promise<CheckReport> {
  const ownLines = itemLines(items);
  const lines = ownLines ?? items.map((_, index) => index + 2);
  const columns = columnsOf(items).filter((column) => !(ownLines && column === LINE));
  if (columns.length === 0) {
    throw new FileError('empty', 'No rows came in: the items have no fields.');
  }
  const plan = planColumns(columns, options.mapping);
  async function* rows(): AsyncGenerator<SourceRow> {
    for (const [index, item] of items.entries()) {
      yield { line: lines[index]!, fields: columns.map((column) => cellText(item[column])) };
    }
  }
  const source = {
    encoding: 'items',
    bom: false,
    delimiter: ',',
    header: true,
    columns: plan.header,
  };
  return checkSourceRows(rows(), plan, source, options, sink);
}

const LINE = 'line';

/**
 * The items' own line numbers: when every item carries a `line` that is a whole number of 1
 * or more, each different, as HR Source's spreadsheet and API rows and this node's own valid
 * items do. `line` is then the row's place, not a column.
 */
export function itemLines(items: readonly Record<string, unknown>[]): number[] | undefined {
  if (items.length === 0) return undefined;
  const lines = items.map((item) => item[LINE]);
  const whole = lines.every(
    (line): line is number => typeof line === 'number' && Number.isSafeInteger(line) && line >= 1,
  );
  return whole && new Set(lines).size === lines.length ? (lines as number[]) : undefined;
}

function columnsOf(items: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const item of items) for (const key of Object.keys(item)) seen.add(key);
  return [...seen];
}

/** Text as a spreadsheet would show it; lists joined as tags are written in a file. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(cellText).join(',');
  // An invalid date stays visible as text, so the date rule reports it on its line.
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  return JSON.stringify(value);
}
