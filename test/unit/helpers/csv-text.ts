/** The delimiters the reader sniffs. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface CsvStyle {
  delimiter: string;
  eol: '\n' | '\r\n';
  /** Quote every cell, not only those that need it: both are valid CSV. */
  quoteAll?: boolean;
  /** Whether the last row ends with a line break. */
  finalEol?: boolean;
}

/** A cell as RFC 4180 writes it: quoted when it holds the delimiter, a quote or a line break. */
export function csvCell(value: string, style: CsvStyle): string {
  const needsQuotes = style.quoteAll || /["\r\n]/.test(value) || value.includes(style.delimiter);
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows written as CSV text, header first; written independently of the engine's own writer. */
export function csvText(rows: readonly (readonly string[])[], style: CsvStyle): string {
  const lines = rows.map((row) => row.map((cell) => csvCell(cell, style)).join(style.delimiter));
  return lines.join(style.eol) + (style.finalEol === false ? '' : style.eol);
}

/** The 1-based line a text editor shows for the end of `text`: CRLF, LF and CR end one line. */
export function lineAfter(text: string): number {
  return 1 + (text.match(/\r\n|\n|\r/g)?.length ?? 0);
}
