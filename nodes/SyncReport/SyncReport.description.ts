import type { INodeProperties } from 'n8n-workflow';

export const syncReportProperties: INodeProperties[] = [
  {
    displayName:
      'Gathers what the HR Sync nodes before this one did in this run (rows read, valid, rejected, created, updated, archived, failed, brakes) into one item, with an HTML summary for the Send Email node and a spreadsheet-safe CSV.',
    name: 'intro',
    type: 'notice',
    default: '',
  },
  {
    displayName: 'Report Title',
    name: 'title',
    type: 'string',
    default: 'Employee sync report',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Max Rows in the HTML',
        name: 'maxRows',
        type: 'number',
        default: 200,
        description: 'Users and rejected rows listed in the e-mail; the CSV always has them all',
      },
    ],
  },
];
