import type {
  ICredentialTestFunctions,
  ICredentialsDecrypted,
  IExecuteFunctions,
  INodeCredentialDescription,
  INodeCredentialTestResult,
  INodeExecutionData,
  INodeProperties,
} from 'n8n-workflow';

export type CredentialTest = (
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
) => Promise<INodeCredentialTestResult>;

/**
 * One choice of HR Source's "Source": what it asks, which credentials it signs in with
 * (each shown only for it through displayOptions), and how it reads one input item.
 */
export interface HrSourceDefinition {
  /** Its entry in the "Source" list; the value is the router's key. */
  option: { name: string; description: string };
  /** Its fields, each shown only for this source (or for a family that shares it). */
  properties: INodeProperties[];
  credentials: INodeCredentialDescription[];
  /** The credential tests its credentials name in `testedBy`. */
  credentialTests?: Record<string, CredentialTest>;
  /** Whether it hands on a file in a binary field rather than one item per employee. */
  producesFile?: boolean;
  /** The items read for one input item, each paired with it. */
  read(context: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}
