import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { EntraDirectory, type Directory, type FieldMapping } from '../../src';
import { graphClientFor } from './graph-credential-test';

/**
 * Microsoft Entra ID as the platform of User Upsert and Archive Missing Users: its settings
 * and its Directory, on the Microsoft Graph credential.
 */
export const entraPrincipalNameProperty: INodeProperties = {
  displayName: 'User Principal Name',
  name: 'entraUserPrincipalName',
  type: 'string',
  default: '',
  required: true,
  placeholder: '{firstName}.{lastName}@contoso.com',
  description:
    'The sign-in name of a new user, from HR fields in braces (firstName, lastName, externalId, …) and a verified domain of the tenant. Accents are dropped and a taken name gets a number: anna.smit2@contoso.com. Existing users keep theirs.',
  displayOptions: { show: { target: ['entra'] } },
};

export const entraMatchOnProperty: INodeProperties = {
  displayName: 'Match by E-Mail On',
  name: 'entraMatchOn',
  type: 'options',
  options: [
    { name: 'Mail', value: 'mail' },
    { name: 'User Principal Name', value: 'userPrincipalName' },
  ],
  default: 'mail',
  description:
    'Which property of an Entra user the HR e-mail is matched with when no user has the employee ID yet',
  displayOptions: { show: { target: ['entra'], matchByEmail: [true] } },
};

/** The Entra Directory on the node's Microsoft Graph credential. */
export async function connectEntra(
  context: IExecuteFunctions,
  mappings: readonly FieldMapping[],
  timeoutMs: number,
): Promise<Directory> {
  const data = await context.getCredentials('hrSyncMicrosoftGraphApi');
  const graph = graphClientFor(context, data, timeoutMs);
  const upserting = context.getNode().type.endsWith('userUpsert');
  const template = upserting ? String(context.getNodeParameter('entraUserPrincipalName', 0)) : '';
  const matchByEmail = upserting && (context.getNodeParameter('matchByEmail', 0) as boolean);
  return new EntraDirectory(graph, {
    attributes: mappings.map((mapping) => mapping.attribute),
    ...(template ? { userPrincipalNameTemplate: template } : {}),
    matchFallback: matchByEmail
      ? (context.getNodeParameter('entraMatchOn', 0, 'mail') as 'mail' | 'userPrincipalName')
      : 'none',
    readManagers: upserting && (context.getNodeParameter('linkManagers', 0, true) as boolean),
  });
}
