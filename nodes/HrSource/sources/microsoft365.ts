import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import {
  readEntraUsers,
  readExcelRows,
  type ExcelData,
  type HrRow,
  type WorkbookLocation,
} from '../../../src';
import { graphClientFor, hrSyncMicrosoftGraphTest } from '../../shared/graph-credential-test';
import type { HrSourceDefinition } from './hr-source';

const show = (extra: Record<string, string[]> = {}) => ({
  show: { source: ['microsoft365'], ...extra },
});
const excel = (extra: Record<string, string[]> = {}) =>
  show({ microsoft365Data: ['excel'], ...extra });

/** HR Source → Microsoft 365: an Excel workbook on SharePoint or OneDrive, or Entra ID users. */
export const microsoft365Properties: INodeProperties[] = [
  {
    displayName: 'Read',
    name: 'microsoft365Data',
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'Excel Workbook',
        value: 'excel',
        description: 'A worksheet or table of a workbook on SharePoint or OneDrive for Business',
      },
      {
        name: 'Entra ID Users',
        value: 'entraUsers',
        description: "The tenant's users, as HR rows: employeeId is the external ID",
      },
    ],
    default: 'excel',
    displayOptions: show(),
  },
  {
    displayName: 'Workbook',
    name: 'workbookLocation',
    type: 'options',
    options: [
      { name: 'On a SharePoint Site', value: 'site' },
      { name: "In a User's OneDrive", value: 'user' },
      { name: 'By Sharing Link', value: 'share' },
    ],
    default: 'site',
    displayOptions: excel(),
  },
  {
    displayName: 'Site',
    name: 'siteUrl',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'https://contoso.sharepoint.com/sites/HR',
    displayOptions: excel({ workbookLocation: ['site'] }),
  },
  {
    displayName: 'User',
    name: 'oneDriveUser',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'hr.admin@contoso.com',
    description: 'Whose OneDrive holds the workbook (its user principal name or ID)',
    displayOptions: excel({ workbookLocation: ['user'] }),
  },
  {
    displayName: 'File Path',
    name: 'workbookPath',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'HR/employees.xlsx',
    description: "The workbook's path in the site's document library or the user's OneDrive",
    displayOptions: excel({ workbookLocation: ['site', 'user'] }),
  },
  {
    displayName: 'Sharing Link',
    name: 'sharingUrl',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'https://contoso.sharepoint.com/:x:/s/HR/EaBc…',
    displayOptions: excel({ workbookLocation: ['share'] }),
  },
  {
    displayName: 'Data',
    name: 'excelData',
    type: 'options',
    options: [
      { name: 'Worksheet', value: 'worksheet' },
      { name: 'Table', value: 'table', description: 'A table made with Insert > Table' },
    ],
    default: 'worksheet',
    displayOptions: excel(),
  },
  {
    displayName: 'Worksheet',
    name: 'worksheetName',
    type: 'string',
    default: 'Sheet1',
    required: true,
    displayOptions: excel({ excelData: ['worksheet'] }),
  },
  {
    displayName: 'Header Row',
    name: 'headerRow',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 1,
    description: 'The sheet row that names the columns; the rows below it are the employees',
    displayOptions: excel({ excelData: ['worksheet'] }),
  },
  {
    displayName: 'Table',
    name: 'tableName',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'Employees',
    displayOptions: excel({ excelData: ['table'] }),
  },
  {
    displayName: 'Filter',
    name: 'entraFilter',
    type: 'string',
    default: 'accountEnabled eq true',
    placeholder: 'employeeId ne null and accountEnabled eq true',
    description:
      "An OData filter on the users (Microsoft Graph's $filter); filters that need advanced queries, such as ne or endsWith, are sent with ConsistencyLevel: eventual",
    displayOptions: show({ microsoft365Data: ['entraUsers'] }),
  },
  {
    displayName: 'More Attributes',
    name: 'entraAttributes',
    type: 'string',
    default: '',
    placeholder: 'officeLocation, employeeType',
    description:
      'Further user properties to read, comma-separated, kept under their Graph names for the field mapping',
    displayOptions: show({ microsoft365Data: ['entraUsers'] }),
  },
];

/** The rows as items, each with its sheet row number as `line`, for CSV Parse & Validate. */
export async function readMicrosoft365(
  context: IExecuteFunctions,
  itemIndex: number,
): Promise<INodeExecutionData[]> {
  const param = (name: string): string => String(context.getNodeParameter(name, itemIndex, ''));
  const graph = graphClientFor(
    context,
    await context.getCredentials('hrSyncMicrosoftGraphApi', itemIndex),
  );
  let rows: HrRow[];
  if (param('microsoft365Data') === 'entraUsers') {
    rows = await readEntraUsers(graph, {
      filter: param('entraFilter'),
      attributes: param('entraAttributes').split(','),
      onWarning: (message) =>
        context.addExecutionHints({ message, type: 'warning', location: 'outputPane' }),
    });
  } else {
    const data: ExcelData =
      param('excelData') === 'table'
        ? { kind: 'table', name: param('tableName') }
        : {
            kind: 'worksheet',
            name: param('worksheetName'),
            headerRow: Number(context.getNodeParameter('headerRow', itemIndex, 1)),
          };
    ({ rows } = await readExcelRows(graph, { workbook: workbookOf(param), data }));
  }
  return rows.map((row) => ({ json: row, pairedItem: { item: itemIndex } }));
}

function workbookOf(param: (name: string) => string): WorkbookLocation {
  const location = param('workbookLocation');
  if (location === 'share') return { kind: 'share', url: param('sharingUrl') };
  if (location === 'user')
    return { kind: 'user', user: param('oneDriveUser'), path: param('workbookPath') };
  return { kind: 'site', site: param('siteUrl'), path: param('workbookPath') };
}

export const microsoft365Source: HrSourceDefinition = {
  option: {
    name: 'Microsoft 365',
    description: 'An Excel workbook on SharePoint or OneDrive, or the Entra ID users',
  },
  credentials: [
    {
      name: 'hrSyncMicrosoftGraphApi',
      required: true,
      testedBy: 'hrSyncMicrosoftGraphTest',
      displayOptions: { show: { source: ['microsoft365'] } },
    },
  ],
  credentialTests: { hrSyncMicrosoftGraphTest },
  properties: microsoft365Properties,
  read: readMicrosoft365,
};
