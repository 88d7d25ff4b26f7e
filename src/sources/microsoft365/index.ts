/** Microsoft 365 as an HR source: an Excel workbook on SharePoint or OneDrive, and Entra ID users. */
export {
  DEFAULT_CHUNK_ROWS,
  readExcelRows,
  type ExcelData,
  type ExcelReadOptions,
  type SheetRows,
  type SheetSummary,
} from './read-excel-rows';
export { encodeSharingUrl, parseSiteReference, type WorkbookLocation } from './workbook-location';
export { readEntraUsers, type EntraUsersOptions } from './read-entra-users';
export { needsAdvancedQuery } from './entra-query';
/** A sheet row or an Entra user as a row: text values by column, and `line`. */
export type { SheetRow as HrRow } from '../sheet-rows';
