import type {
  ICredentialDataDecryptedObject,
  IExecuteFunctions,
  INodeCredentialDescription,
  INodeProperties,
} from 'n8n-workflow';
import type { GoogleTokenSource, HttpClient } from '../../src';
import { googleOAuth2Tokens, googleServiceAccountTokens } from './google-credential-test';

/**
 * How a Google node signs in: a service account (with domain-wide delegation for Workspace)
 * or an OAuth2 sign-in, each its own credential type. Shared by HR Source (Google Sheets)
 * and the Google Workspace platform of User Upsert and Archive Missing Users.
 */
export type GoogleAuthentication = 'serviceAccount' | 'oAuth2';

export const GOOGLE_CREDENTIAL: Record<GoogleAuthentication, string> = {
  serviceAccount: 'hrSyncGoogleServiceAccountApi',
  oAuth2: 'hrSyncGoogleOAuth2Api',
};

/** The Test of each; see google-credential-test.ts. */
const GOOGLE_CREDENTIAL_TEST: Record<GoogleAuthentication, string> = {
  serviceAccount: 'hrSyncGoogleServiceAccountTest',
  // n8n 2.41 tests any credential built on oAuth2Api with its own check (is there an access
  // token?) and never calls this; named anyway for an n8n that does.
  oAuth2: 'hrSyncGoogleOAuth2Test',
};

/** The authentication choice, shown where `show` says (a source or a platform). */
export function googleAuthenticationProperty(show: Record<string, string[]>): INodeProperties {
  return {
    displayName: 'Authentication',
    name: 'googleAuthentication',
    type: 'options',
    options: [
      {
        name: 'Service Account',
        value: 'serviceAccount',
        description:
          'A Google Cloud service account key; for Google Workspace with domain-wide delegation to an admin',
      },
      { name: 'OAuth2', value: 'oAuth2', description: 'Sign in with a Google account' },
    ],
    default: 'serviceAccount',
    displayOptions: { show },
  };
}

/** Both Google credentials, each shown for its authentication choice. */
export function googleCredentials(show: Record<string, string[]>): INodeCredentialDescription[] {
  return (Object.keys(GOOGLE_CREDENTIAL) as GoogleAuthentication[]).map((authentication) => ({
    name: GOOGLE_CREDENTIAL[authentication],
    required: true,
    testedBy: GOOGLE_CREDENTIAL_TEST[authentication],
    displayOptions: { show: { ...show, googleAuthentication: [authentication] } },
  }));
}

export function googleAuthenticationOf(
  context: Pick<IExecuteFunctions, 'getNodeParameter'>,
  itemIndex = 0,
): GoogleAuthentication {
  return context.getNodeParameter('googleAuthentication', itemIndex, 'serviceAccount') === 'oAuth2'
    ? 'oAuth2'
    : 'serviceAccount';
}

export interface GoogleSignIn {
  tokens: GoogleTokenSource;
  /** The credential's fields (the API URLs a private endpoint or a test names). */
  data: ICredentialDataDecryptedObject;
}

/** The node's Google credential, for its authentication choice, as a token source on `http`. */
export async function googleSignIn(
  context: IExecuteFunctions,
  http: HttpClient,
  itemIndex = 0,
): Promise<GoogleSignIn> {
  const authentication = googleAuthenticationOf(context, itemIndex);
  const data = await context.getCredentials(GOOGLE_CREDENTIAL[authentication], itemIndex);
  const tokens =
    authentication === 'oAuth2'
      ? googleOAuth2Tokens(http, data)
      : googleServiceAccountTokens(http, data);
  return { tokens, data };
}

/** A credential's API URL field, when it names one (empty: Google's public endpoint). */
export function apiUrlOf(data: ICredentialDataDecryptedObject, field: string): string | undefined {
  const url = String(data[field] ?? '').trim();
  return url || undefined;
}
