import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { googleSheetsApi, readGoogleSheet } from '../../../src';
import { apiUrlOf, googleAuthenticationProperty, googleSignIn } from '../../shared/google-auth';
import {
  hrSyncGoogleOAuth2Test,
  hrSyncGoogleServiceAccountTest,
} from '../../shared/google-credential-test';
import { n8nHttpClient } from '../../shared/n8n-http-client';
import type { HrSourceDefinition } from './hr-source';

const SHOW = { source: ['googleSheets'] };

/** HR Source → Google Sheets: one sheet of a spreadsheet, read in row ranges. */
export const googleSheetsProperties: INodeProperties[] = [
  googleAuthenticationProperty(SHOW),
  {
    displayName: 'Spreadsheet',
    name: 'spreadsheet',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'https://docs.google.com/spreadsheets/d/1AbC…/edit',
    description: "The spreadsheet's address as the browser shows it, or its ID",
    displayOptions: { show: SHOW },
  },
  {
    displayName: 'Sheet',
    name: 'sheetName',
    type: 'string',
    default: '',
    placeholder: 'Employees',
    description: 'The tab by name; empty reads the first sheet',
    displayOptions: { show: SHOW },
  },
  {
    displayName: 'Header Row',
    name: 'sheetHeaderRow',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 1,
    description: 'The sheet row that names the columns; the rows below it are the employees',
    displayOptions: { show: SHOW },
  },
  {
    displayName: 'Read Values',
    name: 'valueRender',
    type: 'options',
    options: [
      {
        name: 'As the Sheet Shows Them',
        value: 'FORMATTED_VALUE',
        description: 'Dates as their text, IDs with their leading zeros',
      },
      {
        name: 'As Numbers',
        value: 'UNFORMATTED_VALUE',
        description: 'Numbers and dates as the numbers behind them, without their format',
      },
    ],
    default: 'FORMATTED_VALUE',
    displayOptions: { show: SHOW },
  },
];

/** The rows as items, each with its sheet row number as `line`, for CSV Parse & Validate. */
export async function readGoogleSheets(
  context: IExecuteFunctions,
  itemIndex: number,
): Promise<INodeExecutionData[]> {
  // The engine retries Google's 429s with backoff: n8n's helper hands every status back.
  const http = n8nHttpClient(context, undefined);
  const { tokens, data } = await googleSignIn(context, http, itemIndex);
  const rootUrl = apiUrlOf(data, 'sheetsApiUrl');
  const api = googleSheetsApi(http, tokens, rootUrl ? { rootUrl } : {});
  const { rows } = await readGoogleSheet(api, {
    spreadsheet: String(context.getNodeParameter('spreadsheet', itemIndex)),
    sheet: String(context.getNodeParameter('sheetName', itemIndex, '')),
    headerRow: Number(context.getNodeParameter('sheetHeaderRow', itemIndex, 1)),
    valueRender:
      context.getNodeParameter('valueRender', itemIndex, 'FORMATTED_VALUE') === 'UNFORMATTED_VALUE'
        ? 'UNFORMATTED_VALUE'
        : 'FORMATTED_VALUE',
  });
  return rows.map((row) => ({ json: row, pairedItem: { item: itemIndex } }));
}

export const googleSheetsSource: HrSourceDefinition = {
  option: { name: 'Google Sheets', description: 'A sheet of a Google spreadsheet' },
  credentials: [
    {
      name: 'hrSyncGoogleServiceAccountApi',
      required: true,
      testedBy: 'hrSyncGoogleServiceAccountTest',
      displayOptions: {
        show: { source: ['googleSheets'], googleAuthentication: ['serviceAccount'] },
      },
    },
    {
      name: 'hrSyncGoogleOAuth2Api',
      required: true,
      // n8n 2.41 tests an OAuth2 credential with its own check (is it connected?), not this.
      testedBy: 'hrSyncGoogleOAuth2Test',
      displayOptions: { show: { source: ['googleSheets'], googleAuthentication: ['oAuth2'] } },
    },
  ],
  credentialTests: { hrSyncGoogleServiceAccountTest, hrSyncGoogleOAuth2Test },
  properties: googleSheetsProperties,
  read: readGoogleSheets,
};
