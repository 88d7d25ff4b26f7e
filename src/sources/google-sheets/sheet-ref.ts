import { columnLetters } from '../column-letters';
import { SourceError } from '../source-error';

/**
 * The spreadsheet ID from what an admin pastes: the browser's URL
 * (https://docs.google.com/spreadsheets/d/<ID>/edit#gid=0) or the ID itself
 * (https://developers.google.com/workspace/sheets/api/guides/concepts#spreadsheet).
 */
export function spreadsheetIdOf(urlOrId: string): string {
  const text = urlOrId.trim();
  const fromUrl = /\/spreadsheets\/(?:u\/\d+\/)?d\/([A-Za-z0-9_-]+)/.exec(text);
  if (fromUrl?.[1]) return fromUrl[1];
  if (/^[A-Za-z0-9_-]{10,}$/.test(text)) return text;
  throw new SourceError(
    'protocol',
    `"${text.slice(0, 80)}" is neither a Google Sheets URL nor a spreadsheet ID: paste the ` +
      `address of the sheet as the browser shows it (https://docs.google.com/spreadsheets/d/…).`,
  );
}

/**
 * An A1 range on a named sheet. The name is always quoted, with its own quotes doubled, as
 * A1 notation asks for names with spaces or symbols
 * (https://developers.google.com/workspace/sheets/api/guides/concepts#cell).
 */
export function a1Range(
  sheet: string,
  firstRow: number,
  lastRow: number,
  lastColumn: number,
): string {
  return `'${sheet.replace(/'/g, "''")}'!A${firstRow}:${columnLetters(lastColumn)}${lastRow}`;
}
