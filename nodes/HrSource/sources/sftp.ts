import type {
  ICredentialDataDecryptedObject,
  IExecuteFunctions,
  INodeExecutionData,
  INodeProperties,
} from 'n8n-workflow';
import { moveSftpFile, readSftpFile, testSftpConnection, type SftpConnection } from '../../../src';
import type { CredentialTest, HrSourceDefinition } from './hr-source';

const SHOW = { source: ['sftp'] };

const sftpProperties: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: SHOW },
    options: [
      { name: 'Read File', value: 'read', action: 'Read the export file' },
      {
        name: 'Move File to Processed Folder',
        value: 'moveProcessed',
        action: 'Move the export file to a processed folder',
        description:
          'Put this at the end of the workflow, so the file is moved only after a successful run',
      },
    ],
    default: 'read',
  },
  {
    displayName: 'Which File',
    name: 'fileSelection',
    type: 'options',
    displayOptions: { show: { source: ['sftp'], operation: ['read'] } },
    options: [
      { name: 'This Path', value: 'path' },
      { name: 'Newest File Matching a Pattern', value: 'pattern' },
    ],
    default: 'path',
  },
  {
    displayName: 'File Path',
    name: 'path',
    type: 'string',
    default: '',
    required: true,
    placeholder: '/exports/employees.csv',
    displayOptions: { show: { source: ['sftp'], operation: ['read'], fileSelection: ['path'] } },
  },
  {
    displayName: 'Folder',
    name: 'folder',
    type: 'string',
    default: '/',
    required: true,
    displayOptions: { show: { source: ['sftp'], operation: ['read'], fileSelection: ['pattern'] } },
  },
  {
    displayName: 'File Name Pattern',
    name: 'pattern',
    type: 'string',
    default: 'employees_*.csv',
    description: 'Use * for any text and ? for one character; the newest matching file is read',
    displayOptions: { show: { source: ['sftp'], operation: ['read'], fileSelection: ['pattern'] } },
  },
  {
    displayName: 'Wait Until the File Size Is Stable (Seconds)',
    name: 'stableSeconds',
    type: 'number',
    default: 0,
    description:
      'When HR may still be uploading: check the size, wait this long, check again; 0 reads at once',
    displayOptions: { show: { source: ['sftp'], operation: ['read'] } },
  },
  {
    displayName: 'File Path',
    name: 'processedPath',
    type: 'string',
    default: '={{ $("HR Source").first().json.path }}',
    required: true,
    description:
      'The file that was read; by default the path the HR Source node named "HR Source" read',
    displayOptions: { show: { source: ['sftp'], operation: ['moveProcessed'] } },
  },
  {
    displayName: 'Processed Folder',
    name: 'processedFolder',
    type: 'string',
    default: '/processed',
    required: true,
    description: 'Created when missing; a file of the same name there is never overwritten',
    displayOptions: { show: { source: ['sftp'], operation: ['moveProcessed'] } },
  },
];

const hrSyncSftpConnectionTest: CredentialTest = async function (credential) {
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
};

/**
 * HR Source → SFTP file: reads the nightly export (a path, or the newest file matching a
 * pattern) as a binary file, or moves it to a processed folder at the end of the run.
 */
export const sftpSource: HrSourceDefinition = {
  option: { name: 'SFTP File', description: 'The nightly export on an SFTP server' },
  producesFile: true,
  credentials: [
    {
      name: 'hrSyncSftpApi',
      required: true,
      testedBy: 'hrSyncSftpConnectionTest',
      displayOptions: { show: SHOW },
    },
  ],
  credentialTests: { hrSyncSftpConnectionTest },
  properties: sftpProperties,
  read: async (context, itemIndex) => [
    { ...(await readOrMove(context, itemIndex)), pairedItem: { item: itemIndex } },
  ],
};

async function readOrMove(
  context: IExecuteFunctions,
  itemIndex: number,
): Promise<INodeExecutionData> {
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
