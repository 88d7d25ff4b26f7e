import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { readHttpsFile } from '../../../src';
import { n8nHttpClient } from '../../shared/n8n-http-client';
import type { HrSourceDefinition } from './hr-source';

const SHOW = { source: ['https'] };

/** HR Source → HTTPS file: an export published at a link, handed on as a binary file. */
export const httpsSource: HrSourceDefinition = {
  option: { name: 'HTTPS File', description: 'An export published at an HTTPS link' },
  producesFile: true,
  credentials: [
    {
      name: 'hrSyncHttpsFileApi',
      required: true,
      displayOptions: { show: { source: ['https'], authentication: ['credential'] } },
    },
  ],
  properties: [
    {
      displayName: 'URL',
      name: 'url',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'https://hr.example.com/exports/employees.csv',
      displayOptions: { show: SHOW },
    },
    {
      displayName: 'Authentication',
      name: 'authentication',
      type: 'options',
      options: [
        { name: 'None', value: 'none' },
        { name: 'HTTPS File Credential', value: 'credential' },
      ],
      default: 'credential',
      displayOptions: { show: SHOW },
    },
  ],
  read: async (context, itemIndex) => [
    { ...(await readFromHttps(context, itemIndex)), pairedItem: { item: itemIndex } },
  ],
};

async function readFromHttps(
  context: IExecuteFunctions,
  itemIndex: number,
): Promise<INodeExecutionData> {
  const url = context.getNodeParameter('url', itemIndex) as string;
  const authentication = context.getNodeParameter('authentication', itemIndex) as
    'none' | 'credential';
  const http = n8nHttpClient(
    context,
    authentication === 'credential' ? 'hrSyncHttpsFileApi' : undefined,
  );
  const file = await readHttpsFile(http, url);
  const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
  return {
    json: { source: 'https', url: file.url, fileName: file.fileName, size: file.size },
    binary: {
      [property]: await context.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType),
    },
  };
}
