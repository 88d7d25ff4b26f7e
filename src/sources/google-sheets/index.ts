export {
  readGoogleSheet,
  sheetsSourceError,
  type GoogleSheetOptions,
  type GoogleSheetRows,
  type ValueRender,
} from './read-google-sheet';
export { a1Range, spreadsheetIdOf } from './sheet-ref';
export { columnLetters } from '../column-letters';
export { dataRows, headerNames, type SheetRow } from './sheet-rows';
export { googleSheetsApi, type SheetsApiOptions } from './sheets-api';
