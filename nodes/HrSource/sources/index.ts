import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import type { CredentialTest, HrSourceDefinition } from './hr-source';
import { googleSheetsSource } from './google-sheets';
import { hrSystemSource } from './hr-systems';
import { httpsSource } from './https';
import { microsoft365Source } from './microsoft365';
import { sftpSource } from './sftp';

export type { HrSourceDefinition } from './hr-source';

/**
 * HR Source's router: each value of "Source" → its fields, credentials and read, in the
 * order the "Source" list shows them. A new source is one file and one line here.
 */
export const HR_SOURCES: Record<string, HrSourceDefinition> = {
  sftp: sftpSource,
  https: httpsSource,
  microsoft365: microsoft365Source,
  bamboohr: hrSystemSource('bamboohr'),
  hibob: hrSystemSource('hibob'),
  personio: hrSystemSource('personio'),
  googleSheets: googleSheetsSource,
};

const sources = Object.entries(HR_SOURCES);

/** The source a "Source" value names; undefined for a value no source has. */
export function hrSourceOf(value: string): HrSourceDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(HR_SOURCES, value) ? HR_SOURCES[value] : undefined;
}

/** The node's fields: "Source" first, then each source's own, then the file field. */
export function hrSourceProperties(): INodeProperties[] {
  const own = new Set(sources.flatMap(([, source]) => source.properties));
  return [sourceProperty(), ...own, fileOutputProperty()];
}

export function hrSourceCredentials(): INodeCredentialDescription[] {
  return sources.flatMap(([, source]) => source.credentials);
}

export function hrSourceCredentialTests(): Record<string, CredentialTest> {
  return Object.assign({}, ...sources.map(([, source]) => source.credentialTests ?? {}));
}

function sourceProperty(): INodeProperties {
  return {
    displayName: 'Source',
    name: 'source',
    type: 'options',
    noDataExpression: true,
    options: sources.map(([value, { option }]) => ({ ...option, value })),
    default: 'sftp',
  };
}

/** Where the sources that hand on a file put it; the others give one item per employee. */
function fileOutputProperty(): INodeProperties {
  return {
    displayName: 'Put Output File in Field',
    name: 'binaryPropertyName',
    type: 'string',
    default: 'data',
    required: true,
    displayOptions: {
      hide: {
        operation: ['moveProcessed'],
        source: sources.filter(([, source]) => !source.producesFile).map(([value]) => value),
      },
    },
  };
}
