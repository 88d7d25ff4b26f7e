import {
  NodeOperationError,
  type ICredentialDataDecryptedObject,
  type ICredentialTestFunctions,
  type ICredentialsDecrypted,
  type IExecuteFunctions,
  type INodeCredentialTestResult,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import {
  RemoteError,
  SourceError,
  moveSftpFile,
  readHttpsFile,
  readSftpFile,
  testSftpConnection,
  type SftpConnection,
} from '../../src';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { remoteNodeError } from '../shared/remote-node-error';
import { hrSourceProperties } from './HrSource.description';
import { readMicrosoft365 } from './sources/microsoft365';
import { hrSyncMicrosoftGraphTest } from '../shared/graph-credential-test';
import {
  hrSyncBambooHrTest,
  hrSyncHiBobTest,
  hrSyncPersonioTest,
} from '../shared/hr-system-credential-tests';
import { HR_SYSTEMS, readHrSystem, type HrSystem } from './sources/hr-systems';
import { readGoogleSheets } from './sources/google-sheets';
import {
  hrSyncGoogleOAuth2Test,
  hrSyncGoogleServiceAccountTest,
} from '../shared/google-credential-test';

/** Reads the HR export and hands it on as a binary file. */
export class HrSourceV1 implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'HR Source',
    name: 'hrSource',
    icon: { light: 'file:hrSource.svg', dark: 'file:hrSource.dark.svg' },
    group: ['input'],
    version: 1,
    subtitle:
      '={{$parameter["source"] === "https" ? "HTTPS file" : $parameter["source"] === "microsoft365" ? ($parameter["microsoft365Data"] === "entraUsers" ? "Entra ID users" : "Excel workbook") : $parameter["source"] === "bamboohr" ? "BambooHR" : $parameter["source"] === "personio" ? "Personio" : $parameter["source"] === "hibob" ? "HiBob" : $parameter["source"] === "googleSheets" ? "Google Sheet" : "SFTP file"}}',
    description:
      'Read the employees from an SFTP or HTTPS export, an Excel workbook on SharePoint or OneDrive, Entra ID, BambooHR, Personio, HiBob or a Google Sheet',
    defaults: { name: 'HR Source' },
    inputs: ['main'],
    outputs: ['main'],
    credentials: [
      {
        name: 'hrSyncSftpApi',
        required: true,
        testedBy: 'hrSyncSftpConnectionTest',
        displayOptions: { show: { source: ['sftp'] } },
      },
      {
        name: 'hrSyncHttpsFileApi',
        required: true,
        displayOptions: { show: { source: ['https'], authentication: ['credential'] } },
      },
      {
        name: 'hrSyncMicrosoftGraphApi',
        required: true,
        testedBy: 'hrSyncMicrosoftGraphTest',
        displayOptions: { show: { source: ['microsoft365'] } },
      },
      {
        name: 'hrSyncBambooHrApi',
        required: true,
        testedBy: 'hrSyncBambooHrTest',
        displayOptions: { show: { source: ['bamboohr'] } },
      },
      {
        name: 'hrSyncPersonioApi',
        required: true,
        testedBy: 'hrSyncPersonioTest',
        displayOptions: { show: { source: ['personio'] } },
      },
      {
        name: 'hrSyncHiBobApi',
        required: true,
        testedBy: 'hrSyncHiBobTest',
        displayOptions: { show: { source: ['hibob'] } },
      },
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
    properties: hrSourceProperties,
  };

  methods = {
    credentialTest: {
      hrSyncMicrosoftGraphTest,
      hrSyncBambooHrTest,
      hrSyncPersonioTest,
      hrSyncHiBobTest,
      hrSyncGoogleServiceAccountTest,
      hrSyncGoogleOAuth2Test,
      async hrSyncSftpConnectionTest(
        this: ICredentialTestFunctions,
        credential: ICredentialsDecrypted,
      ): Promise<INodeCredentialTestResult> {
        try {
          const connection = sftpConnection(credential.data ?? {});
          // Without a fingerprint the connection is refused (naming the key the server
          // presented), so "matches" is only ever said of a fingerprint the admin gave.
          await testSftpConnection(connection);
          return {
            status: 'OK',
            message: `Connected, and the server's host key matches ${shownFingerprint(connection)}`,
          };
        } catch (error) {
          return {
            status: 'Error',
            message: error instanceof Error ? error.message : String(error),
          };
        }
      },
    },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const output: INodeExecutionData[] = [];
    const items = this.getInputData();
    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      try {
        const source = this.getNodeParameter('source', itemIndex) as string;
        if (HR_SYSTEMS.includes(source as HrSystem)) {
          output.push(...(await readHrSystem(this, itemIndex, source as HrSystem)));
          continue;
        }
        if (source === 'microsoft365') {
          // One item per employee row, for CSV Parse & Validate's rows-as-items input.
          output.push(...(await readMicrosoft365(this, itemIndex)));
          continue;
        }
        if (this.getNodeParameter('source', itemIndex) === 'googleSheets') {
          output.push(...(await readGoogleSheets(this, itemIndex)));
          continue;
        }
        output.push({ ...(await readOne(this, itemIndex)), pairedItem: { item: itemIndex } });
      } catch (error) {
        if (this.continueOnFail()) {
          output.push({
            json: { error: (error as Error).message },
            pairedItem: { item: itemIndex },
          });
          continue;
        }
        throw asNodeError(this, error, itemIndex);
      }
    }
    return [output];
  }
}

async function readOne(context: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
  const source = context.getNodeParameter('source', itemIndex) as 'sftp' | 'https';
  if (source === 'https') return readFromHttps(context, itemIndex);
  const connection = sftpConnection(await context.getCredentials('hrSyncSftpApi', itemIndex));
  const operation = context.getNodeParameter('operation', itemIndex) as 'read' | 'moveProcessed';
  if (operation === 'moveProcessed') {
    const from = context.getNodeParameter('processedPath', itemIndex) as string;
    const folder = context.getNodeParameter('processedFolder', itemIndex) as string;
    const movedTo = await moveSftpFile(connection, from, folder);
    return { json: { source: 'sftp', host: connection.host, movedFrom: from, path: movedTo } };
  }
  const selection = context.getNodeParameter('fileSelection', itemIndex) as 'path' | 'pattern';
  const stableSeconds = Number(context.getNodeParameter('stableSeconds', itemIndex, 0));
  const file = await readSftpFile(connection, {
    ...(selection === 'path'
      ? { path: context.getNodeParameter('path', itemIndex) as string }
      : {
          folder: context.getNodeParameter('folder', itemIndex) as string,
          pattern: context.getNodeParameter('pattern', itemIndex) as string,
        }),
    stableSizeWaitMs: Math.max(0, stableSeconds) * 1000,
  });
  const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
  return {
    json: {
      source: 'sftp',
      host: connection.host,
      path: file.path,
      fileName: file.fileName,
      size: file.size,
      modifiedAt: file.modifiedAt.toISOString(),
    },
    binary: {
      [property]: await context.helpers.prepareBinaryData(file.data, file.fileName, 'text/csv'),
    },
  };
}

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

function sftpConnection(data: ICredentialDataDecryptedObject): SftpConnection {
  const usesKey = data.authMethod === 'privateKey';
  const text = (name: string) => (typeof data[name] === 'string' ? (data[name] as string) : '');
  return {
    host: text('host'),
    port: Number(data.port ?? 22),
    username: text('username'),
    ...(usesKey ? { privateKey: text('privateKey') } : { password: text('password') }),
    ...(usesKey && text('passphrase') ? { passphrase: text('passphrase') } : {}),
    ...(text('hostKeyFingerprint') ? { hostKeyFingerprint: text('hostKeyFingerprint') } : {}),
  };
}

/** The credential's fingerprint as the admin knows it: OpenSSH's "SHA256:base64". */
function shownFingerprint(connection: SftpConnection): string {
  const text = (connection.hostKeyFingerprint ?? '').trim();
  const token = text.split(/\s+/).find((part) => /^sha256:/i.test(part)) ?? text;
  return `SHA256:${token.replace(/^sha256:/i, '').replace(/=+$/, '')}`;
}

/** Source failures are remote: NodeApiError, with the engine's message (which holds no secret). */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
  if (error instanceof SourceError || error instanceof RemoteError) {
    return remoteNodeError(context.getNode(), error.message, {
      description: 'Nothing was read, so nothing after this node ran.',
      itemIndex,
    });
  }
  return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
