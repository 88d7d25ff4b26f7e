export {
  readGoogleSheet,
  sheetsSourceError,
  type GoogleSheetOptions,
  type GoogleSheetRows,
  type ValueRender,
} from './read-google-sheet';
export { a1Range, columnLetters, spreadsheetIdOf } from './sheet-ref';
export { dataRows, headerNames, type SheetRow } from './sheet-rows';
export { googleSheetsApi, type SheetsApiOptions } from './sheets-api';
