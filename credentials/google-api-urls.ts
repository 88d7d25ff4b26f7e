import type { INodeProperties } from 'n8n-workflow';

/** The Sheets and Admin SDK roots both Google credentials may point elsewhere (a private endpoint, a proxy, a test). */
export const GOOGLE_API_URL_PROPERTIES: INodeProperties[] = [
  {
    displayName: 'Sheets API URL',
    name: 'sheetsApiUrl',
    type: 'string',
    default: '',
    placeholder: 'https://sheets.googleapis.com/',
    description: 'Only for a private service endpoint or a proxy; empty means Google’s public one',
  },
  {
    displayName: 'Admin SDK API URL',
    name: 'adminApiUrl',
    type: 'string',
    default: '',
    placeholder: 'https://admin.googleapis.com/',
    description: 'Only for a private service endpoint or a proxy; empty means Google’s public one',
  },
];
