import type { RowIssue } from '../validate/row-issue';

// OWASP's list of characters that make a spreadsheet read a cell as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a formula-like cell with an apostrophe so a spreadsheet shows it as text. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function quoteCell(value: string, delimiter: string): string {
  const needsQuotes =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The `errors` cell: each problem as "field: message", in the order found. */
export function describeIssues(issues: readonly RowIssue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}

/**
 * Writes rejected rows back as the admin sent them, plus a last `errors` column. UTF-8 with
 * a BOM and CRLF so Excel opens it right; the input's own delimiter so the admin's locale
 * splits it; formula-like cells neutralised. An `errors` column already in the input (a
 * re-upload) is replaced, not repeated.
 */
export class ErrorsCsvWriter {
  private readonly keep: number[];
  private readonly width: number;

  constructor(
    header: readonly string[],
    private readonly delimiter = ',',
  ) {
    this.width = header.length;
    this.keep = header
      .map((_, index) => index)
      .filter((index) => header[index]?.trim().toLowerCase() !== 'errors');
    this.headerLine = this.line([...this.keep.map((index) => header[index] ?? ''), 'errors']);
  }

  readonly headerLine: string;

  /** The first chunk of the file: BOM and header. */
  start(): string {
    return `\uFEFF${this.headerLine}`;
  }

  row(fields: readonly string[], issues: readonly RowIssue[]): string {
    const kept = this.keep.map((index) => fields[index] ?? '');
    // Fields past the header (a row with too many) stay too, before `errors`: nothing is dropped.
    const extra = fields.slice(this.width);
    return this.line([...kept, ...extra, describeIssues(issues)]);
  }

  private line(cells: readonly string[]): string {
    return `${cells.map((cell) => quoteCell(neutraliseCell(cell), this.delimiter)).join(this.delimiter)}\r\n`;
  }
}
