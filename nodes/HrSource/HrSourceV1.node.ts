import {
  NodeOperationError,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { RemoteError, SourceError } from '../../src';
import { remoteNodeError } from '../shared/remote-node-error';
import {
  hrSourceCredentialTests,
  hrSourceCredentials,
  hrSourceOf,
  hrSourceProperties,
} from './sources';

/** Reads the employees from the chosen source: the router (./sources) knows each one. */
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
    credentials: hrSourceCredentials(),
    properties: hrSourceProperties(),
  };

  methods = { credentialTest: hrSourceCredentialTests() };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const output: INodeExecutionData[] = [];
    const items = this.getInputData();
    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      try {
        const source = this.getNodeParameter('source', itemIndex) as string;
        const definition = hrSourceOf(source);
        if (!definition) {
          throw new NodeOperationError(this.getNode(), `Unknown source "${source}"`, {
            itemIndex,
          });
        }
        output.push(...(await definition.read(this, itemIndex)));
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
